import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { errorResponses } from '../../platform/schemas.js';
import { CalendarDate, literalUnion, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { attachmentDisposition } from '../evidence/content-disposition.js';
import { AbilitySchema, ability } from '../identity/abilities.js';
import type { Grants } from '../identity/access.js';
import { todayInTaipei } from './domain/calendar-date.js';
import { INCIDENT_KINDS } from './domain/incidents.js';
import { providerStatus } from './domain/provider-status.js';
import { toProviderDto } from './providers.mappers.js';
import type { ProviderServices } from './providers.module.js';
import {
  AuditRecordSchema,
  Contact,
  Incident,
  Provider,
  ProviderInputSchema,
  ProviderParams,
} from './providers.schemas.js';
import { providersCsv } from './providers-csv.js';

/** The register's actions; providers have no state that blocks them, so the role decides alone. */
const ProviderAbilities = Type.Object({
  create: AbilitySchema,
  update: AbilitySchema,
  export: AbilitySchema,
});
const providerAbilities = (grants: Grants | null) => ({
  create: ability(grants, 'provider:write'),
  update: ability(grants, 'provider:write'),
  export: ability(grants, 'report:export'),
});

const errors = errorResponses(400, 401, 403, 404, 409);
const tags = ['providers'];

/** The firm's cloud-provider register: providers, contacts, audits and incidents. */
export async function providerRoutes(app: App, { providers }: ProviderServices): Promise<void> {
  const base = '/api/v1/orgs/:orgId/providers';
  const dto = async (orgId: string, id: string) => {
    const [entry] = await providers.list(orgId, 1, undefined, id);
    return toProviderDto(entry!.row, entry!.contacts, entry!.status);
  };

  app.get(
    base,
    {
      config: { permission: 'provider:read' },
      schema: {
        tags,
        operationId: 'listProviders',
        params: OrgParams,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 100 }),
          cursor: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Provider),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
            abilities: ProviderAbilities,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor ? decodeCursor(cursor, ['name', 'id'] as const) : undefined;
      const entries = await providers.list(request.params.orgId, limit + 1, after);
      const page = entries.slice(0, limit);
      const last = page.at(-1)?.row;
      return {
        items: page.map((e) => toProviderDto(e.row, e.contacts, e.status)),
        nextCursor: entries.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
        abilities: providerAbilities(request.grants),
      };
    },
  );

  app.post(
    base,
    {
      config: { permission: 'provider:write', ids: { body: { starReportEvidenceId: 'evidence' } } },
      schema: {
        tags,
        operationId: 'createProvider',
        params: OrgParams,
        body: ProviderInputSchema,
        response: { 201: Provider, ...errors },
      },
    },
    async (request, reply) => {
      const row = await providers.create(actorOf(request, request.params.orgId), request.body);
      return reply.status(201).send(toProviderDto(row, [], providerStatus(row, null, todayInTaipei())));
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/providers/export.csv',
    {
      config: { permission: 'provider:read' },
      schema: {
        tags,
        operationId: 'exportProvidersCsv',
        summary: 'The register as CSV (UTF-8 with BOM, for Excel)',
        params: OrgParams,
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) => {
      const csv = providersCsv(await providers.list(request.params.orgId, 10_000));
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', attachmentDisposition('cloud-providers.csv'));
      return csv;
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/provider-dashboard',
    {
      config: { permission: 'provider:read' },
      schema: {
        tags,
        operationId: 'getProviderDashboard',
        params: OrgParams,
        response: {
          200: Type.Object({
            providers: Type.Integer(),
            critical: Type.Integer(),
            auditsOverdue: Type.Integer(),
            auditsDueWithin30Days: Type.Integer(),
            starExpiringWithin60Days: Type.Integer(),
            questionnairesOutstanding: Type.Integer(),
            itemCoverage: Type.Array(
              Type.Object({
                itemNumber: Type.Integer(),
                itemId: Type.String(),
                satisfied: Type.Integer(),
                criticalProviders: Type.Integer(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => providers.dashboard(request.params.orgId),
  );

  app.get(
    `${base}/:providerId`,
    {
      config: { permission: 'provider:read', ids: { params: { providerId: 'provider' } } },
      schema: {
        tags,
        operationId: 'getProvider',
        params: ProviderParams,
        response: {
          200: Type.Object(
            { ...Provider.properties, abilities: ProviderAbilities },
            { title: 'ProviderDetail' },
          ),
          ...errors,
        },
      },
    },
    async (request) => {
      await providers.get(request.params.orgId, request.params.providerId);
      return {
        ...(await dto(request.params.orgId, request.params.providerId)),
        abilities: providerAbilities(request.grants),
      };
    },
  );

  app.patch(
    `${base}/:providerId`,
    {
      config: {
        permission: 'provider:write',
        ids: { params: { providerId: 'provider' }, body: { starReportEvidenceId: 'evidence' } },
      },
      schema: {
        tags,
        operationId: 'updateProvider',
        params: ProviderParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), ...Type.Partial(ProviderInputSchema).properties },
          { additionalProperties: false },
        ),
        response: { 200: Provider, ...errors },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      await providers.update(
        actorOf(request, request.params.orgId),
        request.params.providerId,
        version,
        input,
      );
      return dto(request.params.orgId, request.params.providerId);
    },
  );

  app.post(
    `${base}/:providerId/contacts`,
    {
      config: { permission: 'provider:write', ids: { params: { providerId: 'provider' } } },
      schema: {
        tags,
        operationId: 'addProviderContact',
        params: ProviderParams,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          email: Type.String({ format: 'email', maxLength: 320 }),
          phone: Type.Optional(Type.String({ maxLength: 50 })),
          title: Type.Optional(Type.String({ maxLength: 200 })),
        }),
        response: { 201: Contact, ...errors },
      },
    },
    async (request, reply) => {
      const row = await providers.addContact(
        actorOf(request, request.params.orgId),
        request.params.providerId,
        request.body,
      );
      return reply
        .status(201)
        .send({ id: row.id, name: row.name, email: row.email, phone: row.phone, title: row.title });
    },
  );

  app.get(
    `${base}/:providerId/audits`,
    {
      config: { permission: 'provider:read', ids: { params: { providerId: 'provider' } } },
      schema: {
        tags,
        operationId: 'listProviderAudits',
        params: ProviderParams,
        response: { 200: Type.Array(AuditRecordSchema), ...errors },
      },
    },
    async (request) => {
      await providers.get(request.params.orgId, request.params.providerId);
      const rows = await providers.listAudits(request.params.orgId, request.params.providerId);
      return rows.map((r) => ({
        id: r.id,
        auditDate: r.audit_date,
        auditType: r.audit_type as 'onsite',
        result: r.result as 'satisfactory',
        findings: r.findings,
        evidenceId: r.evidence_id,
        createdAt: r.created_at,
      }));
    },
  );

  app.post(
    `${base}/:providerId/audits`,
    {
      config: {
        permission: 'provider:write',
        ids: { params: { providerId: 'provider' }, body: { evidenceId: 'evidence' } },
      },
      schema: {
        tags,
        operationId: 'recordProviderAudit',
        params: ProviderParams,
        body: Type.Object({
          auditDate: CalendarDate,
          auditType: literalUnion(['onsite', 'report_review'] as const),
          result: literalUnion(['satisfactory', 'findings', 'unsatisfactory'] as const),
          findings: Type.Optional(Type.String({ maxLength: 20_000 })),
          evidenceId: Type.Optional(Type.Union([Type.Null(), Uuid])),
        }),
        response: { 201: AuditRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const r = await providers.recordAudit(
        actorOf(request, request.params.orgId),
        request.params.providerId,
        request.body,
      );
      return reply.status(201).send({
        id: r.id,
        auditDate: r.audit_date,
        auditType: request.body.auditType,
        result: request.body.result,
        findings: r.findings,
        evidenceId: r.evidence_id,
        createdAt: r.created_at,
      });
    },
  );

  app.get(
    `${base}/:providerId/incidents`,
    {
      config: { permission: 'provider:read', ids: { params: { providerId: 'provider' } } },
      schema: {
        tags,
        operationId: 'listProviderIncidents',
        params: ProviderParams,
        response: { 200: Type.Array(Incident), ...errors },
      },
    },
    async (request) => {
      const entries = await providers.listIncidents(request.params.orgId, request.params.providerId);
      return entries.map(({ incident, updates, notification }) => ({
        id: incident.id,
        kind: incident.kind as (typeof INCIDENT_KINDS)[number],
        occurredAt: incident.occurred_at,
        notifiedAt: incident.notified_at,
        summary: incident.summary,
        status: incident.status as 'open' | 'closed',
        closedAt: incident.closed_at,
        notification,
        updates: updates.map((u) => ({ at: u.at, note: u.note })),
      }));
    },
  );

  app.post(
    `${base}/:providerId/incidents`,
    {
      config: { permission: 'provider:write', ids: { params: { providerId: 'provider' } } },
      schema: {
        tags,
        operationId: 'recordProviderIncident',
        params: ProviderParams,
        body: Type.Object({
          kind: literalUnion(INCIDENT_KINDS),
          occurredAt: Type.String({ format: 'date-time' }),
          notifiedAt: Type.Optional(Type.Union([Type.Null(), Type.String({ format: 'date-time' })])),
          summary: Type.String({ minLength: 1, maxLength: 10_000 }),
        }),
        response: { 201: Type.Object({ id: Uuid }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await providers.recordIncident(
        actorOf(request, request.params.orgId),
        request.params.providerId,
        request.body,
      );
      return reply.status(201).send({ id: row.id });
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/provider-incidents/:incidentId/updates',
    {
      config: { permission: 'provider:write', ids: { params: { incidentId: 'providerIncident' } } },
      schema: {
        tags,
        operationId: 'addProviderIncidentUpdate',
        params: Type.Object({ orgId: Uuid, incidentId: Uuid }),
        body: Type.Object({
          note: Type.String({ minLength: 1, maxLength: 10_000 }),
          at: Type.Optional(Type.String({ format: 'date-time' })),
          notifiedAt: Type.Optional(Type.String({ format: 'date-time' })),
          close: Type.Optional(Type.Boolean()),
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await providers.addIncidentUpdate(
        actorOf(request, request.params.orgId),
        request.params.incidentId,
        request.body,
      );
      return reply.status(204).send(null);
    },
  );
}
