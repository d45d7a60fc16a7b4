import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/schemas.js';
import { readUpload, receiveUpload } from '../../platform/uploads.js';
import { CalendarDate, literalUnion, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { REGISTER_IMPORT_LIMITS } from '../tabular-import/table-reader.js';
import { DOCUMENT_KINDS } from './device-programme.service.js';
import { DeviceParams } from './devices.schemas.js';
import { PLATFORMS } from './domain/controls.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const tags = ['devices'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);

const Agreement = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  title: Type.String(),
  usageLimits: Type.String(),
  firmResponsibilities: Type.String(),
  holderResponsibilities: Type.String(),
  validDays: Type.Integer(),
  publishedAt: Type.String(),
});
const Acceptance = Type.Object({
  id: Uuid,
  agreementId: Uuid,
  version: Type.Integer(),
  holderUserId: Nullable(Uuid),
  holderName: Nullable(Type.String()),
  method: literalUnion(['in_app', 'paper'] as const),
  evidenceId: Nullable(Uuid),
  acceptedAt: Type.String(),
  expiresAt: Type.String(),
});
const Review = Type.Object({
  id: Uuid,
  deviceId: Uuid,
  purpose: Type.String(),
  periodStart: Type.String(),
  periodEnd: Type.String(),
  dataTypes: Type.Array(Type.String()),
  reviewedAt: Type.String(),
  nextDueOn: Type.String(),
});
const AllowedApp = Type.Object({
  id: Uuid,
  platform: Type.String(),
  appIdentifier: Type.String(),
  name: Type.String(),
  reviewer: Type.String(),
  reviewedOn: Type.String(),
  note: Type.String(),
});
const Document = Type.Object({
  id: Uuid,
  kind: literalUnion(DOCUMENT_KINDS),
  version: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  evidenceId: Nullable(Uuid),
  recordedAt: Type.String(),
});

type Row = Record<string, unknown>;
const agreementDto = (r: Row) => ({
  id: r.id as string,
  version: r.version as number,
  title: r.title as string,
  usageLimits: r.usage_limits as string,
  firmResponsibilities: r.firm_responsibilities as string,
  holderResponsibilities: r.holder_responsibilities as string,
  validDays: r.valid_days as number,
  publishedAt: r.published_at as string,
});
const acceptanceDto = (r: Row, version: number) => ({
  id: r.id as string,
  agreementId: r.agreement_id as string,
  version,
  holderUserId: r.holder_user_id as string | null,
  holderName: r.holder_name as string | null,
  method: r.method as 'paper',
  evidenceId: r.evidence_id as string | null,
  acceptedAt: r.accepted_at as string,
  expiresAt: r.expires_at as string,
});

/** BYOD agreements, acceptances and reviews (Art. 15), allowed apps (14.5) and the register's documents. */
export async function byodRoutes(app: App, ctx: AppContext): Promise<void> {
  const { byod, programme } = ctx.services.devices;
  const base = '/api/v1/orgs/:orgId/devices';
  const AgreementParams = Type.Object({ orgId: Uuid, agreementId: Uuid });

  app.get(
    `${base}/byod/agreements`,
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        operationId: 'listByodAgreements',
        params: OrgParams,
        response: { 200: Type.Array(Agreement), ...errors },
      },
    },
    async (request) => (await byod.agreements(request.params.orgId)).map(agreementDto),
  );

  app.post(
    `${base}/byod/agreements`,
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        operationId: 'publishByodAgreement',
        summary: 'Publishes the next version; holders must accept it again',
        params: OrgParams,
        body: Type.Object({
          title: Type.String({ minLength: 1, maxLength: 200 }),
          usageLimits: Type.String({ minLength: 1, maxLength: 20_000 }),
          firmResponsibilities: Type.String({ minLength: 1, maxLength: 20_000 }),
          holderResponsibilities: Type.String({ minLength: 1, maxLength: 20_000 }),
          validDays: Type.Integer({ minimum: 1, maximum: 3650 }),
        }),
        response: { 201: Agreement, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(agreementDto(await byod.publish(actorOf(request, request.params.orgId), request.body))),
  );

  app.post(
    `${base}/byod/agreements/:agreementId/accept`,
    {
      config: { permission: 'byod:accept', ids: { params: { agreementId: 'byodAgreement' } } },
      schema: {
        tags,
        operationId: 'acceptByodAgreement',
        summary: 'The signed-in holder accepts the current version (recorded in the audit chain)',
        params: AgreementParams,
        response: { 201: Acceptance, ...errors },
      },
    },
    async (request, reply) => {
      const row = await byod.accept(actorOf(request, request.params.orgId), request.params.agreementId);
      const version = (await byod.agreements(request.params.orgId)).find(
        (a) => a.id === row.agreement_id,
      )!.version;
      return reply.status(201).send(acceptanceDto(row, version));
    },
  );

  app.post(
    `${base}/byod/agreements/:agreementId/paper-acceptances`,
    {
      config: {
        permission: 'device:write',
        ids: {
          params: { agreementId: 'byodAgreement' },
          body: { holderUserId: 'member', evidenceId: 'evidence' },
        },
      },
      schema: {
        tags,
        operationId: 'recordPaperByodAcceptance',
        summary: 'A paper acceptance of the current version, with its scan as evidence',
        params: AgreementParams,
        body: Type.Object({
          holderUserId: Type.Optional(Nullable(Uuid)),
          holderName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          evidenceId: Uuid,
          acceptedOn: CalendarDate,
        }),
        response: { 201: Acceptance, ...errors },
      },
    },
    async (request, reply) => {
      const { orgId, agreementId } = request.params;
      const row = await byod.recordPaper(actorOf(request, orgId), agreementId, request.body);
      const version = (await byod.agreements(orgId)).find((a) => a.id === row.agreement_id)!.version;
      return reply.status(201).send(acceptanceDto(row, version));
    },
  );

  app.get(
    `${base}/byod/acceptances`,
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        operationId: 'listByodAcceptances',
        params: OrgParams,
        response: { 200: Type.Array(Acceptance), ...errors },
      },
    },
    async (request) => (await byod.acceptances(request.params.orgId)).map((r) => acceptanceDto(r, r.version)),
  );

  app.post(
    `${base}/:deviceId/byod-reviews`,
    {
      config: { permission: 'device:write', ids: { params: { deviceId: 'device' } } },
      schema: {
        tags,
        operationId: 'reviewByodDevice',
        summary:
          'A periodic review of a BYOD device: permitted purpose, period of use, data types (Art. 15.1)',
        params: DeviceParams,
        body: Type.Object({
          purpose: Type.String({ minLength: 1, maxLength: 2000 }),
          periodStart: CalendarDate,
          periodEnd: CalendarDate,
          dataTypes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
        }),
        response: { 201: Review, ...errors },
      },
    },
    async (request, reply) => {
      const { orgId, deviceId } = request.params;
      const r = await byod.review(actorOf(request, orgId), deviceId, request.body);
      return reply.status(201).send({
        id: r.id,
        deviceId: r.device_id,
        purpose: r.purpose,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        dataTypes: JSON.parse(r.data_types) as string[],
        reviewedAt: r.reviewed_at,
        nextDueOn: r.next_due_on,
      });
    },
  );

  const appDto = (a: Row) => ({
    id: a.id as string,
    platform: a.platform as string,
    appIdentifier: a.app_identifier as string,
    name: a.name as string,
    reviewer: a.reviewer as string,
    reviewedOn: a.reviewed_on as string,
    note: a.note as string,
  });
  app.get(
    `${base}/allowed-apps`,
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        operationId: 'listAllowedApps',
        params: OrgParams,
        response: { 200: Type.Array(AllowedApp), ...errors },
      },
    },
    async (request) => (await programme.allowedApps(request.params.orgId)).map(appDto),
  );
  app.post(
    `${base}/allowed-apps`,
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        operationId: 'addAllowedApp',
        summary: 'An app that passed the firm’s review and may be installed on company devices (Art. 14.5)',
        params: OrgParams,
        body: Type.Object({
          platform: literalUnion(PLATFORMS),
          appIdentifier: Type.String({ minLength: 1, maxLength: 300 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          reviewer: Type.String({ minLength: 1, maxLength: 200 }),
          reviewedOn: CalendarDate,
          note: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 201: AllowedApp, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(appDto(await programme.addAllowedApp(actorOf(request, request.params.orgId), request.body))),
  );
  app.post(
    `${base}/allowed-apps/check`,
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        operationId: 'checkInstalledApps',
        summary:
          'multipart/form-data with an MDM export of installed apps (one row per device and app): the rows whose app is not on the allowed list. Changes nothing.',
        params: OrgParams,
        consumes: ['multipart/form-data'],
        response: {
          200: Type.Object({
            rows: Type.Integer(),
            unapproved: Type.Array(
              Type.Object({
                sheetRow: Type.Integer(),
                device: Type.String(),
                platform: Type.String(),
                appIdentifier: Type.String(),
                name: Type.String(),
              }),
            ),
          }),
          ...errorResponses(400, 401, 403, 404, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const max = Math.min(ctx.config.maxUploadBytes, REGISTER_IMPORT_LIMITS.maxFileBytes);
      const upload = await receiveUpload(request, { fileSize: max + 1 });
      if (!upload) throw new AppError(400, 'IMPORT_FILE_MISSING');
      return programme.checkApps(request.params.orgId, await readUpload(upload.file, max));
    },
  );

  app.delete(
    `${base}/allowed-apps/:appId`,
    {
      config: { permission: 'device:write', ids: { params: { appId: 'allowedApp' } } },
      schema: {
        tags,
        operationId: 'removeAllowedApp',
        params: Type.Object({ orgId: Uuid, appId: Uuid }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await programme.removeAllowedApp(actorOf(request, request.params.orgId), request.params.appId);
      return reply.status(204).send(null);
    },
  );

  const documentDto = (d: Row) => ({
    id: d.id as string,
    kind: d.kind as 'request_return_rules',
    version: d.version as number,
    title: d.title as string,
    description: d.description as string,
    evidenceId: d.evidence_id as string | null,
    recordedAt: d.recorded_at as string,
  });
  app.get(
    `${base}/documents`,
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        operationId: 'listDeviceDocuments',
        params: OrgParams,
        response: { 200: Type.Array(Document), ...errors },
      },
    },
    async (request) => (await programme.documents(request.params.orgId)).map(documentDto),
  );
  app.post(
    `${base}/documents`,
    {
      config: { permission: 'device:write', ids: { body: { evidenceId: 'evidence' } } },
      schema: {
        tags,
        operationId: 'recordDeviceDocument',
        summary:
          'A new version of the device request/return rules (Art. 14.1) or of the BYOD tethering control (Art. 15.3), with its evidence',
        params: OrgParams,
        body: Type.Object({
          kind: literalUnion(DOCUMENT_KINDS),
          title: Type.String({ minLength: 1, maxLength: 200 }),
          description: Type.String({ maxLength: 20_000 }),
          evidenceId: Type.Optional(Nullable(Uuid)),
        }),
        response: { 201: Document, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          documentDto(await programme.recordDocument(actorOf(request, request.params.orgId), request.body)),
        ),
  );
}
