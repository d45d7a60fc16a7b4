import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/schemas.js';
import { OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { AbilitySchema, ability } from '../identity/abilities.js';
import { toEndpointDto, toRunDto, toRunSummaryDto } from './checks.mappers.js';
import type { CheckServices } from './checks.module.js';
import {
  CertificateEntry,
  Endpoint,
  EndpointInputSchema,
  EndpointParams,
  Run,
  RunListEntry,
  RunParams,
} from './checks.schemas.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const tags = ['checks'];
const DAY_MS = 86_400_000;
const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 100 }),
  cursor: Type.Optional(Type.String()),
});

/** Registered check endpoints, their runs (results as evidence) and the certificate expiry calendar. */
export async function checkRoutes(app: App, { endpoints, runs }: CheckServices): Promise<void> {
  const base = '/api/v1/orgs/:orgId/check-endpoints';

  app.get(
    base,
    {
      config: { permission: 'check:read', ids: { query: { providerId: 'provider' } } },
      schema: {
        tags,
        operationId: 'listCheckEndpoints',
        summary: 'Endpoints (optionally of one provider), each with its latest verdict',
        params: OrgParams,
        querystring: Type.Object({ ...Page.properties, providerId: Type.Optional(Uuid) }),
        response: {
          200: Type.Object({
            abilities: Type.Object({ create: AbilitySchema }),
            items: Type.Array(Endpoint),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor, providerId } = request.query;
      const after = decodeCursor(cursor, ['host', 'id'] as const);
      const rows = await endpoints.list(
        request.params.orgId,
        providerId ? { providerId } : {},
        limit + 1,
        after,
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        abilities: { create: ability(request.grants, 'check:manage') },
        items: page.map((row) => toEndpointDto(row, request.grants)),
        nextCursor: rows.length > limit && last ? encodeCursor({ host: last.host, id: last.id }) : null,
      };
    },
  );

  app.post(
    base,
    {
      config: {
        permission: 'check:manage',
        ids: { body: { providerId: 'provider', ownerUserId: 'member' } },
      },
      schema: {
        tags,
        operationId: 'createCheckEndpoint',
        params: OrgParams,
        body: EndpointInputSchema,
        response: { 201: Endpoint, ...errors },
      },
    },
    async (request, reply) => {
      const row = await endpoints.create(actorOf(request, request.params.orgId), request.body);
      return reply.status(201).send(toEndpointDto({ ...row, latest: null }, request.grants));
    },
  );

  app.get(
    `${base}/:endpointId`,
    {
      config: { permission: 'check:read', ids: { params: { endpointId: 'checkEndpoint' } } },
      schema: {
        tags,
        operationId: 'getCheckEndpoint',
        params: EndpointParams,
        response: { 200: Endpoint, ...errors },
      },
    },
    async (request) =>
      toEndpointDto(
        await endpoints.getWithLatest(request.params.orgId, request.params.endpointId),
        request.grants,
      ),
  );

  app.patch(
    `${base}/:endpointId`,
    {
      config: {
        permission: 'check:manage',
        ids: {
          params: { endpointId: 'checkEndpoint' },
          body: { providerId: 'provider', ownerUserId: 'member' },
        },
      },
      schema: {
        tags,
        operationId: 'updateCheckEndpoint',
        params: EndpointParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), ...Type.Partial(EndpointInputSchema).properties },
          { additionalProperties: false },
        ),
        response: { 200: Endpoint, ...errors },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      const { orgId, endpointId } = request.params;
      const updated = await endpoints.update(actorOf(request, orgId), endpointId, version, patch);
      // Stale or not, the answer is the endpoint as it now stands, read after the transaction.
      const current = toEndpointDto(await endpoints.getWithLatest(orgId, endpointId), request.grants);
      if (!updated) throw new AppError(409, 'VERSION_CONFLICT', { current });
      return current;
    },
  );

  app.post(
    `${base}/:endpointId/runs`,
    {
      config: { permission: 'check:run', ids: { params: { endpointId: 'checkEndpoint' } } },
      schema: {
        tags,
        operationId: 'runCheckNow',
        summary: 'Run the check now; the result is stored and attached as evidence like a scheduled one',
        params: EndpointParams,
        response: { 201: Run, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const run = await runs.runNow(actorOf(request, request.params.orgId), request.params.endpointId);
      return reply.status(201).send(toRunDto(run));
    },
  );

  app.get(
    `${base}/:endpointId/runs`,
    {
      config: { permission: 'check:read', ids: { params: { endpointId: 'checkEndpoint' } } },
      schema: {
        tags,
        operationId: 'listCheckRuns',
        summary: "An endpoint's result history, newest first",
        params: EndpointParams,
        querystring: Page,
        response: {
          200: Type.Object({
            items: Type.Array(RunListEntry),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = decodeCursor(cursor, ['startedAt', 'id'] as const);
      const rows = await runs.listRuns(request.params.orgId, request.params.endpointId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({
          ...toRunSummaryDto(r),
          trigger: r.trigger as 'scheduled' | 'manual' | 'cli',
          durationMs: r.duration_ms,
          target: r.target,
          evidenceId: r.evidence_id,
        })),
        nextCursor:
          rows.length > limit && last ? encodeCursor({ startedAt: last.started_at, id: last.id }) : null,
      };
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/check-runs/:runId',
    {
      config: { permission: 'check:read', ids: { params: { runId: 'checkRun' } } },
      schema: {
        tags,
        operationId: 'getCheckRun',
        summary: 'One run with its raw observations and the verdict of each rule',
        params: RunParams,
        response: { 200: Run, ...errors },
      },
    },
    async (request) => toRunDto(await runs.getRun(request.params.orgId, request.params.runId)),
  );

  app.get(
    '/api/v1/orgs/:orgId/check-certificates',
    {
      config: { permission: 'check:read' },
      schema: {
        tags,
        operationId: 'listCheckCertificates',
        summary: 'Certificate expiry calendar: the latest certificate of every TLS endpoint, soonest first',
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(CertificateEntry) }), ...errors },
      },
    },
    async (request) => {
      const now = Date.now();
      const rows = await runs.certificateCalendar(request.params.orgId, 1000);
      return {
        items: rows.map((r) => ({
          endpointId: r.endpoint_id,
          providerId: r.provider_id,
          host: r.host,
          port: r.port,
          purpose: r.purpose,
          ownerUserId: r.owner_user_id,
          runId: r.run_id,
          checkedAt: r.started_at,
          notAfter: r.certificate_not_after!,
          daysToExpiry: Math.floor((Date.parse(r.certificate_not_after!) - now) / DAY_MS),
        })),
      };
    },
  );
}
