import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { errorResponses } from '../../platform/schemas.js';
import { literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import type { InvitationsService } from './invitations.service.js';
import { ROLES } from './permissions.js';
import { callbackUrl, setStateCookie } from './sso.routes.js';
import type { SsoService } from './sso.service.js';

const tags = ['me'];
const errors = errorResponses(400, 401, 403, 404, 409, 410);

const MyInvitation = Type.Object(
  {
    id: Uuid,
    orgId: Uuid,
    organizationName: Type.String(),
    role: literalUnion(ROLES),
    expiresAt: Type.String(),
  },
  { title: 'MyInvitation' },
);

const InvitationView = Type.Object(
  {
    organizationName: Type.String(),
    role: literalUnion(ROLES),
    email: Type.String(),
    expiresAt: Type.String(),
  },
  { title: 'InvitationView' },
);

const Password = Type.String({ maxLength: 1000, examples: ['Probe-passphrase 2026!'] });

/**
 * The invitee's side: invitations addressed to me (accepted in the app while signed in as that address),
 * the invitation link (view, accept signed in, or create a new account), and linking my account to an
 * organisation's identity provider from a signed-in session.
 */
export async function meInvitationRoutes(
  app: App,
  ctx: AppContext,
  deps: { invitations: InvitationsService; sso: SsoService },
): Promise<void> {
  const { invitations, sso } = deps;
  const me = (request: { auth: { userId: string; email: string } | null }) => ({
    userId: request.auth!.userId,
    email: request.auth!.email,
  });

  app.get(
    '/api/v1/me/invitations',
    {
      config: { permission: 'session' },
      schema: {
        tags,
        operationId: 'listMyInvitations',
        response: { 200: Type.Array(MyInvitation), ...errors },
      },
    },
    async (request) =>
      (await invitations.mine(request.auth!.email)).map((i) => ({
        id: i.id,
        orgId: i.org_id,
        organizationName: i.org_name,
        role: i.role as (typeof ROLES)[number],
        expiresAt: i.expires_at,
      })),
  );

  app.post(
    '/api/v1/me/invitations/:invitationId/accept',
    {
      config: { permission: 'session', ids: { params: { invitationId: 'ownInvitation' } } },
      schema: {
        tags,
        operationId: 'acceptMyInvitation',
        params: Type.Object({ invitationId: Uuid }),
        response: { 200: Type.Object({ orgId: Uuid }), ...errors },
      },
    },
    async (request) => invitations.acceptAs(me(request), { id: request.params.invitationId }),
  );

  const link = '/api/v1/invitations/:token';
  const TokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) });

  app.get(
    link,
    {
      config: { permission: 'link-token', ids: { params: { token: 'external' } } },
      schema: {
        tags: ['invitations'],
        operationId: 'viewInvitation',
        params: TokenParams,
        response: { 200: InvitationView, ...errors },
      },
    },
    async (request) => {
      const row = await invitations.view(request.params.token);
      return {
        organizationName: row.org_name,
        role: row.role as (typeof ROLES)[number],
        email: row.email,
        expiresAt: row.expires_at,
      };
    },
  );

  app.post(
    `${link}/accept`,
    {
      config: { permission: 'session', ids: { params: { token: 'external' } } },
      schema: {
        tags: ['invitations'],
        operationId: 'acceptInvitation',
        summary: 'Signed in as the invited address: join the organisation',
        params: TokenParams,
        response: { 200: Type.Object({ orgId: Uuid }), ...errors },
      },
    },
    async (request) => invitations.acceptAs(me(request), { token: request.params.token }),
  );

  app.post(
    `${link}/register`,
    {
      config: { permission: 'link-token', ids: { params: { token: 'external' } } },
      schema: {
        tags: ['invitations'],
        operationId: 'registerFromInvitation',
        summary: 'No account yet: create one for the invited address, as a member of the organisation',
        params: TokenParams,
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), password: Password }),
        response: { 201: Type.Object({ orgId: Uuid, userId: Uuid }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await invitations.register(request.params.token, request.body)),
  );

  app.post(
    '/api/v1/me/sso-links',
    {
      // A POST with the CSRF header: a link started by another site could tie this account to its provider.
      config: { permission: 'session', ids: { body: { orgId: 'ownOrganization' } } },
      schema: {
        tags,
        operationId: 'startSsoLink',
        summary: 'Link my account to an organisation’s identity provider: returns where to send the browser',
        body: Type.Object({ orgId: Uuid }),
        response: { 200: Type.Object({ url: Type.String() }), ...errors, ...errorResponses(502) },
      },
    },
    async (request, reply) => {
      const started = await sso.start(
        request.body.orgId,
        callbackUrl(request, ctx.config.publicUrl),
        request.auth!.userId,
      );
      setStateCookie(reply, request, ctx.config.publicUrl, started);
      return { url: started.url };
    },
  );
}
