import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { AppError } from '../../platform/errors.js';
import { ErrorResponse, errorResponses, publicOrigin } from '../../platform/schemas.js';
import { literalUnion, OrgParams } from '../assessments/assessments.schemas.js';
import { isSecureRequest, SESSION_COOKIE, sessionCookieOptions } from './access.js';
import { ROLES } from './permissions.js';

const tags = ['sso'];
const errors = errorResponses(400, 401, 403, 404, 409);
const SSO_BASE = '/api/v1/auth/sso';
const STATE_COOKIE = 'jianhe_sso_state';

const DomainRole = Type.Object({
  domain: Type.String({ minLength: 1, maxLength: 253 }),
  role: literalUnion(ROLES),
});
const SsoSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    issuer: Type.String(),
    clientId: Type.String(),
    hasClientSecret: Type.Boolean({ description: 'The secret itself is never returned' }),
    domains: Type.Array(
      Type.Object({
        ...DomainRole.properties,
        claim: literalUnion(['pending', 'approved', 'rejected'] as const, {
          description: 'A platform administrator approves each domain before its accounts can be provisioned',
        }),
      }),
    ),
    version: Type.Integer({ minimum: 0 }),
    updatedAt: Type.Union([Type.Null(), Type.String()]),
  },
  { title: 'SsoSettings' },
);

/** Where the provider sends the browser back: JIANHE_PUBLIC_URL when set, else this request's origin. */
export function callbackUrl(request: FastifyRequest, publicUrl: string | null): string {
  return `${publicOrigin(request, publicUrl)}${SSO_BASE}/callback`;
}

/** The browser-bound state cookie every sign-in or link flow sets at its start. */
export function setStateCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  publicUrl: string | null,
  started: { state: string; ttlSeconds: number },
) {
  reply.setCookie(STATE_COOKIE, started.state, {
    ...sessionCookieOptions(isSecureRequest(request, publicUrl)),
    path: SSO_BASE,
    maxAge: started.ttlSeconds,
  });
}

/** Browsers land on the sign-in page with the error code; API clients get the JSON error. */
function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** Organisation SSO settings (org admins) and the public OpenID Connect sign-in endpoints. */
export async function ssoRoutes(app: App, ctx: AppContext): Promise<void> {
  const { sso } = ctx.services;

  app.get(
    '/api/v1/orgs/:orgId/sso',
    {
      config: { permission: 'settings:manage' },
      schema: {
        tags,
        operationId: 'getSsoSettings',
        params: OrgParams,
        response: { 200: SsoSettings, ...errors },
      },
    },
    async (request) => sso.getSettings(request.params.orgId),
  );

  app.put(
    '/api/v1/orgs/:orgId/sso',
    {
      config: { permission: 'settings:manage', ids: { body: { clientId: 'external' } } },
      schema: {
        tags,
        operationId: 'updateSsoSettings',
        summary: 'Replace the SSO settings; send the version you loaded (a stale one gets 409)',
        params: OrgParams,
        body: Type.Object({
          enabled: Type.Boolean(),
          issuer: Type.String({ maxLength: 500 }),
          clientId: Type.String({ maxLength: 500 }),
          clientSecret: Type.Optional(
            Type.String({ maxLength: 2000, description: 'Write-only; omit to keep the stored one' }),
          ),
          domains: Type.Array(DomainRole, { maxItems: 50 }),
          version: Type.Integer({ minimum: 0 }),
        }),
        response: { 200: SsoSettings, ...errors },
      },
    },
    async (request) => sso.updateSettings(request.auth!.userId, request.params.orgId, request.body),
  );

  app.get(
    `${SSO_BASE}/providers`,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        operationId: 'findSsoProviders',
        summary: 'Organisations whose SSO admits this e-mail address’s domain (id and name only)',
        querystring: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }) }),
        response: {
          200: Type.Object({
            providers: Type.Array(Type.Object({ orgId: Type.String(), name: Type.String() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ providers: await sso.providersForEmail(request.query.email) }),
  );

  app.get(
    `${SSO_BASE}/:orgId/start`,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        operationId: 'startSso',
        summary: 'Redirects the browser to the organisation’s OpenID Connect provider',
        params: OrgParams,
        response: { 302: Type.Null(), ...errors, 502: ErrorResponse },
      },
    },
    async (request, reply) => {
      const started = await sso.start(request.params.orgId, callbackUrl(request, ctx.config.publicUrl));
      setStateCookie(reply, request, ctx.config.publicUrl, started);
      return reply.redirect(started.url, 302);
    },
  );

  app.get(
    `${SSO_BASE}/callback`,
    {
      config: { permission: 'public' },
      schema: {
        tags,
        operationId: 'finishSso',
        summary: 'The redirect URI: completes the sign-in, sets the session cookie and redirects to the app',
        querystring: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 4000 })),
          state: Type.Optional(Type.String({ maxLength: 500 })),
          error: Type.Optional(Type.String({ maxLength: 500 })),
        }),
        response: { 302: Type.Null(), 303: Type.Null(), ...errors, 502: ErrorResponse },
      },
    },
    async (request, reply: FastifyReply) => {
      const stateCookie = request.cookies[STATE_COOKIE];
      reply.clearCookie(STATE_COOKIE, { path: SSO_BASE });
      const queryAt = request.url.indexOf('?');
      try {
        const outcome = await sso.callback({
          search: queryAt >= 0 ? request.url.slice(queryAt + 1) : '',
          stateCookie,
          meta: { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
          replacing: request.cookies[SESSION_COOKIE],
        });
        // A link started from the profile keeps the person's own session; they return to their profile.
        if (outcome.kind === 'linked') return reply.redirect('/profile?ssoLinked=1', 302);
        const session = outcome;
        reply.setCookie(
          SESSION_COOKIE,
          session.token,
          sessionCookieOptions(isSecureRequest(request, ctx.config.publicUrl)),
        );
        // A user with TOTP enrolled finishes on the sign-in page's second-factor step, as after a password.
        return reply.redirect(session.verified ? '/' : '/login?secondFactor=1', 302);
      } catch (error) {
        if (error instanceof AppError && wantsHtml(request))
          return reply.redirect(`/login?ssoError=${encodeURIComponent(error.code)}`, 303);
        throw error;
      }
    },
  );
}

const DomainClaim = Type.Object(
  {
    domain: Type.String(),
    orgId: Type.String(),
    organizationName: Type.String(),
    status: literalUnion(['pending', 'approved', 'rejected'] as const),
    requestedAt: Type.String(),
    decidedAt: Type.Union([Type.Null(), Type.String()]),
  },
  { title: 'SsoDomainClaim' },
);

/** Platform administrators decide which organisation may provision accounts for an e-mail domain. */
export async function ssoClaimRoutes(app: App, ctx: AppContext): Promise<void> {
  const { ssoClaims } = ctx.services;
  const base = '/api/v1/sso-domain-claims';
  const Domain = Type.String({ minLength: 3, maxLength: 253, examples: ['corp.example'] });

  app.get(
    base,
    {
      config: { permission: 'platform:manage' },
      schema: {
        tags,
        operationId: 'listSsoDomainClaims',
        querystring: Type.Object({
          status: Type.Optional(literalUnion(['pending', 'approved', 'rejected'] as const)),
        }),
        response: { 200: Type.Array(DomainClaim), ...errors },
      },
    },
    async (request) =>
      (await ssoClaims.list(request.query.status)).map((c) => ({
        domain: c.domain,
        orgId: c.org_id,
        organizationName: c.org_name,
        status: c.status,
        requestedAt: c.requested_at,
        decidedAt: c.decided_at,
      })),
  );

  app.post(
    `${base}/:domain/decision`,
    {
      config: { permission: 'platform:manage', ids: { params: { domain: 'external' } } },
      schema: {
        tags,
        operationId: 'decideSsoDomainClaim',
        params: Type.Object({ domain: Domain }),
        body: Type.Object({ decision: literalUnion(['approve', 'reject'] as const) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await ssoClaims.decide(request.auth!.userId, request.params.domain, request.body.decision);
      return reply.status(204).send(null);
    },
  );
}
