import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { AppError } from '../../platform/errors.js';
import { type Locale, localeFromHeader } from '../../platform/i18n.js';
import { errorResponses } from '../../platform/schemas.js';
import { readUpload, receiveUpload } from '../../platform/uploads.js';
import { literalUnion, OrgParams } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { attachmentDisposition } from '../evidence/content-disposition.js';
import { RegisterTask, toTaskDto } from '../register-tasks/register-tasks.dto.js';
import { rowProblemsCsv } from '../tabular-import/error-report.js';
import { REGISTER_IMPORT_LIMITS } from '../tabular-import/table-reader.js';
import { toDeviceDto, toEventDto } from './devices.mappers.js';
import {
  Device,
  DeviceEvent,
  DeviceInput,
  DeviceParams,
  EventInput,
  ImportOutcome,
  ImportQuery,
  Policy,
} from './devices.schemas.js';
import { seesPersonalData } from './devices-access.js';
import { devicesCsv } from './devices-export.js';
import { OWNERSHIPS, PLATFORMS } from './domain/controls.js';

const errors = errorResponses(400, 401, 403, 404, 409, 413, 415, 422);
const tags = ['devices'];
const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.Null(), Type.String()]) });

/** The device register (Art. 12–14): list, detail, manual entries, lifecycle events, MDM import, policy. */
export async function deviceRoutes(app: App, ctx: AppContext): Promise<void> {
  const { devices } = ctx.services.devices;
  const identity = ctx.services.identity;
  const base = '/api/v1/orgs/:orgId/devices';
  const localeOf = (lang: Locale | undefined, header: string | undefined) => lang ?? localeFromHeader(header);
  const present = async (request: Parameters<typeof seesPersonalData>[1], orgId: string) => {
    const personal = await seesPersonalData(identity, request, orgId);
    const { policy } = await devices.getPolicy(orgId);
    return (row: Parameters<typeof toDeviceDto>[0]) => toDeviceDto(row, policy, personal);
  };

  app.get(
    base,
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        operationId: 'listDevices',
        params: OrgParams,
        querystring: Type.Object({
          platform: Type.Optional(literalUnion(PLATFORMS)),
          ownership: Type.Optional(literalUnion(OWNERSHIPS)),
          posture: Type.Optional(literalUnion(['failing', 'unknown'] as const)),
          stale: Type.Optional(Type.Boolean()),
          scope: Type.Optional(literalUnion(['in', 'excluded'] as const)),
          missing: Type.Optional(Type.Boolean()),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          cursor: Type.Optional(Type.String()),
        }),
        response: { 200: Page(Device), ...errors },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const { limit, cursor, stale, ...filters } = request.query;
      const { policy } = await devices.getPolicy(orgId);
      const staleBefore = stale
        ? new Date(Date.now() - policy.staleAfterDays * 86_400_000).toISOString()
        : undefined;
      const after = cursor ? decodeCursor(cursor, ['name', 'id'] as const) : undefined;
      const rows = await devices.list(
        orgId,
        { ...filters, ...(staleBefore ? { staleBefore } : {}) },
        limit + 1,
        after,
      );
      const page = rows.slice(0, limit);
      const dto = await present(request, orgId);
      const last = page.at(-1);
      return {
        items: page.map(dto),
        nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
      };
    },
  );

  app.get(
    `${base}/:deviceId`,
    {
      config: { permission: 'device:read', ids: { params: { deviceId: 'device' } } },
      schema: {
        tags,
        operationId: 'getDevice',
        params: DeviceParams,
        response: {
          200: Type.Object({
            device: Device,
            events: Type.Array(DeviceEvent),
            tasks: Type.Array(RegisterTask),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { orgId, deviceId } = request.params;
      const detail = await devices.detail(orgId, deviceId);
      const dto = await present(request, orgId);
      return {
        device: dto(detail.row),
        events: detail.events.map(toEventDto),
        tasks: detail.tasks.map(toTaskDto),
      };
    },
  );

  app.post(
    base,
    {
      config: { permission: 'device:write', ids: { body: { holderUserId: 'member' } } },
      schema: {
        tags,
        operationId: 'createDevice',
        params: OrgParams,
        body: DeviceInput,
        response: { 201: Device, ...errors },
      },
    },
    async (request, reply) => {
      const row = await devices.create(actorOf(request, request.params.orgId), request.body);
      return reply.status(201).send((await present(request, request.params.orgId))(row));
    },
  );

  app.put(
    `${base}/:deviceId`,
    {
      config: {
        permission: 'device:write',
        ids: { params: { deviceId: 'device' }, body: { holderUserId: 'member' } },
      },
      schema: {
        tags,
        operationId: 'updateDevice',
        summary:
          'Replaces the device record; a stale version is 409 VERSION_CONFLICT with the device as it stands',
        params: DeviceParams,
        body: Type.Object({ ...DeviceInput.properties, version: Type.Integer({ minimum: 1 }) }),
        response: { 200: Device, ...errors },
      },
    },
    async (request) => {
      const { orgId, deviceId } = request.params;
      const { version, ...input } = request.body;
      const dto = await present(request, orgId);
      return dto(await devices.update(actorOf(request, orgId), deviceId, version, input, (row) => dto(row)));
    },
  );

  app.post(
    `${base}/:deviceId/events`,
    {
      config: {
        permission: 'device:write',
        ids: { params: { deviceId: 'device' }, body: { personUserId: 'member', taskId: 'deviceTask' } },
      },
      schema: {
        tags,
        operationId: 'recordDeviceEvent',
        summary: 'A dated lifecycle event; with taskId it completes that member-departure task',
        params: DeviceParams,
        body: EventInput,
        response: { 201: DeviceEvent, ...errors },
      },
    },
    async (request, reply) => {
      const { orgId, deviceId } = request.params;
      const event = await devices.recordEvent(actorOf(request, orgId), deviceId, request.body);
      return reply.status(201).send(toEventDto(event));
    },
  );

  app.get(
    `${base}/tasks`,
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        operationId: 'listDeviceTasks',
        summary:
          'Re-provision or wipe tasks raised when a holder left or changed role or department (Art. 14.2)',
        params: OrgParams,
        querystring: Type.Object({ status: Type.Optional(literalUnion(['open', 'done'] as const)) }),
        response: { 200: Type.Array(RegisterTask), ...errors },
      },
    },
    async (request) => (await devices.tasksOf(request.params.orgId, request.query.status)).map(toTaskDto),
  );

  app.post(
    `${base}/imports`,
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        operationId: 'importDevices',
        summary:
          'multipart/form-data with one MDM export (CSV or XLSX): Intune (en/zh-TW), Jamf Pro, Google, Fleet or the Jianhe CSV, detected by its headers unless source is given. dryRun previews; otherwise every row applies or none. report=csv answers with the row-level error report.',
        params: OrgParams,
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: Type.Union([ImportOutcome, Type.String({ description: 'report=csv' })]), ...errors },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      const locale = localeOf(request.query.lang, request.headers['accept-language']);
      const max = Math.min(ctx.config.maxUploadBytes, REGISTER_IMPORT_LIMITS.maxFileBytes);
      const upload = await receiveUpload(request, { fileSize: max + 1 });
      if (!upload) throw new AppError(400, 'IMPORT_FILE_MISSING');
      const file = await readUpload(upload.file, max);
      const outcome = await devices.importFile(actorOf(request, orgId), file, upload.filename, {
        dryRun: request.query.dryRun || request.query.report === 'csv',
        locale,
        ...(request.query.source ? { source: request.query.source } : {}),
      });
      if (request.query.report === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', attachmentDisposition('device-import-errors.csv'));
        return reply.send(rowProblemsCsv(outcome.errors, locale));
      }
      const result = {
        source: outcome.source,
        rows: outcome.rows,
        applied: outcome.applied,
        added: outcome.plan?.added ?? 0,
        updated: outcome.plan?.updated ?? 0,
        flagged: outcome.plan?.flagged ?? 0,
        unmappedHeaders: outcome.unmappedHeaders,
        sample: outcome.plan?.sample ?? [],
        errors: outcome.errors,
      };
      if (!request.query.dryRun && outcome.errors.length > 0)
        throw new AppError(422, 'IMPORT_REJECTED', result);
      return result;
    },
  );

  app.get(
    `${base}/policy`,
    {
      config: { permission: 'device:read' },
      schema: {
        tags,
        operationId: 'getDevicePolicy',
        params: OrgParams,
        response: { 200: Policy, ...errors },
      },
    },
    async (request) => {
      const { policy, version } = await devices.getPolicy(request.params.orgId);
      return { ...policy, version };
    },
  );

  app.put(
    `${base}/policy`,
    {
      config: { permission: 'device:write' },
      schema: {
        tags,
        operationId: 'setDevicePolicy',
        summary:
          'The posture policy as data; every device is re-evaluated. version is the one read (0 before any).',
        params: OrgParams,
        body: Policy,
        response: { 200: Policy, ...errors },
      },
    },
    async (request) => {
      const { version, ...policy } = request.body;
      const saved = await devices.setPolicy(actorOf(request, request.params.orgId), policy, version);
      return { ...saved.policy, version: saved.version };
    },
  );

  const exportRoute = (mode: 'privacy' | 'full') =>
    app.get(
      mode === 'full' ? `${base}/export/full` : `${base}/export`,
      {
        config: { permission: mode === 'full' ? 'device:personal' : 'device:read' },
        schema: {
          tags,
          operationId: mode === 'full' ? 'exportDevicesFull' : 'exportDevices',
          summary:
            mode === 'full'
              ? 'The register as CSV with personal data (device:personal)'
              : 'The register as CSV in privacy mode: holder names, phone numbers, serial numbers and IMEIs masked',
          params: OrgParams,
          querystring: Type.Object({ lang: Type.Optional(literalUnion(['zh-TW', 'en'] as const)) }),
          response: { 200: Type.String(), ...errors },
        },
      },
      async (request, reply) => {
        const { orgId } = request.params;
        const locale = localeOf(request.query.lang, request.headers['accept-language']);
        const { policy } = await devices.getPolicy(orgId);
        const rows = await devices.exportRows(actorOf(request, orgId), mode);
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', attachmentDisposition(`devices-${mode}.csv`));
        return reply.send(devicesCsv(rows, policy, mode, locale));
      },
    );
  exportRoute('privacy');
  exportRoute('full');
}
