import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { errorResponses, publicOrigin } from '../../platform/schemas.js';
import { literalUnion, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import type { InvitationRow } from './invitations.repository.js';
import { ROLES } from './permissions.js';

const tags = ['members'];
const errors = errorResponses(400, 401, 403, 404, 409, 410);

const Invitation = Type.Object(
  {
    id: Uuid,
    email: Type.String({
      description: 'The address as the organisation typed it: nothing else is known until accepted',
    }),
    role: literalUnion(ROLES),
    createdAt: Type.String(),
    expiresAt: Type.String(),
  },
  { title: 'Invitation' },
);

const toDto = (row: InvitationRow) => ({
  id: row.id,
  email: row.email,
  role: row.role as (typeof ROLES)[number],
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/** The organisation's side of invitations: invite, list what is open, withdraw. */
export async function orgInvitationRoutes(app: App, ctx: AppContext): Promise<void> {
  const { invitations } = ctx.services;

  app.post(
    '/api/v1/orgs/:orgId/members',
    {
      config: { permission: 'members:manage' },
      schema: {
        tags,
        operationId: 'inviteMember',
        summary:
          'Invite a person by e-mail. The answer is the same whether or not the address has an account; the link is mailed when SMTP is configured, else returned for the inviter to pass on.',
        params: OrgParams,
        body: Type.Object({
          email: Type.String({ format: 'email', maxLength: 320 }),
          role: literalUnion(ROLES),
        }),
        response: {
          201: Type.Object({
            invitation: Invitation,
            delivery: literalUnion(['email', 'link'] as const),
            link: Type.Union([Type.Null(), Type.String()]),
            mailFailed: Type.Boolean(),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const sent = await invitations.invite(
        request.auth!.userId,
        request.params.orgId,
        request.body,
        publicOrigin(request, ctx.config.publicUrl),
      );
      return reply.status(201).send({ ...sent, invitation: toDto(sent.invitation) });
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/invitations',
    {
      config: { permission: 'members:read' },
      schema: {
        tags,
        operationId: 'listInvitations',
        params: OrgParams,
        response: { 200: Type.Array(Invitation), ...errors },
      },
    },
    async (request) => (await invitations.listOpen(request.params.orgId)).map(toDto),
  );

  app.delete(
    '/api/v1/orgs/:orgId/invitations/:invitationId',
    {
      config: { permission: 'members:manage', ids: { params: { invitationId: 'invitation' } } },
      schema: {
        tags,
        operationId: 'revokeInvitation',
        params: Type.Object({ orgId: Uuid, invitationId: Uuid }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await invitations.revoke(request.auth!.userId, request.params.orgId, request.params.invitationId);
      return reply.status(204).send(null);
    },
  );
}
