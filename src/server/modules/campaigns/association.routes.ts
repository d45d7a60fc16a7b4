import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { errorResponses } from '../../platform/schemas.js';
import { CalendarDate, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import type { CampaignServices } from './campaigns.module.js';
import {
  AssociationMember,
  BoardEntry,
  Campaign,
  CampaignParams,
  MemberParams,
  ReminderRequest,
  ReminderResult,
  SegmentFiguresSchema,
  SizeBandCode,
  toBoardDto,
  toCampaignDto,
  toMemberDto,
  toSegmentDto,
} from './campaigns.schemas.js';

const errors = errorResponses(400, 401, 403, 404, 409, 422);
const tags = ['campaigns'];

/**
 * The association's routes: members, campaigns, the progress board and anonymised aggregates. None of them
 * returns a member's answers; shared items are only those a member chose to share.
 */
export async function associationRoutes(
  app: App,
  { association, reminders }: CampaignServices,
): Promise<void> {
  app.get(
    '/api/v1/orgs/:orgId/association/members',
    {
      config: { permission: 'campaign:read' },
      schema: {
        tags,
        operationId: 'listAssociationMembers',
        params: OrgParams,
        response: { 200: Type.Array(AssociationMember), ...errors },
      },
    },
    async (request) => (await association.listMembers(request.params.orgId)).map(toMemberDto),
  );

  app.post(
    '/api/v1/orgs/:orgId/association/members',
    {
      config: { permission: 'campaign:manage', ids: { body: { businessId: 'external' } } },
      schema: {
        tags,
        operationId: 'inviteAssociationMember',
        summary: 'Invite a firm by its 統一編號; it joins when its administrator accepts',
        params: OrgParams,
        body: Type.Object(
          {
            businessId: Type.String({ pattern: '^\\d{8}$', examples: ['04595257'] }),
            sizeBand: Type.Optional(Type.Union([SizeBandCode, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 201: AssociationMember, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          toMemberDto(await association.inviteMember(actorOf(request, request.params.orgId), request.body)),
        ),
  );

  app.patch(
    '/api/v1/orgs/:orgId/association/members/:memberId',
    {
      config: { permission: 'campaign:manage', ids: { params: { memberId: 'associationMember' } } },
      schema: {
        tags,
        operationId: 'updateAssociationMember',
        params: MemberParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            sizeBand: Type.Union([SizeBandCode, Type.Null()]),
            revoke: Type.Optional(Type.Boolean({ description: 'Withdraw an invitation not yet accepted' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: AssociationMember, ...errors },
      },
    },
    async (request) =>
      toMemberDto(
        await association.updateMember(
          actorOf(request, request.params.orgId),
          request.params.memberId,
          request.body,
        ),
      ),
  );

  app.get(
    '/api/v1/orgs/:orgId/campaigns',
    {
      config: { permission: 'campaign:read' },
      schema: {
        tags,
        operationId: 'listCampaigns',
        params: OrgParams,
        response: { 200: Type.Array(Campaign), ...errors },
      },
    },
    async (request) => (await association.listCampaigns(request.params.orgId)).map(toCampaignDto),
  );

  app.post(
    '/api/v1/orgs/:orgId/campaigns',
    {
      config: {
        permission: 'campaign:manage',
        ids: { body: { catalogId: 'external', memberIds: 'associationMember' } },
      },
      schema: {
        tags,
        operationId: 'createCampaign',
        params: OrgParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            period: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. 115年度' }),
            catalogId: Type.String({ minLength: 1, description: 'Catalog database id or urn@version' }),
            deadline: CalendarDate,
            kThreshold: Type.Optional(
              Type.Integer({ minimum: 3, maximum: 100, description: 'Small-cell threshold; 5 by default' }),
            ),
            requestExplanations: Type.Optional(Type.Boolean()),
            memberIds: Type.Array(Uuid, { maxItems: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Campaign, ...errors },
      },
    },
    async (request, reply) => {
      const { catalogId, ...rest } = request.body;
      const campaign = await association.createCampaign(actorOf(request, request.params.orgId), {
        ...rest,
        catalogRef: catalogId,
      });
      return reply.status(201).send(toCampaignDto(campaign));
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaigns/:campaignId',
    {
      config: { permission: 'campaign:read', ids: { params: { campaignId: 'campaign' } } },
      schema: {
        tags,
        operationId: 'getCampaignBoard',
        summary: 'The campaign and each member’s status (not started, in progress, submitted, late)',
        params: CampaignParams,
        response: {
          200: Type.Object({ campaign: Campaign, members: Type.Array(BoardEntry) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { campaign, members } = await association.board(request.params.orgId, request.params.campaignId);
      return { campaign: toCampaignDto(campaign), members: members.map(toBoardDto) };
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/campaigns/:campaignId/reminders',
    {
      config: { permission: 'campaign:manage', ids: { params: { campaignId: 'campaign' } } },
      schema: {
        tags,
        operationId: 'remindCampaignMembers',
        summary:
          'Remind the members in the chosen statuses (not started, in progress, late), once per member and day',
        params: CampaignParams,
        body: ReminderRequest,
        response: { 200: ReminderResult, ...errors },
      },
    },
    async (request) => {
      const outcomes = await reminders.remind(
        actorOf(request, request.params.orgId),
        request.params.campaignId,
        request.body.statuses,
      );
      return {
        sent: outcomes.filter((o) => o.outcome === 'sent').length,
        alreadyToday: outcomes.filter((o) => o.outcome === 'already_today').length,
        participants: outcomes.map((o) => ({
          participantId: o.participantId,
          organizationName: o.memberName,
          status: o.status,
          outcome: o.outcome,
          recipients: o.recipients,
        })),
      };
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaigns/:campaignId/aggregates',
    {
      config: { permission: 'campaign:read', ids: { params: { campaignId: 'campaign' } } },
      schema: {
        tags,
        operationId: 'getCampaignAggregates',
        summary: 'Anonymised figures per segment, with small-cell and complementary suppression',
        params: CampaignParams,
        response: {
          200: Type.Object({ k: Type.Integer(), segments: Type.Array(SegmentFiguresSchema) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { k, segments } = await association.aggregates(request.params.orgId, request.params.campaignId);
      return { k, segments: segments.map(toSegmentDto) };
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/campaigns/:campaignId/shared-items',
    {
      config: { permission: 'campaign:read', ids: { params: { campaignId: 'campaign' } } },
      schema: {
        tags,
        operationId: 'listCampaignSharedItems',
        summary: 'Explanations members agreed, item by item, to share with the association',
        params: CampaignParams,
        response: {
          200: Type.Array(
            Type.Object({
              organizationName: Type.Union([Type.String(), Type.Null()]),
              version: Type.Integer(),
              itemId: Type.String(),
              result: Type.String(),
              explanation: Type.Union([Type.String(), Type.Null()]),
              compensatingControl: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...errors,
        },
      },
    },
    async (request) =>
      (await association.sharedItems(request.params.orgId, request.params.campaignId)).map((r) => ({
        organizationName: r.member_name,
        version: Number(r.version),
        itemId: r.item_id,
        result: r.result,
        explanation: r.shared_explanation,
        compensatingControl: r.shared_compensating_control,
      })),
  );
}
