import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { AppError } from '../../platform/errors.js';
import { type Locale, localeFromHeader } from '../../platform/i18n.js';
import { errorResponses } from '../../platform/schemas.js';
import { readUpload, receiveUpload } from '../../platform/uploads.js';
import { AssessmentParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { attachmentDisposition } from '../evidence/content-disposition.js';
import { importErrorReportCsv } from './csv-export.js';
import { EXPORT_FORMATS, type ExportFormat, type ReportsService } from './reports.service.js';

const errors = errorResponses(400, 401, 403, 404, 409, 413, 415, 422);
const tags = ['reports'];
const Lang = Type.Optional(Type.Union([Type.Literal('zh-TW'), Type.Literal('en')]));
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });

const ImportChange = Type.Object({
  itemRowId: Type.String(),
  itemNumber: Type.Integer(),
  expectedVersion: Type.Integer(),
  fields: Type.Array(Type.String()),
  before: Type.Object({
    result: Type.String(),
    explanation: Type.String(),
    compensatingControl: Type.String(),
  }),
  after: Type.Object({
    result: Type.String(),
    explanation: Type.String(),
    compensatingControl: Type.String(),
  }),
});
const ImportError = Type.Object({
  sheetRow: Type.Integer({ description: 'Spreadsheet row; 0 for a problem with the whole file' }),
  itemNumber: Type.Union([Type.Integer(), Type.Null()], { description: '項次' }),
  column: Type.Union([Type.Null(), Type.String()]),
  code: Type.String(),
  message: Type.String(),
});
const ImportOutcome = Type.Object({
  applied: Type.Boolean(),
  changes: Type.Array(ImportChange),
  errors: Type.Array(ImportError),
});

const localeOf = (lang: Locale | undefined, acceptLanguage: string | undefined): Locale =>
  lang ?? localeFromHeader(acceptLanguage);

/** Reads the one uploaded file into memory, refusing more than `maxBytes` (exceljs needs the whole zip). */
export async function reportRoutes(
  app: App,
  reports: ReportsService,
  options: {
    publicUrl: string | null;
  },
): Promise<void> {
  const base = '/api/v1/orgs/:orgId/assessments/:assessmentId';
  const ExportQuery = Type.Object({
    format: Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f))),
    lang: Lang,
  });

  const streamExport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ids: { orgId: string; assessmentId: string },
    query: { format: ExportFormat; lang?: Locale },
  ) => {
    const prepared = await reports.prepareExport(
      actorOf(request, ids.orgId),
      ids.assessmentId,
      query.format,
      {
        locale: localeOf(query.lang, request.headers['accept-language']),
        baseUrl: options.publicUrl,
      },
    );
    const body = new PassThrough();
    prepared.write(body).catch((error: unknown) => {
      request.log.error({ err: error }, 'export failed while streaming');
      body.destroy(error as Error);
    });
    reply.header('content-type', prepared.contentType);
    reply.header('content-disposition', attachmentDisposition(prepared.filename));
    reply.header('cache-control', 'private, no-store');
    return reply.send(body);
  };

  app.get(
    '/api/v1/assessments/:assessmentId/export',
    {
      // The organisation is the assessment's own (`orgFrom`); access is then checked exactly as on the org
      // route, so a non-member gets the same 404 as for an id that does not exist.
      config: {
        permission: 'report:export',
        ids: {
          params: { assessmentId: 'assessment' },
          orgFrom: { param: 'assessmentId', kind: 'assessment' },
        },
      },
      schema: {
        tags,
        operationId: 'exportAssessmentById',
        summary: 'Same as /api/v1/orgs/{orgId}/assessments/{assessmentId}/export, by assessment id alone',
        params: Type.Object({ assessmentId: Uuid }),
        querystring: ExportQuery,
        response: { 200: Binary, ...errors },
      },
    },
    // The access layer found the organisation from the assessment and checked the caller's access to it.
    (request, reply) =>
      streamExport(
        request,
        reply,
        { orgId: request.accessOrgId!, assessmentId: request.params.assessmentId },
        request.query,
      ),
  );

  app.get(
    `${base}/export`,
    {
      config: { permission: 'report:export', ids: { params: { assessmentId: 'assessment' } } },
      schema: {
        tags,
        operationId: 'exportAssessment',
        summary:
          'The assessment as XLSX (checklist layout), PDF, OSCAL assessment results, OSCAL POA&M or CSV',
        params: AssessmentParams,
        querystring: ExportQuery,
        response: { 200: Binary, ...errors },
      },
    },
    (request, reply) => streamExport(request, reply, request.params, request.query),
  );

  app.post(
    `${base}/import`,
    {
      config: { permission: 'assessment:write', ids: { params: { assessmentId: 'assessment' } } },
      schema: {
        tags,
        operationId: 'importAssessmentXlsx',
        summary:
          'multipart/form-data with one XLSX file exported by Jianhe. dryRun=true previews; otherwise every change applies or none. report=csv answers with the row-level error report instead of JSON.',
        params: AssessmentParams,
        querystring: Type.Object({
          dryRun: Type.Boolean({ default: false }),
          report: Type.Optional(Type.Literal('csv')),
          lang: Lang,
        }),
        consumes: ['multipart/form-data'],
        response: { 200: Type.Union([ImportOutcome, Type.String({ description: 'report=csv' })]), ...errors },
      },
    },
    async (request, reply) => {
      const { orgId, assessmentId } = request.params;
      const locale = localeOf(request.query.lang, request.headers['accept-language']);
      // Another organisation's (or no) assessment is 404 before any upload is read.
      await reports.ensureImportable(actorOf(request, orgId), assessmentId);
      const upload = await receiveUpload(request, { fileSize: reports.maxImportBytes + 1 });
      if (!upload) throw new AppError(400, 'IMPORT_FILE_MISSING');
      const file = await readUpload(upload.file, reports.maxImportBytes);
      const outcome = await reports.importChecklist(actorOf(request, orgId), assessmentId, file, {
        dryRun: request.query.dryRun || request.query.report === 'csv',
        locale,
      });
      if (request.query.report === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', attachmentDisposition('import-errors.csv'));
        return reply.send(importErrorReportCsv(outcome.errors, locale));
      }
      if (!request.query.dryRun && outcome.errors.length > 0)
        throw new AppError(422, 'IMPORT_REJECTED', { errors: outcome.errors, changes: outcome.changes });
      return outcome;
    },
  );
}
