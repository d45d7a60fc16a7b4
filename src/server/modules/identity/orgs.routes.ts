import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { errorResponses } from '../../platform/schemas.js';
import { literalUnion, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import type { OrganizationRow } from './identity.repository.js';
import { orgInvitationRoutes } from './org-invitations.routes.js';
import { INDUSTRIES } from './organizations.service.js';
import { ROLES } from './permissions.js';

const tags = ['organizations'];
const errors = errorResponses(400, 401, 403, 404, 409);
const Organization = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    businessId: Type.Union([Type.Null(), Type.String()]),
    industry: literalUnion(INDUSTRIES),
    require2fa: Type.Boolean(),
  },
  { title: 'Organization' },
);
const Member = Type.Object({
  userId: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  role: literalUnion(ROLES),
  department: Type.Union([Type.Null(), Type.String()]),
  totpEnabled: Type.Boolean(),
});
const BusinessId = Type.Union([Type.Null(), Type.String({ pattern: '^\\d{8}$' })]);

const toDto = (org: OrganizationRow) => ({
  id: org.id,
  name: org.name,
  businessId: org.business_id,
  industry: org.industry as (typeof INDUSTRIES)[number],
  require2fa: org.require_2fa === 1,
});

/** Organisations (platform administrators create them) and their members and roles (organisation admins). */
export async function orgRoutes(app: App, ctx: AppContext): Promise<void> {
  const { organizations, identity } = ctx.services;
  const actor = (request: { auth: { userId: string } | null }) => request.auth?.userId ?? null;

  app.get(
    '/api/v1/orgs',
    {
      config: { permission: 'platform:manage' },
      schema: {
        tags,
        operationId: 'listOrganizations',
        response: { 200: Type.Array(Organization), ...errors },
      },
    },
    async () => (await identity.listOrganizations()).map(toDto),
  );

  app.post(
    '/api/v1/orgs',
    {
      config: { permission: 'platform:manage', ids: { body: { businessId: 'external' } } },
      schema: {
        tags,
        operationId: 'createOrganization',
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          businessId: Type.Optional(BusinessId),
          industry: literalUnion(INDUSTRIES),
        }),
        response: { 201: Organization, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(toDto(await organizations.create(actor(request), request.body))),
  );

  app.get(
    '/api/v1/orgs/:orgId',
    {
      config: { permission: 'org:read' },
      schema: {
        tags,
        operationId: 'getOrganization',
        params: OrgParams,
        response: { 200: Organization, ...errors },
      },
    },
    async (request) => toDto(await organizations.get(request.params.orgId)),
  );

  app.patch(
    '/api/v1/orgs/:orgId',
    {
      config: { permission: 'settings:manage', ids: { body: { businessId: 'external' } } },
      schema: {
        tags,
        operationId: 'updateOrganization',
        params: OrgParams,
        body: Type.Object({
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          businessId: Type.Optional(BusinessId),
          industry: Type.Optional(literalUnion(INDUSTRIES)),
          require2fa: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Organization, ...errors },
      },
    },
    async (request) =>
      toDto(await organizations.update(request.auth!.userId, request.params.orgId, request.body)),
  );

  app.get(
    '/api/v1/orgs/:orgId/members',
    {
      config: { permission: 'members:read' },
      schema: {
        tags,
        operationId: 'listMembers',
        params: OrgParams,
        response: { 200: Type.Array(Member), ...errors },
      },
    },
    async (request) =>
      (await organizations.members(request.params.orgId)).map((m) => ({
        userId: m.id,
        email: m.email,
        displayName: m.display_name,
        role: m.role as (typeof ROLES)[number],
        department: m.department,
        totpEnabled: m.totp_enabled === 1,
      })),
  );

  app.get(
    '/api/v1/orgs/:orgId/assignable-members',
    {
      config: { permission: 'assessment:read' },
      schema: {
        tags,
        operationId: 'listAssignableMembers',
        summary: 'Names of the members who can own an assessment or an item (no e-mail addresses)',
        params: OrgParams,
        response: {
          200: Type.Array(Type.Object({ userId: Uuid, displayName: Type.String() })),
          ...errors,
        },
      },
    },
    async (request) =>
      (await organizations.members(request.params.orgId)).map((m) => ({
        userId: m.id,
        displayName: m.display_name,
      })),
  );

  await orgInvitationRoutes(app, ctx);

  const MemberParams = Type.Object({ orgId: Uuid, userId: Uuid });
  app.patch(
    '/api/v1/orgs/:orgId/members/:userId',
    {
      config: { permission: 'members:manage', ids: { params: { userId: 'member' } } },
      schema: {
        tags,
        operationId: 'changeMemberRole',
        params: MemberParams,
        description:
          "Changes the role and/or department. Either change raises the registers' follow-up tasks " +
          '(devices the member holds, accounts they administer), as removing the member does.',
        body: Type.Object(
          {
            role: Type.Optional(literalUnion(ROLES)),
            department: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 200 })])),
          },
          { minProperties: 1 },
        ),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await organizations.updateMember(
        request.auth!.userId,
        request.params.orgId,
        request.params.userId,
        request.body,
      );
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/orgs/:orgId/members/:userId',
    {
      config: { permission: 'members:manage', ids: { params: { userId: 'member' } } },
      schema: {
        tags,
        operationId: 'removeMember',
        params: MemberParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await organizations.removeMember(request.auth!.userId, request.params.orgId, request.params.userId);
      return reply.status(204).send(null);
    },
  );
}
