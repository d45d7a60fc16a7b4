import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/schemas.js';
import { literalUnion } from '../assessments/assessments.schemas.js';
import { checkCsrf, isSecureRequest, SESSION_COOKIE, sessionCookieOptions } from './access.js';
import { ROLES } from './permissions.js';

const tags = ['auth'];
const errors = errorResponses(400, 401, 403, 429);

const SessionInfo = Type.Object(
  {
    authenticated: Type.Boolean(),
    secondFactorPending: Type.Boolean(),
    csrfToken: Type.Union([Type.Null(), Type.String()]),
    setupRequired: Type.Boolean(),
    user: Type.Union([
      Type.Object({
        id: Type.String(),
        email: Type.String(),
        displayName: Type.String(),
        platformAdmin: Type.Boolean(),
        totpEnabled: Type.Boolean(),
      }),
      Type.Null(),
    ]),
    memberships: Type.Array(
      Type.Object({
        orgId: Type.String(),
        name: Type.String(),
        role: literalUnion(ROLES),
        require2fa: Type.Boolean(),
        /** `association` for a securities or futures association, which runs campaigns; else the firm's. */
        industry: Type.String(),
      }),
    ),
  },
  { title: 'SessionInfo' },
);

export async function authRoutes(app: App, ctx: AppContext): Promise<void> {
  const { auth, identity } = ctx.services;

  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        operationId: 'login',
        body: Type.Object({
          email: Type.String({ maxLength: 320 }),
          password: Type.String({ maxLength: 1000 }),
        }),
        response: {
          200: Type.Object({ secondFactorRequired: Type.Boolean(), csrfToken: Type.String() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const session = await auth.login(
        request.body.email,
        request.body.password,
        { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
        request.cookies[SESSION_COOKIE],
      );
      reply.setCookie(
        SESSION_COOKIE,
        session.token,
        sessionCookieOptions(isSecureRequest(request, ctx.config.publicUrl)),
      );
      return { secondFactorRequired: !session.verified, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/second-factor',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        operationId: 'completeSecondFactor',
        summary: 'Finish a login with a TOTP code or a single-use recovery code',
        body: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 10 })),
          recoveryCode: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: { 200: Type.Object({ csrfToken: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) throw new AppError(401, 'UNAUTHENTICATED');
      // The session id is rotated: the cookie and CSRF token seen before the second factor are void.
      const session = await auth.completeSecondFactor(token, request.body, {
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
      });
      reply.setCookie(
        SESSION_COOKIE,
        session.token,
        sessionCookieOptions(isSecureRequest(request, ctx.config.publicUrl)),
      );
      return { csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { permission: 'public' },
      schema: { tags, operationId: 'logout', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      // A session (signed in or half-way) must echo its CSRF token: another site cannot sign a person out.
      checkCsrf(request);
      if (token) await auth.logout(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      config: { permission: 'public' },
      schema: { tags, operationId: 'getSession', response: { 200: SessionInfo } },
    },
    async (request) => {
      const current = request.auth;
      const setupRequired = (await identity.countUsers()) === 0;
      if (!current)
        return {
          authenticated: false,
          secondFactorPending: false,
          csrfToken: null,
          setupRequired,
          user: null,
          memberships: [],
        };
      const user = await identity.findUser(current.userId);
      // An SSO session reaches only the organisation whose provider opened it.
      const memberships = current.verified
        ? (await identity.membershipsOfUser(current.userId)).filter(
            (m) => !current.scopeOrgId || m.id === current.scopeOrgId,
          )
        : [];
      return {
        authenticated: current.verified,
        secondFactorPending: !current.verified,
        csrfToken: current.csrfToken,
        setupRequired,
        user: user
          ? {
              id: user.id,
              email: user.email,
              displayName: user.display_name,
              platformAdmin: user.platform_admin === 1 && !current.scopeOrgId,
              totpEnabled: user.totp_enabled === 1,
            }
          : null,
        memberships: memberships.map((m) => ({
          orgId: m.id,
          name: m.name,
          role: m.role as (typeof ROLES)[number],
          require2fa: m.require_2fa === 1,
          industry: m.industry,
        })),
      };
    },
  );
}
