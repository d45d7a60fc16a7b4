import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { errorResponses } from '../../platform/schemas.js';
import { toCsv } from '../../platform/spreadsheet-safety.js';
import { OrgParams } from '../assessments/assessments.schemas.js';
import type { AuditRow } from './audit.repository.js';

const tags = ['audit'];
const errors = errorResponses(400, 401, 403, 404);
const Filters = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100 })),
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  before: Type.Optional(
    Type.Integer({ minimum: 1, description: 'keyset cursor: entries with a lower sequence number' }),
  ),
});
const Entry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorUserId: Type.Union([Type.Null(), Type.String()]),
  ip: Type.Union([Type.Null(), Type.String()]),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});

const toDto = (row: AuditRow) => ({
  seq: row.seq,
  at: row.at,
  actorUserId: row.actor_user_id,
  ip: row.ip,
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  before: row.before ? JSON.parse(row.before) : null,
  after: row.after ? JSON.parse(row.after) : null,
  hash: row.hash,
});

/** The organisation's audit trail for admins and auditors: browse, export as CSV, verify the chain. */
export async function auditRoutes(app: App, ctx: AppContext): Promise<void> {
  const { audit } = ctx.services;
  const filtersOf = (q: { action?: string; actor?: string; from?: string; to?: string }) => ({
    action: q.action,
    actorUserId: q.actor,
    from: q.from,
    to: q.to,
  });

  app.get(
    '/api/v1/orgs/:orgId/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        operationId: 'listAuditEntries',
        params: OrgParams,
        querystring: Filters,
        response: {
          200: Type.Object({
            items: Type.Array(Entry),
            nextCursor: Type.Union([Type.Null(), Type.Integer()], {
              description: 'pass as `before` for the next (older) page; null on the last page',
            }),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, before, ...rest } = request.query;
      // One entry more than asked tells whether another page follows.
      const rows = await audit.list(request.params.orgId, filtersOf(rest), limit + 1, before);
      const items = rows.slice(0, limit).map(toDto);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.seq : null };
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/audit/export.csv',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        operationId: 'exportAuditCsv',
        params: OrgParams,
        querystring: Filters,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const rows = await audit.list(request.params.orgId, filtersOf(request.query), 100_000);
      const header = [
        'seq',
        'at',
        'actor_user_id',
        'ip',
        'action',
        'target_type',
        'target_id',
        'before',
        'after',
        'hash',
      ];
      const body = rows.map((r) => [
        r.seq,
        r.at,
        r.actor_user_id,
        r.ip,
        r.action,
        r.target_type,
        r.target_id,
        r.before,
        r.after,
        r.hash,
      ]);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="audit-log.csv"');
      return toCsv([header, ...body]);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/audit/verify',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        operationId: 'verifyAuditChain',
        params: OrgParams,
        response: {
          200: Type.Object({ entries: Type.Integer(), intact: Type.Boolean(), firstBreak: Type.Unknown() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const [result] = await audit.verify(request.params.orgId);
      return { entries: result?.entries ?? 0, intact: !result?.broken, firstBreak: result?.broken ?? null };
    },
  );
}
