import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/schemas.js';
import { receiveUpload } from '../../platform/uploads.js';
import { toEvidenceDto } from '../assessments/assessments.mappers.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import {
  CalendarDate,
  EvidenceSummary,
  ItemParams,
  OrgParams,
  Uuid,
} from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { daysBetween, todayInTaipei } from '../providers/domain/calendar-date.js';
import { attachmentDisposition } from './content-disposition.js';

const errors = errorResponses(400, 401, 403, 404, 409, 413, 415);
const tags = ['evidence'];
const EvidenceParams = Type.Object({ orgId: Uuid, evidenceId: Uuid });
const expired = (validUntil: string | null) =>
  validUntil !== null && daysBetween(todayInTaipei(), validUntil) < 0;

export async function evidenceRoutes(app: App, { evidence }: AssessmentServices): Promise<void> {
  // Fields are small; the file part is streamed straight into the content store, never buffered.
  await app.register(multipart, {
    limits: { files: 1, fields: 5, fieldSize: 10_000, fileSize: evidence.maxUploadBytes + 1 },
  });
  const base = '/api/v1/orgs/:orgId/evidence';

  app.get(
    base,
    {
      config: { permission: 'assessment:read' },
      schema: {
        tags,
        operationId: 'listEvidence',
        params: OrgParams,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          cursor: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(EvidenceSummary),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = decodeCursor(cursor, ['createdAt', 'id'] as const);
      const rows = await evidence.list(request.params.orgId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => toEvidenceDto(row, expired(row.valid_until))),
        nextCursor:
          rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
      };
    },
  );

  app.post(
    `${base}/files`,
    {
      config: { permission: 'evidence:write' },
      schema: {
        tags,
        operationId: 'uploadEvidenceFile',
        summary:
          'multipart/form-data: optional fields title and validUntil (YYYY-MM-DD) before one file part',
        params: OrgParams,
        consumes: ['multipart/form-data'],
        response: { 201: EvidenceSummary, ...errors },
      },
    },
    async (request, reply) => {
      const upload = await receiveUpload(request, { fileSize: evidence.maxUploadBytes + 1 });
      if (!upload) throw new AppError(400, 'EVIDENCE_FILE_MISSING');
      const { validUntil, title } = upload.fields;
      if (validUntil && !/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) throw new AppError(400, 'VALIDATION_FAILED');
      const row = await evidence.uploadFile(
        actorOf(request, request.params.orgId),
        upload.file,
        upload.filename,
        { title, validUntil: validUntil ?? null },
      );
      return reply.status(201).send(toEvidenceDto(row, expired(row.valid_until)));
    },
  );

  app.post(
    `${base}/links`,
    {
      config: { permission: 'evidence:write' },
      schema: {
        tags,
        operationId: 'createEvidenceLink',
        params: OrgParams,
        body: Type.Object({
          url: Type.String({ maxLength: 2_000 }),
          title: Type.Optional(Type.String({ maxLength: 300 })),
          validUntil: Type.Optional(Type.Union([Type.Null(), CalendarDate])),
        }),
        response: { 201: EvidenceSummary, ...errors },
      },
    },
    async (request, reply) => {
      const { url, ...meta } = request.body;
      const row = await evidence.createLink(actorOf(request, request.params.orgId), url, meta);
      return reply.status(201).send(toEvidenceDto(row, expired(row.valid_until)));
    },
  );

  app.post(
    `${base}/notes`,
    {
      config: { permission: 'evidence:write' },
      schema: {
        tags,
        operationId: 'createEvidenceNote',
        params: OrgParams,
        body: Type.Object({
          note: Type.String({ minLength: 1, maxLength: 20_000 }),
          title: Type.Optional(Type.String({ maxLength: 300 })),
          validUntil: Type.Optional(Type.Union([Type.Null(), CalendarDate])),
        }),
        response: { 201: EvidenceSummary, ...errors },
      },
    },
    async (request, reply) => {
      const { note, ...meta } = request.body;
      const row = await evidence.createNote(actorOf(request, request.params.orgId), note, meta);
      return reply.status(201).send(toEvidenceDto(row, expired(row.valid_until)));
    },
  );

  app.get(
    `${base}/:evidenceId/download`,
    {
      config: { permission: 'assessment:read', ids: { params: { evidenceId: 'evidence' } } },
      schema: {
        tags,
        operationId: 'downloadEvidence',
        params: EvidenceParams,
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const { row, stream } = await evidence.open(request.params.orgId, request.params.evidenceId);
      reply.header('content-disposition', attachmentDisposition(row.original_filename ?? row.title));
      reply.header('content-type', row.mime_type ?? 'application/octet-stream');
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      reply.header('cache-control', 'private, no-store');
      return reply.send(stream);
    },
  );

  const attachment = (method: 'put' | 'delete') =>
    app[method](
      '/api/v1/orgs/:orgId/assessment-items/:itemId/evidence/:evidenceId',
      {
        config: {
          permission: 'evidence:write',
          ids: { params: { itemId: 'assessmentItem', evidenceId: 'evidence' } },
        },
        schema: {
          tags,
          operationId: method === 'put' ? 'attachEvidence' : 'detachEvidence',
          params: Type.Object({ ...ItemParams.properties, evidenceId: Uuid }),
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request, request.params.orgId);
        if (method === 'put') await evidence.attach(actor, request.params.itemId, request.params.evidenceId);
        else await evidence.detach(actor, request.params.itemId, request.params.evidenceId);
        return reply.status(204).send(null);
      },
    );
  attachment('put');
  attachment('delete');
}
