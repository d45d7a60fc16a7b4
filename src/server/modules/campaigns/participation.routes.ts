import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { errorResponses } from '../../platform/schemas.js';
import { OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import type { CampaignServices } from './campaigns.module.js';
import {
  MembershipParams,
  MembershipView,
  Participation,
  ParticipationParams,
  ResponseVersion,
  SegmentFiguresSchema,
  toParticipationDto,
  toResponseDto,
  toSegmentDto,
} from './campaigns.schemas.js';

const errors = errorResponses(400, 401, 403, 404, 409, 422);
const tags = ['campaigns'];

const Result = Type.String();

/** The member firm's routes: its associations, its campaigns, submission and its benchmark. */
export async function participationRoutes(app: App, { participation }: CampaignServices): Promise<void> {
  const membershipDto = (m: Awaited<ReturnType<typeof participation.memberships>>[number]) => ({
    id: m.id,
    associationId: m.org_id,
    associationName: m.association_name,
    status: m.status as 'invited' | 'active' | 'declined' | 'left' | 'revoked',
    invitedAt: m.invited_at,
  });

  app.get(
    '/api/v1/orgs/:orgId/associations',
    {
      config: { permission: 'campaign:read' },
      schema: {
        tags,
        operationId: 'listMyAssociations',
        summary: 'Open invitations to this firm’s 統一編號 and its active memberships',
        params: OrgParams,
        response: { 200: Type.Array(MembershipView), ...errors },
      },
    },
    async (request) => (await participation.memberships(request.params.orgId)).map(membershipDto),
  );

  for (const decision of ['accept', 'decline', 'leave'] as const)
    app.post(
      `/api/v1/orgs/:orgId/associations/:membershipId/${decision}`,
      {
        config: { permission: 'association:join', ids: { params: { membershipId: 'incomingMembership' } } },
        schema: {
          tags,
          operationId: `${decision}AssociationMembership`,
          params: MembershipParams,
          response: { 200: MembershipView, ...errors },
        },
      },
      async (request) =>
        membershipDto(
          await participation.decide(
            actorOf(request, request.params.orgId),
            request.params.membershipId,
            decision,
          ),
        ),
    );

  app.get(
    '/api/v1/orgs/:orgId/participations',
    {
      config: { permission: 'campaign:read' },
      schema: {
        tags,
        operationId: 'listMyCampaigns',
        params: OrgParams,
        response: { 200: Type.Array(Participation), ...errors },
      },
    },
    async (request) => (await participation.participations(request.params.orgId)).map(toParticipationDto),
  );

  app.post(
    '/api/v1/orgs/:orgId/participations/:participationId/start',
    {
      config: {
        permission: 'assessment:write',
        ids: { params: { participationId: 'participation' }, body: { carryForwardFromId: 'assessment' } },
      },
      schema: {
        tags,
        operationId: 'startCampaignAssessment',
        summary: 'Create the campaign assessment in this firm, optionally from an approved one',
        params: ParticipationParams,
        body: Type.Object({ carryForwardFromId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 200: Participation, ...errors },
      },
    },
    async (request) =>
      toParticipationDto(
        await participation.start(
          actorOf(request, request.params.orgId),
          request.params.participationId,
          request.body,
        ),
      ),
  );

  app.post(
    '/api/v1/orgs/:orgId/participations/:participationId/responses',
    {
      config: {
        permission: 'campaign:submit',
        ids: {
          params: { participationId: 'participation' },
          body: { assessmentId: 'assessment', shareItemIds: 'external' },
        },
      },
      schema: {
        tags,
        operationId: 'submitCampaignResponse',
        summary: 'Seal an approved assessment into a new response version',
        params: ParticipationParams,
        body: Type.Object(
          {
            assessmentId: Uuid,
            shareItemIds: Type.Optional(
              Type.Array(Type.String({ maxLength: 50 }), {
                maxItems: 200,
                description: 'Items whose explanation and compensating control the firm agrees to share',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: ResponseVersion, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          toResponseDto(
            await participation.submit(
              actorOf(request, request.params.orgId),
              request.params.participationId,
              request.body,
            ),
          ),
        ),
  );

  app.get(
    '/api/v1/orgs/:orgId/participations/:participationId/responses',
    {
      config: { permission: 'campaign:read', ids: { params: { participationId: 'participation' } } },
      schema: {
        tags,
        operationId: 'listMyCampaignResponses',
        params: ParticipationParams,
        response: { 200: Type.Array(ResponseVersion), ...errors },
      },
    },
    async (request) =>
      (await participation.responses(request.params.orgId, request.params.participationId)).map(
        toResponseDto,
      ),
  );

  app.get(
    '/api/v1/orgs/:orgId/participations/:participationId/benchmark',
    {
      config: { permission: 'campaign:read', ids: { params: { participationId: 'participation' } } },
      schema: {
        tags,
        operationId: 'getCampaignBenchmark',
        summary: 'Own results beside the peers’ anonymised figures (the firm itself left out)',
        params: ParticipationParams,
        response: {
          200: Type.Object({
            k: Type.Integer(),
            own: Type.Union([
              Type.Null(),
              Type.Object({
                rate: Type.Union([Type.Number(), Type.Null()]),
                chapters: Type.Array(
                  Type.Object({ chapter: Type.Integer(), rate: Type.Union([Type.Number(), Type.Null()]) }),
                ),
                items: Type.Array(
                  Type.Object({ itemId: Type.String(), chapter: Type.Integer(), result: Result }),
                ),
              }),
            ]),
            peers: Type.Array(SegmentFiguresSchema),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { benchmark } = await participation.benchmark(
        request.params.orgId,
        request.params.participationId,
      );
      return { k: benchmark.k, own: benchmark.own, peers: benchmark.peers.map(toSegmentDto) };
    },
  );
}
