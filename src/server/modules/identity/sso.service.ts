import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { AppError } from '../../platform/errors.js';
import { type SecretBox, sha256Hex } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthService, LoginMeta, NewSession } from './auth.service.js';
import type { IdentityRepository, UserRow } from './identity.repository.js';
import type { SsoRepository, SsoSettingsRow } from './sso.repository.js';
import {
  type DomainRole,
  emailDomain,
  isLoopbackHttp,
  issuerProblem,
  isVerified,
  normaliseDomainRoles,
  parseDomainRoles,
} from './sso.rules.js';

export interface SsoSettingsView {
  enabled: boolean;
  issuer: string;
  clientId: string;
  hasClientSecret: boolean;
  domains: DomainRole[];
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

/** How long a started sign-in may take at the provider. */
const STATE_TTL_MS = 10 * 60_000;
const SCOPE = 'openid email profile';

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * OpenID Connect sign-in per organisation: settings (secret sealed at rest), the authorization-code flow
 * with PKCE, state and nonce kept in the database (so any instance can finish a login another started), and
 * the rules deciding who may come in: a verified e-mail in an allowed domain, nobody who is a platform
 * administrator, and no existing account outside the organisation.
 */
export class SsoService {
  constructor(
    private readonly repo: SsoRepository,
    private readonly identity: IdentityRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
  ) {}

  private view(row: SsoSettingsRow | undefined): SsoSettingsView {
    return {
      enabled: row?.enabled === 1,
      issuer: row?.issuer ?? '',
      clientId: row?.client_id ?? '',
      hasClientSecret: Boolean(row?.client_secret),
      domains: row ? parseDomainRoles(row.domain_roles) : [],
      version: row?.version ?? 0,
      updatedAt: row?.updated_at ?? null,
    };
  }

  async getSettings(orgId: string): Promise<SsoSettingsView> {
    return this.view(await this.repo.findSettings(orgId));
  }

  async updateSettings(
    actorUserId: string,
    orgId: string,
    input: SsoSettingsInput,
  ): Promise<SsoSettingsView> {
    const current = await this.repo.findSettings(orgId);
    if ((current?.version ?? 0) !== input.version)
      throw new AppError(409, 'VERSION_CONFLICT', { current: this.view(current) });
    const issuer = input.issuer.trim();
    const clientId = input.clientId.trim();
    const invalid = (reason: string) => new AppError(400, 'SSO_SETTINGS_INVALID', { reason });
    if (issuer) {
      const problem = issuerProblem(issuer);
      if (problem) throw invalid(problem);
    }
    const domains = normaliseDomainRoles(input.domains);
    if (!domains.ok) throw invalid(domains.reason);
    const secretChanged = Boolean(input.clientSecret);
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
    const { hasClientSecret: _before, ...before } = this.view(current);
    const { hasClientSecret: _after, ...after } = this.view(row);
    try {
      await this.repo.transaction(async (trx) => {
        if (current) {
          if (!(await this.repo.updateSettings(trx, row, current.version)))
            throw new AppError(409, 'VERSION_CONFLICT');
        } else {
          await this.repo.insertSettings(trx, row);
        }
        await this.audit.record(trx, {
          orgId,
          actorUserId,
          action: 'org.sso.update',
          targetType: 'organization',
          targetId: orgId,
          before: current ? before : undefined,
          after: { ...after, credentialReplaced: secretChanged },
        });
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      // Two first saves racing: the primary key lets only one insert through.
      if (!current && (await this.repo.findSettings(orgId)))
        throw new AppError(409, 'VERSION_CONFLICT', {
          current: this.view(await this.repo.findSettings(orgId)),
        });
      throw error;
    }
    return this.view(row);
  }

  /** Organisations whose enabled SSO admits the e-mail's domain (ids and names only). */
  async providersForEmail(email: string): Promise<Array<{ orgId: string; name: string }>> {
    const domain = emailDomain(email);
    if (!domain) return [];
    return (await this.repo.enabledSettings())
      .filter((s) => parseDomainRoles(s.domain_roles).some((d) => d.domain === domain))
      .map((s) => ({ orgId: s.org_id, name: s.name }));
  }

  private async discover(settings: SsoSettingsRow): Promise<oidc.Configuration> {
    if (!settings.client_secret) throw new AppError(404, 'SSO_NOT_CONFIGURED');
    try {
      return await oidc.discovery(
        new URL(settings.issuer),
        settings.client_id,
        undefined,
        oidc.ClientSecretBasic(this.secrets.open(settings.client_secret)),
        {
          timeout: 10,
          // Plain HTTP is accepted only for a provider on the loopback interface (see issuerProblem).
          ...(isLoopbackHttp(settings.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
        },
      );
    } catch {
      throw new AppError(502, 'SSO_PROVIDER_UNAVAILABLE');
    }
  }

  /** Begins a sign-in: stores state, nonce and PKCE verifier, and returns where to send the browser. */
  async start(
    orgId: string,
    redirectUri: string,
  ): Promise<{ url: string; state: string; ttlSeconds: number }> {
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
    status: number,
    code: string,
    extra: Record<string, unknown> = {},
  ): Promise<AppError> {
    await this.repo.transaction((trx) =>
      this.audit.record(trx, {
        orgId,
        actorUserId: null,
        action: 'auth.login.failure',
        targetType: 'sso',
        targetId: orgId ?? 'unknown',
        after: { method: 'sso', reason: code, ...extra },
      }),
    );
    return new AppError(status, code);
  }

  /** Finishes a sign-in at the redirect URI and opens a session exactly as a password login would. */
  async callback(input: SsoCallbackInput): Promise<NewSession & { orgId: string }> {
    const params = new URLSearchParams(input.search);
    const state = params.get('state');
    if (!state || !input.stateCookie || !sameSecret(state, input.stateCookie))
      throw await this.refuse(null, 400, 'SSO_STATE_INVALID');
    const pending = await this.repo.consumeState(sha256Hex(state));
    if (!pending || Date.parse(pending.expires_at) < Date.now())
      throw await this.refuse(null, 400, 'SSO_STATE_INVALID');
    const orgId = pending.org_id;
    const settings = await this.repo.findSettings(orgId);
    if (settings?.enabled !== 1) throw await this.refuse(orgId, 404, 'SSO_NOT_CONFIGURED');
    if (params.has('error')) throw await this.refuse(orgId, 401, 'SSO_LOGIN_FAILED');
    const config = await this.discover(settings);

    const currentUrl = new URL(pending.redirect_uri);
    currentUrl.search = params.toString();
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
        claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, subject)), ...claims };
      }
    } catch {
      throw await this.refuse(orgId, 401, 'SSO_LOGIN_FAILED');
    }

    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const domain = emailDomain(email);
    const mapping = parseDomainRoles(settings.domain_roles).find((d) => d.domain === domain);
    if (!domain || !mapping) throw await this.refuse(orgId, 403, 'SSO_DOMAIN_NOT_ALLOWED', { domain });
    if (!isVerified(claims.email_verified))
      throw await this.refuse(orgId, 403, 'SSO_EMAIL_UNVERIFIED', { domain });

    const user = await this.resolveUser(settings, subject, email, mapping, claims.name);
    if (!user) throw await this.refuse(orgId, 403, 'SSO_ACCOUNT_NOT_ELIGIBLE', { domain });
    const session = await this.auth.loginExternal(
      user,
      input.meta,
      { orgId, method: 'sso' },
      input.replacing,
    );
    return { ...session, orgId };
  }

  /**
   * The linked account, else the account with this e-mail, else a new one (without a password). An existing
   * account is linked by e-mail only when it already belongs to this organisation or to none, and platform
   * administrators never sign in through an organisation's provider: an organisation's identity provider
   * must not be able to speak for accounts that organisation does not own.
   */
  private async resolveUser(
    settings: SsoSettingsRow,
    subject: string,
    email: string,
    mapping: DomainRole,
    name: unknown,
  ): Promise<UserRow | undefined> {
    const orgId = settings.org_id;
    const linked = await this.repo.findIdentity(settings.issuer, subject);
    let user = linked ? await this.identity.findUser(linked.user_id) : undefined;
    if (!user) {
      const byEmail = await this.identity.findUserByEmail(email);
      if (byEmail) {
        const member = await this.identity.membership(orgId, byEmail.id);
        if (!member && (await this.repo.countMemberships(byEmail.id)) > 0) return undefined;
        user = byEmail;
      }
    }
    if (user?.platform_admin === 1) return undefined;
    const displayName =
      typeof name === 'string' && name.trim() ? name.trim().slice(0, 200) : email.split('@')[0]!;
    const target = user ?? this.auth.newUserRow(email, displayName, null, false);
    const created = !user;
    const now = new Date().toISOString();
    const isMember = !created && (await this.identity.membership(orgId, target.id));
    await this.repo.transaction(async (trx) => {
      if (created) await this.identity.insertUser(trx, target);
      if (linked) await this.repo.touchIdentity(trx, settings.issuer, subject, now);
      else
        await this.repo.insertIdentity(trx, {
          issuer: settings.issuer,
          subject,
          user_id: target.id,
          org_id: orgId,
          created_at: now,
          last_login_at: now,
        });
      if (!isMember) {
        await this.identity.upsertMembership(trx, {
          org_id: orgId,
          user_id: target.id,
          role: mapping.role,
          created_at: now,
        });
        await this.audit.record(trx, {
          orgId,
          actorUserId: target.id,
          action: 'member.add',
          targetType: 'user',
          targetId: target.id,
          after: { role: mapping.role, email: target.email, via: 'sso', userCreated: created },
        });
      }
    });
    return target;
  }
}
