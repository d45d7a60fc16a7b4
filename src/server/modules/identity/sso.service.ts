import { timingSafeEqual } from 'node:crypto';
import type * as Oidc from 'openid-client';
import { AppError, causeOf } from '../../platform/errors.js';
import { createOutboundFetch } from '../../platform/outbound-fetch.js';
import { type OutboundPolicy, OutboundPolicyError, vetUrl } from '../../platform/outbound-policy.js';
import { type SecretBox, sha256Hex } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthService, LoginMeta, NewSession } from './auth.service.js';
import type { SsoRepository, SsoSettingsRow } from './sso.repository.js';
import {
  type DomainRole,
  emailDomain,
  issuerProblem,
  isVerified,
  normaliseDomainRoles,
  parseDomainRoles,
} from './sso.rules.js';
import type { SsoAccounts } from './sso-accounts.js';
import type { SsoClaimsRepository } from './sso-claims.repository.js';

/** openid-client loads with the first sign-in through SSO, not at start. */
const loadOidc = () => import('openid-client');

export interface SsoSettingsView {
  enabled: boolean;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  domains: Array<DomainRole & { claim: 'pending' | 'approved' | 'rejected' }>;
  version: number;
  updatedAt: string | null;
}

export interface SsoSettingsInput {
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** Omitted or empty keeps the stored secret. */
  clientSecret?: string;
  domains: Array<{ domain: string; role: string }>;
  /** The version the caller loaded (0 when nothing was configured). */
  version: number;
}

export interface SsoCallbackInput {
  /** The callback's raw query string, as the provider sent it. */
  search: string;
  /** The state value from the browser-bound cookie set at start. */
  stateCookie: string | undefined;
  meta: LoginMeta;
  replacing?: string;
}

export type SsoOutcome =
  | (NewSession & { kind: 'signed-in'; orgId: string })
  | { kind: 'linked'; orgId: string };

/** How long a started sign-in may take at the provider. */
const STATE_TTL_MS = 10 * 60_000;
const SCOPE = 'openid email profile';

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * OpenID Connect per organisation: settings (secret sealed at rest), issuers only on public HTTPS addresses
 * (the outbound policy; every request to the provider goes through it), the authorization-code flow with
 * PKCE, state and nonce kept in the database (so any instance can finish a login another started). Who may
 * come in is decided in sso-accounts.ts.
 */
export class SsoService {
  private readonly fetch: ReturnType<typeof createOutboundFetch>;

  constructor(
    private readonly repo: SsoRepository,
    private readonly claims: SsoClaimsRepository,
    private readonly accounts: SsoAccounts,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    private readonly policy: OutboundPolicy,
  ) {
    this.fetch = createOutboundFetch({
      policy,
      timeoutMs: 10_000,
      maxBytes: 1024 * 1024,
      allowHttp: policy.allowPrivateTargets,
    });
  }

  private async view(row: SsoSettingsRow | undefined): Promise<SsoSettingsView> {
    const claims = row
      ? new Map((await this.claims.ofOrganization(row.org_id)).map((c) => [c.domain, c.status]))
      : new Map();
    return {
      enabled: row?.enabled === 1,
      issuer: row?.issuer ?? '',
      clientId: row?.client_id ?? '',
      hasClientSecret: Boolean(row?.client_secret),
      domains: row
        ? parseDomainRoles(row.domain_roles).map((d) => ({ ...d, claim: claims.get(d.domain) ?? 'pending' }))
        : [],
      version: row?.version ?? 0,
      updatedAt: row?.updated_at ?? null,
    };
  }

  async getSettings(orgId: string): Promise<SsoSettingsView> {
    return this.view(await this.repo.findSettings(orgId));
  }

  /** The issuer must be a URL whose host resolves to public addresses only (outside the development flag). */
  private async vetIssuer(issuer: string): Promise<void> {
    const invalid = (reason: string) => new AppError(400, 'SSO_SETTINGS_INVALID', { reason });
    const problem = issuerProblem(issuer);
    if (problem) throw invalid(problem);
    try {
      await vetUrl(issuer, this.policy);
    } catch (error) {
      if (error instanceof OutboundPolicyError) throw invalid(error.code);
      throw error;
    }
  }

  async updateSettings(
    actorUserId: string,
    orgId: string,
    input: SsoSettingsInput,
  ): Promise<SsoSettingsView> {
    const current = await this.repo.findSettings(orgId);
    if ((current?.version ?? 0) !== input.version)
      throw new AppError(409, 'VERSION_CONFLICT', { current: await this.view(current) });
    const issuer = input.issuer.trim();
    const clientId = input.clientId.trim();
    const invalid = (reason: string) => new AppError(400, 'SSO_SETTINGS_INVALID', { reason });
    if (issuer) await this.vetIssuer(issuer);
    const domains = normaliseDomainRoles(input.domains);
    if (!domains.ok) throw invalid(domains.reason);
    const sealed = input.clientSecret
      ? this.secrets.seal(input.clientSecret)
      : (current?.client_secret ?? null);
    if (input.enabled && (!issuer || !clientId || !sealed || domains.value.length === 0))
      throw invalid('INCOMPLETE');
    const row: SsoSettingsRow = {
      org_id: orgId,
      enabled: input.enabled ? 1 : 0,
      issuer,
      client_id: clientId,
      client_secret: sealed,
      domain_roles: JSON.stringify(domains.value),
      updated_at: new Date().toISOString(),
      version: (current?.version ?? 0) + 1,
    };
    // Enabling: reach the provider now, so the administrator learns at once which step fails.
    if (input.enabled) await this.discover(row);
    const mapped = domains.value.map((d) => d.domain);
    const heldElsewhere = (await this.claims.holderOf(mapped)).find((c) => c.org_id !== orgId);
    if (heldElsewhere) throw new AppError(409, 'SSO_DOMAIN_CLAIMED', { domain: heldElsewhere.domain });
    const { hasClientSecret: _before, ...before } = await this.view(current);
    try {
      await this.repo.transaction(async (trx) => {
        if (current) {
          if (!(await this.repo.updateSettings(trx, row, current.version)))
            throw new AppError(409, 'VERSION_CONFLICT');
        } else {
          await this.repo.insertSettings(trx, row);
        }
        await this.claims.releaseExcept(trx, orgId, mapped);
        const held = new Set((await this.claims.holderOf(mapped, trx)).map((c) => c.domain));
        for (const domain of mapped.filter((d) => !held.has(d)))
          await this.claims.insert(trx, {
            domain,
            org_id: orgId,
            status: 'pending',
            requested_by: actorUserId,
            requested_at: row.updated_at,
            decided_by: null,
            decided_at: null,
          });
        await this.audit.record(trx, {
          orgId,
          actorUserId,
          action: 'org.sso.update',
          targetType: 'organization',
          targetId: orgId,
          before: current ? before : undefined,
          after: {
            enabled: input.enabled,
            issuer,
            clientId,
            domains: domains.value,
            credentialReplaced: Boolean(input.clientSecret),
          },
        });
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      // Two first saves racing (the primary key lets one through), or a domain claimed meanwhile.
      if (!current && (await this.repo.findSettings(orgId)))
        throw new AppError(409, 'VERSION_CONFLICT', {
          current: await this.view(await this.repo.findSettings(orgId)),
        });
      const claimed = (await this.claims.holderOf(mapped)).find((c) => c.org_id !== orgId);
      if (claimed) throw new AppError(409, 'SSO_DOMAIN_CLAIMED', { domain: claimed.domain });
      throw error;
    }
    return this.view(row);
  }

  /** Organisations whose enabled SSO holds an approved claim on the e-mail's domain (ids and names only). */
  async providersForEmail(email: string): Promise<Array<{ orgId: string; name: string }>> {
    const domain = emailDomain(email);
    if (!domain) return [];
    const [claim] = await this.claims.holderOf([domain]);
    if (claim?.status !== 'approved') return [];
    return (await this.repo.enabledSettings())
      .filter(
        (s) => s.org_id === claim.org_id && parseDomainRoles(s.domain_roles).some((d) => d.domain === domain),
      )
      .map((s) => ({ orgId: s.org_id, name: s.name }));
  }

  private async discover(settings: SsoSettingsRow): Promise<Oidc.Configuration> {
    const oidc = await loadOidc();
    if (!settings.client_secret) throw new AppError(404, 'SSO_NOT_CONFIGURED');
    try {
      return await oidc.discovery(
        new URL(settings.issuer),
        settings.client_id,
        undefined,
        oidc.ClientSecretBasic(this.secrets.open(settings.client_secret)),
        {
          timeout: 10,
          [oidc.customFetch]: this.fetch as unknown as Oidc.CustomFetch,
          // Plain HTTP is possible only under the development flag, for a provider on a private address.
          ...(new URL(settings.issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      );
    } catch (error) {
      throw new AppError(502, 'SSO_PROVIDER_UNAVAILABLE', { step: 'discovery' }, causeOf(error, 'discovery'));
    }
  }

  /**
   * Begins a sign-in: stores state, nonce and PKCE verifier, and returns where to send the browser. With
   * `linkUserId` (a signed-in person, from their profile) the flow links the provider's identity instead.
   */
  async start(orgId: string, redirectUri: string, linkUserId: string | null = null) {
    const oidc = await loadOidc();
    const settings = await this.repo.findSettings(orgId);
    if (settings?.enabled !== 1) throw new AppError(404, 'SSO_NOT_CONFIGURED');
    const config = await this.discover(settings);
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const now = new Date();
    await this.repo.purgeExpiredStates(now.toISOString());
    await this.repo.insertState({
      state_hash: sha256Hex(state),
      org_id: orgId,
      nonce,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + STATE_TTL_MS).toISOString(),
      link_user_id: linkUserId,
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, state, ttlSeconds: STATE_TTL_MS / 1000 };
  }

  /** Records a refused sign-in (no e-mail address, only its domain) and returns the error to throw. */
  private async refuse(
    orgId: string | null,
    error: AppError,
    extra: Record<string, unknown> = {},
  ): Promise<AppError> {
    await this.repo.transaction((trx) =>
      this.audit.record(trx, {
        orgId,
        actorUserId: null,
        action: 'auth.login.failure',
        targetType: 'sso',
        targetId: orgId ?? 'unknown',
        after: { method: 'sso', reason: error.code, ...extra },
      }),
    );
    return error;
  }

  /** Finishes at the redirect URI: a session (scoped to the organisation), or a link to the signed-in person. */
  async callback(input: SsoCallbackInput): Promise<SsoOutcome> {
    const oidc = await loadOidc();
    const params = new URLSearchParams(input.search);
    const state = params.get('state');
    if (!state || !input.stateCookie || !sameSecret(state, input.stateCookie))
      throw await this.refuse(null, new AppError(400, 'SSO_STATE_INVALID'));
    const pending = await this.repo.consumeState(sha256Hex(state));
    if (!pending || Date.parse(pending.expires_at) < Date.now())
      throw await this.refuse(null, new AppError(400, 'SSO_STATE_INVALID'));
    const orgId = pending.org_id;
    const settings = await this.repo.findSettings(orgId);
    if (settings?.enabled !== 1) throw await this.refuse(orgId, new AppError(404, 'SSO_NOT_CONFIGURED'));
    if (params.has('error'))
      throw await this.refuse(orgId, new AppError(401, 'SSO_LOGIN_FAILED', { step: 'authorization' }));
    const config = await this.discover(settings);

    const currentUrl = new URL(pending.redirect_uri);
    currentUrl.search = params.toString();
    let step = 'token';
    let subject: string;
    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      subject = idClaims.sub;
      claims = { ...idClaims };
      // Providers that keep e-mail claims out of the ID token answer them at the userinfo endpoint.
      if (typeof claims.email !== 'string' || claims.email_verified === undefined) {
        step = 'userinfo';
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, subject)), ...claims };
      }
    } catch (error) {
      throw await this.refuse(orgId, new AppError(401, 'SSO_LOGIN_FAILED', { step }, causeOf(error, step)));
    }
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const domain = emailDomain(email);
    if (!isVerified(claims.email_verified))
      throw await this.refuse(orgId, new AppError(403, 'SSO_EMAIL_UNVERIFIED'), { domain });

    const decision = await this.accounts.admit({
      settings,
      subject,
      email,
      name: claims.name,
      linkUserId: pending.link_user_id,
    });
    if ('refusal' in decision) throw await this.refuse(orgId, decision.refusal, { domain });
    if (decision.kind === 'linked') return { kind: 'linked', orgId };
    const session = await this.auth.loginExternal(
      decision.user,
      input.meta,
      { orgId, method: 'sso' },
      input.replacing,
    );
    return { ...session, kind: 'signed-in', orgId };
  }
}
