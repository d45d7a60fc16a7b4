import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { errorResponses } from '../../platform/schemas.js';
import { literalUnion, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { ARTICLES, CONTROLS } from './domain/controls.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const tags = ['devices'];

const Tally = Type.Object({
  control: literalUnion(CONTROLS),
  pass: Type.Integer(),
  fail: Type.Integer(),
  unknown: Type.Integer(),
  notRequired: Type.Integer(),
});
export const Summary = Type.Object({
  asOf: Type.String(),
  devices: Type.Integer(),
  inScope: Type.Integer(),
  excluded: Type.Integer(),
  byod: Type.Integer(),
  company: Type.Integer(),
  stale: Type.Integer(),
  failing: Type.Integer(),
  unknown: Type.Integer(),
  articles: Type.Array(
    Type.Object({
      article: literalUnion(ARTICLES.map((a) => a.article) as unknown as readonly [string, ...string[]]),
      item: Type.Integer(),
      inScope: Type.Integer(),
      controls: Type.Array(Tally),
      facts: Type.Record(Type.String(), Type.Union([Type.Integer(), Type.Boolean(), Type.Null()])),
    }),
  ),
});

/** The per-article summary (items 41–54) and its frozen, hashed snapshot as evidence. */
export async function deviceSummaryRoutes(app: App, ctx: AppContext): Promise<void> {
  const { programme } = ctx.services.devices;
  const base = '/api/v1/orgs/:orgId/devices/summary';

  app.get(
    base,
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        operationId: 'getDeviceSummary',
        summary:
          'Per article of chapter 4: pass/fail/unknown of in-scope devices per control, and programme figures',
        params: OrgParams,
        response: { 200: Summary, ...errors },
      },
    },
    (request) => programme.summary(request.params.orgId),
  );

  app.post(
    `${base}/snapshots`,
    {
      config: { permission: 'device:write', ids: { body: { itemId: 'assessmentItem' } } },
      schema: {
        tags,
        operationId: 'snapshotDeviceSummary',
        summary:
          'Freezes the summary as dated, SHA-256-hashed evidence (canonical JSON), attached to the item when itemId is given',
        params: OrgParams,
        body: Type.Object({ itemId: Type.Optional(Uuid) }),
        response: {
          201: Type.Object({
            evidenceId: Uuid,
            sha256: Type.String(),
            asOf: Type.String(),
            title: Type.String(),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const snapshot = await programme.snapshot(actorOf(request, request.params.orgId), request.body.itemId);
      return reply.status(201).send({
        evidenceId: snapshot.evidence.id,
        sha256: snapshot.sha256,
        asOf: snapshot.document.asOf,
        title: snapshot.evidence.title,
      });
    },
  );
}
