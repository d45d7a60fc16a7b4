import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { errorResponses } from '../../platform/schemas.js';
import { toItemDto } from './assessments.mappers.js';
import type { AssessmentServices } from './assessments.module.js';
import { AssessmentItem, ItemParams, ItemPatchBody, literalUnion, Uuid } from './assessments.schemas.js';
import { actorOf } from './http.js';

const errors = errorResponses(400, 401, 403, 404, 409, 422);
const tags = ['assessments'];
const Comment = Type.Object({
  id: Uuid,
  authorUserId: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
});
/** A stored answer field: text, date, number, flag or empty. */
const FieldValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const Change = Type.Object({
  version: Type.Integer(),
  changedBy: Type.String(),
  changedAt: Type.String(),
  // One entry per field: a list of plain objects, which the response serialiser (and OpenAPI clients) can
  // describe exactly, unlike a record of [before, after] tuples.
  changes: Type.Array(
    Type.Object({
      field: Type.String(),
      before: FieldValue,
      after: FieldValue,
    }),
  ),
});

/** Single-item operations: answer, review, comment, history. */
export async function assessmentItemRoutes(app: App, services: AssessmentServices): Promise<void> {
  const { items, insights } = services;
  const base = '/api/v1/orgs/:orgId/assessment-items/:itemId';
  const itemDto = async (orgId: string, itemId: string) => {
    const loaded = await insights.loadItem(orgId, itemId);
    return toItemDto(loaded.item, loaded);
  };

  app.get(
    base,
    {
      config: { permission: 'assessment:read', ids: { params: { itemId: 'assessmentItem' } } },
      schema: {
        tags,
        operationId: 'getAssessmentItem',
        params: ItemParams,
        response: { 200: AssessmentItem, ...errors },
      },
    },
    async (request) => itemDto(request.params.orgId, request.params.itemId),
  );

  app.patch(
    base,
    {
      config: {
        permission: 'assessment:write',
        ids: { params: { itemId: 'assessmentItem' }, body: { assigneeUserId: 'member' } },
      },
      schema: {
        tags,
        operationId: 'updateAssessmentItem',
        summary: 'Answer an item; send the version you loaded (a stale one gets 409 with the current item)',
        params: ItemParams,
        body: ItemPatchBody,
        response: { 200: AssessmentItem, ...errors },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      const saved = await items.update(
        actorOf(request, request.params.orgId),
        request.params.itemId,
        version,
        patch,
      );
      const entry = await insights.entryFor(request.params.orgId, saved);
      return toItemDto(entry.item, entry);
    },
  );

  app.post(
    `${base}/review`,
    {
      config: { permission: 'assessment:review', ids: { params: { itemId: 'assessmentItem' } } },
      schema: {
        tags,
        operationId: 'reviewAssessmentItem',
        params: ItemParams,
        body: Type.Object({
          version: Type.Integer({ minimum: 1 }),
          status: literalUnion(['validated', 'flagged'] as const),
          comment: Type.Optional(Type.String({ maxLength: 5_000 })),
        }),
        response: { 200: AssessmentItem, ...errors },
      },
    },
    async (request) => {
      const { version, status, comment } = request.body;
      await items.review(actorOf(request, request.params.orgId), request.params.itemId, version, {
        status,
        comment,
      });
      return itemDto(request.params.orgId, request.params.itemId);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/assessments/:assessmentId/reviews',
    {
      config: {
        permission: 'assessment:review',
        ids: { params: { assessmentId: 'assessment' }, body: { 'items[].itemId': 'assessmentItem' } },
      },
      schema: {
        tags,
        operationId: 'confirmAssessmentItems',
        summary: 'Confirm many items at once (all or nothing; a stale version refuses the batch with 409)',
        params: Type.Object({ orgId: Uuid, assessmentId: Uuid }),
        body: Type.Object({
          items: Type.Array(Type.Object({ itemId: Uuid, version: Type.Integer({ minimum: 1 }) }), {
            minItems: 1,
            maxItems: 500,
          }),
        }),
        response: { 200: Type.Object({ validated: Type.Integer() }), ...errors },
      },
    },
    async (request) => ({
      validated: await items.reviewMany(
        actorOf(request, request.params.orgId),
        request.params.assessmentId,
        request.body.items,
      ),
    }),
  );

  app.post(
    `${base}/comments`,
    {
      config: { permission: 'assessment:comment', ids: { params: { itemId: 'assessmentItem' } } },
      schema: {
        tags,
        operationId: 'commentOnAssessmentItem',
        params: ItemParams,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 10_000 }) }),
        response: { 201: Comment, ...errors },
      },
    },
    async (request, reply) => {
      const row = await items.comment(
        actorOf(request, request.params.orgId),
        request.params.itemId,
        request.body.body,
      );
      return reply
        .status(201)
        .send({ id: row.id, authorUserId: row.author_user_id, body: row.body, createdAt: row.created_at });
    },
  );

  app.get(
    `${base}/history`,
    {
      config: { permission: 'assessment:read', ids: { params: { itemId: 'assessmentItem' } } },
      schema: {
        tags,
        operationId: 'getAssessmentItemHistory',
        params: ItemParams,
        response: {
          200: Type.Object({ changes: Type.Array(Change), comments: Type.Array(Comment) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { changes, comments } = await items.history(request.params.orgId, request.params.itemId);
      return {
        changes: changes.map((c) => ({
          version: c.version,
          changedBy: c.changed_by,
          changedAt: c.changed_at,
          changes: Object.entries(c.changes).map(([field, [before, after]]) => ({ field, before, after })),
        })),
        comments: comments.map((c) => ({
          id: c.id,
          authorUserId: c.author_user_id,
          body: c.body,
          createdAt: c.created_at,
        })),
      };
    },
  );
}
