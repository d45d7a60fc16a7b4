import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/schemas.js';
import { sha256Hex } from '../../platform/secrets.js';
import { literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import { SESSION_COOKIE } from './access.js';
import { sessionHandle } from './id-kinds.js';
import { meInvitationRoutes } from './me-invitations.routes.js';
import { ORG_PERMISSIONS } from './permissions.js';

const tags = ['me'];
const errors = errorResponses(400, 401, 403, 404);
const Token = Type.Object({
  id: Uuid,
  name: Type.String(),
  orgId: Uuid,
  permissions: Type.Array(Type.String()),
  expiresAt: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.Null(), Type.String()]),
  revokedAt: Type.Union([Type.Null(), Type.String()]),
});

const userId = (request: { auth: { userId: string } | null }) => {
  if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED');
  return request.auth.userId;
};

/** The signed-in user's own sessions, second factor, password and API tokens. */
export async function meRoutes(app: App, ctx: AppContext): Promise<void> {
  const { auth, identity, tokens, totp, invitations, sso } = ctx.services;

  app.get(
    '/api/v1/me/sessions',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        operationId: 'listMySessions',
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String(),
              current: Type.Boolean(),
              ip: Type.Union([Type.Null(), Type.String()]),
              userAgent: Type.Union([Type.Null(), Type.String()]),
              createdAt: Type.String(),
              lastSeenAt: Type.String(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (request) => {
      const current = sha256Hex(request.cookies[SESSION_COOKIE] ?? '');
      return (await identity.sessionsOfUser(userId(request))).map((s) => ({
        // The public handle is a hash of the stored hash: it identifies a session without being able to act as it.
        id: sessionHandle(s.id_hash),
        current: s.id_hash === current,
        ip: s.ip,
        userAgent: s.user_agent,
        createdAt: s.created_at,
        lastSeenAt: s.last_seen_at,
      }));
    },
  );

  app.delete(
    '/api/v1/me/sessions/:sessionId',
    {
      config: { permission: 'session', ids: { params: { sessionId: 'ownSession' } } },
      schema: {
        tags,
        operationId: 'revokeMySession',
        params: Type.Object({ sessionId: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.revokeSession(userId(request), request.params.sessionId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/sessions/revoke-all',
    {
      config: { permission: 'session' },
      schema: { tags, operationId: 'logoutEverywhere', response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await auth.logoutEverywhere(userId(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        operationId: 'changeMyPassword',
        body: Type.Object({
          current: Type.String({ maxLength: 1000 }),
          next: Type.String({ maxLength: 1000 }),
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      // Every other session of this person ends; this one stays signed in.
      await auth.changePassword(
        userId(request),
        request.body.current,
        request.body.next,
        request.cookies[SESSION_COOKIE],
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/totp/enrolment',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        operationId: 'beginTotpEnrolment',
        response: {
          200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() }),
          ...errors,
        },
      },
    },
    async (request) => totp.begin(userId(request)),
  );

  app.post(
    '/api/v1/me/totp/confirm',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        operationId: 'confirmTotpEnrolment',
        body: Type.Object({ code: Type.String({ maxLength: 10 }) }),
        response: { 200: Type.Object({ recoveryCodes: Type.Array(Type.String()) }), ...errors },
      },
    },
    async (request) => ({
      recoveryCodes: await totp.confirm(userId(request), request.body.code, request.cookies[SESSION_COOKIE]),
    }),
  );

  app.delete(
    '/api/v1/me/totp',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        operationId: 'disableTotp',
        body: Type.Object({ code: Type.String({ maxLength: 10 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await totp.disable(userId(request), request.body.code);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/tokens',
    {
      config: { permission: 'session' },
      schema: { tags, operationId: 'listMyTokens', response: { 200: Type.Array(Token), ...errors } },
    },
    async (request) =>
      (await tokens.list(userId(request))).map((t) => ({
        id: t.id,
        name: t.name,
        orgId: t.org_id,
        permissions: JSON.parse(t.permissions) as string[],
        expiresAt: t.expires_at,
        createdAt: t.created_at,
        lastUsedAt: t.last_used_at,
        revokedAt: t.revoked_at,
      })),
  );

  app.post(
    '/api/v1/me/tokens',
    {
      config: { permission: 'session', ids: { body: { orgId: 'ownOrganization' } } },
      schema: {
        tags,
        operationId: 'createMyToken',
        summary: 'The secret is returned once; only its hash is stored',
        body: Type.Object({
          orgId: Uuid,
          name: Type.String({ minLength: 1, maxLength: 100 }),
          permissions: Type.Array(literalUnion(ORG_PERMISSIONS), { minItems: 1, uniqueItems: true }),
          expiresAt: Type.String({ format: 'date-time' }),
        }),
        response: { 201: Type.Object({ id: Uuid, secret: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const created = await tokens.create(userId(request), request.body);
      return reply.status(201).send({ id: created.row.id, secret: created.secret });
    },
  );

  app.delete(
    '/api/v1/me/tokens/:tokenId',
    {
      config: { permission: 'session', ids: { params: { tokenId: 'ownApiToken' } } },
      schema: {
        tags,
        operationId: 'revokeMyToken',
        params: Type.Object({ tokenId: Uuid }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await tokens.revoke(userId(request), request.params.tokenId);
      return reply.status(204).send(null);
    },
  );
  await meInvitationRoutes(app, ctx, { invitations, sso });
}
