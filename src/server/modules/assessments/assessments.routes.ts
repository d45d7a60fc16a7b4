import { type Static, Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { ifNoneMatch, sendNotModified, sendSerialised } from '../../platform/conditional-response.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { RepresentationCache } from '../../platform/representation-cache.js';
import { errorResponses } from '../../platform/schemas.js';
import { AbilitySchema, ability } from '../identity/abilities.js';
import type { Grants } from '../identity/access.js';
import type { OrgPermission } from '../identity/permissions.js';
import { AssessmentAbilities, assessmentAbilities } from './assessment-abilities.js';
import type { AssessmentInsightsService as AssessmentInsights } from './assessment-insights.service.js';
import { toAssessmentDto, toItemDto } from './assessments.mappers.js';
import type { AssessmentServices } from './assessments.module.js';
import {
  Assessment,
  AssessmentItem,
  AssessmentParams,
  CreateAssessmentBody,
  ItemDiff,
  OrgParams,
  ResultCode,
  ScopingAnswersSchema,
  Summary,
  Uuid,
} from './assessments.schemas.js';
import { actorOf, confirmSecondFactor } from './http.js';

const errors = errorResponses(400, 401, 403, 404, 409, 422);
const tags = ['assessments'];

const AssessmentPage = Type.Object({
  items: Type.Array(Assessment),
  nextCursor: Type.Union([Type.Null(), Type.String()]),
  abilities: Type.Object({ create: AbilitySchema }),
});
const WorkflowEvent = Type.Union([
  Type.Null(),
  Type.Object({
    userId: Type.String(),
    at: Type.String(),
    comment: Type.Union([Type.Null(), Type.String()]),
  }),
]);
const AssessmentDetail = Type.Object({
  assessment: Assessment,
  items: Type.Array(AssessmentItem),
  abilities: AssessmentAbilities,
  workflow: Type.Object(
    { submitted: WorkflowEvent, returned: WorkflowEvent, approved: WorkflowEvent },
    { description: 'the latest submission, return (with its overall reason) and approval' },
  ),
});

type DetailQuery = {
  result?: Static<typeof ResultCode>;
  assignee?: string;
  overdue?: boolean;
  applicable?: boolean;
  chapter?: number;
};

/** The full read's answer: the items the query keeps, with the caller's abilities over all of them. */
function detailOf(
  read: Awaited<ReturnType<AssessmentInsights['load']>>,
  q: DetailQuery,
  grants: Grants | null,
) {
  const { assessment, items: loaded, workflow } = read;
  const visible = loaded.filter(
    ({ item, overdue }) =>
      (q.result === undefined || item.result === q.result) &&
      (q.assignee === undefined || item.assignee_user_id === q.assignee) &&
      (q.overdue === undefined || overdue === q.overdue) &&
      (q.applicable === undefined || (item.applicable === 1) === q.applicable) &&
      (q.chapter === undefined || item.chapter === q.chapter),
  );
  return {
    assessment: toAssessmentDto(assessment),
    items: visible.map((e) => toItemDto(e.item, e)),
    abilities: assessmentAbilities(
      grants,
      assessment,
      loaded.map((e) => e.item),
    ),
    workflow,
  };
}

export async function assessmentRoutes(
  app: App,
  services: AssessmentServices,
  verifySecondFactor: (userId: string, code: string | undefined) => Promise<boolean>,
  /** Bytes of full reads kept serialised by their ETag (platform/representation-cache.ts); 0: none. */
  readCacheBytes = 0,
): Promise<void> {
  const { lifecycle, insights } = services;
  const bodies = new RepresentationCache(readCacheBytes);
  const base = '/api/v1/orgs/:orgId/assessments';

  app.get(
    base,
    {
      config: { permission: 'assessment:read' },
      schema: {
        tags,
        operationId: 'listAssessments',
        params: OrgParams,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          cursor: Type.Optional(Type.String()),
        }),
        response: { 200: AssessmentPage, ...errors },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const rows = await lifecycle.list(
        request.params.orgId,
        limit + 1,
        decodeCursor(cursor, ['createdAt', 'id'] as const),
      );
      const page = rows.slice(0, limit);
      return {
        items: page.map(toAssessmentDto),
        nextCursor:
          rows.length > limit
            ? encodeCursor({ createdAt: page.at(-1)!.created_at, id: page.at(-1)!.id })
            : null,
        abilities: { create: ability(request.grants, 'assessment:write') },
      };
    },
  );

  app.post(
    base,
    {
      config: {
        permission: 'assessment:write',
        ids: { body: { catalogId: 'external', ownerUserId: 'member', carryForwardFrom: 'assessment' } },
      },
      schema: {
        tags,
        operationId: 'createAssessment',
        params: OrgParams,
        body: CreateAssessmentBody,
        response: { 201: Assessment, ...errors },
      },
    },
    async (request, reply) => {
      const { catalogId, ...rest } = request.body;
      const row = await lifecycle.create(actorOf(request, request.params.orgId), {
        catalogRef: catalogId,
        ...rest,
      });
      return reply.status(201).send(toAssessmentDto(row));
    },
  );

  app.get(
    `${base}/:assessmentId`,
    {
      config: { permission: 'assessment:read', ids: { params: { assessmentId: 'assessment' } } },
      schema: {
        tags,
        operationId: 'getAssessment',
        summary: 'The assessment with every item, its answer and evidence metadata',
        params: AssessmentParams,
        querystring: Type.Object({
          result: Type.Optional(ResultCode),
          assignee: Type.Optional(Type.String()),
          overdue: Type.Optional(Type.Boolean()),
          applicable: Type.Optional(Type.Boolean()),
          chapter: Type.Optional(Type.Integer()),
        }),
        response: {
          200: AssessmentDetail,
          304: Type.Null({ description: 'Not modified: the ETag sent in If-None-Match is current' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { orgId, assessmentId } = request.params;
      // The answer carries the caller's abilities, so the caller is part of what the tag covers.
      const variant = JSON.stringify([request.query, request.auth?.userId ?? null, request.grants ?? null]);
      // The tag comes from one aggregate statement. A client polling with the tag it holds gets 304
      // and no body; any other caller whose answer is already serialised under this tag gets those bytes.
      const tag = await insights.loadTag(orgId, assessmentId, variant);
      reply.header('etag', tag).header('cache-control', 'private, no-cache');
      if (ifNoneMatch(request.headers['if-none-match'], tag)) return sendNotModified(reply);
      const key = `${orgId}/${assessmentId}/${tag}`;
      const held = bodies.get(key);
      if (held) return sendSerialised(reply, held);
      const read = await insights.load(orgId, assessmentId);
      const body = detailOf(read, request.query, request.grants);
      const readTag = insights.tagOf(read, variant);
      // Written between the tag and the read: answer with the read's own tag and keep nothing.
      if (readTag !== tag) return reply.header('etag', readTag).send(body);
      const bytes = Buffer.from(reply.serialize(body) as string);
      bodies.set(key, bytes);
      return sendSerialised(reply, bytes);
    },
  );

  app.put(
    `${base}/:assessmentId/scoping`,
    {
      config: { permission: 'assessment:write', ids: { params: { assessmentId: 'assessment' } } },
      schema: {
        tags,
        operationId: 'setScoping',
        params: AssessmentParams,
        body: Type.Object({ version: Type.Integer({ minimum: 1 }), answers: ScopingAnswersSchema }),
        response: { 200: Assessment, ...errors },
      },
    },
    async (request) => {
      const { orgId, assessmentId } = request.params;
      const row = await lifecycle.setScoping(
        actorOf(request, orgId),
        assessmentId,
        request.body.version,
        request.body.answers,
      );
      return toAssessmentDto(row);
    },
  );

  app.get(
    `${base}/:assessmentId/summary`,
    {
      config: { permission: 'assessment:read', ids: { params: { assessmentId: 'assessment' } } },
      schema: {
        tags,
        operationId: 'getAssessmentSummary',
        params: AssessmentParams,
        response: { 200: Summary, ...errors },
      },
    },
    async (request) => insights.summary(request.params.orgId, request.params.assessmentId),
  );

  const transitionRoute = (action: 'submit' | 'return' | 'approve', permission: OrgPermission) =>
    app.post(
      `${base}/:assessmentId/${action}`,
      {
        config: { permission, ids: { params: { assessmentId: 'assessment' } } },
        schema: {
          tags,
          operationId: `${action}Assessment`,
          params: AssessmentParams,
          body: Type.Object({
            comment: Type.Optional(Type.String({ maxLength: 5_000 })),
            totpCode: Type.Optional(
              Type.String({ maxLength: 20, description: 'approve: the approver re-confirms 2FA' }),
            ),
          }),
          response: { 200: Assessment, ...errors },
        },
      },
      async (request) => {
        const { orgId, assessmentId } = request.params;
        const actor = actorOf(request, orgId);
        const secondFactorConfirmed =
          action === 'approve'
            ? await confirmSecondFactor(request, request.body.totpCode, verifySecondFactor)
            : false;
        const row = await lifecycle.act(actor, assessmentId, action, {
          comment: request.body.comment,
          secondFactorConfirmed,
        });
        return toAssessmentDto(row);
      },
    );
  transitionRoute('submit', 'assessment:write');
  transitionRoute('return', 'assessment:review');
  transitionRoute('approve', 'assessment:approve');

  app.post(
    `${base}/:assessmentId/reopen`,
    {
      config: { permission: 'assessment:approve', ids: { params: { assessmentId: 'assessment' } } },
      schema: {
        tags,
        operationId: 'reopenAssessment',
        params: AssessmentParams,
        response: { 201: Assessment, ...errors },
      },
    },
    async (request, reply) => {
      const row = await lifecycle.reopen(actorOf(request, request.params.orgId), request.params.assessmentId);
      return reply.status(201).send(toAssessmentDto(row));
    },
  );

  app.get(
    `${base}/:assessmentId/verify`,
    {
      config: { permission: 'assessment:read', ids: { params: { assessmentId: 'assessment' } } },
      schema: {
        tags,
        operationId: 'verifyAssessment',
        params: AssessmentParams,
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            stored: Type.Union([Type.Null(), Type.String()]),
            computed: Type.Union([Type.Null(), Type.String()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => lifecycle.verify(request.params.orgId, request.params.assessmentId),
  );

  app.get(
    `${base}/:assessmentId/diff/:otherId`,
    {
      config: {
        permission: 'assessment:read',
        ids: { params: { assessmentId: 'assessment', otherId: 'assessment' } },
      },
      schema: {
        tags,
        operationId: 'diffAssessments',
        params: Type.Object({ orgId: Uuid, assessmentId: Uuid, otherId: Uuid }),
        response: { 200: Type.Object({ items: Type.Array(ItemDiff) }), ...errors },
      },
    },
    async (request) => ({
      items: await insights.diff(request.params.orgId, request.params.otherId, request.params.assessmentId),
    }),
  );
}
