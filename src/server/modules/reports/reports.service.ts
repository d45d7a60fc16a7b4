import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { runTransaction } from '../../db/transaction.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { AssessmentResult } from '../assessments/domain/results.js';
import { assessmentCsv } from './csv-export.js';
import { type ImportChange, type ImportError, planImport } from './import-plan.js';
import { needsRemediation, toOscalPoam } from './oscal-poam.js';
import { toOscalAssessmentResults } from './oscal-results.js';
import type { ReportBuilder } from './report-builder.service.js';
import type { AssessmentReport } from './report-model.js';
import './reports.errors.js';

export const EXPORT_FORMATS = ['xlsx', 'pdf', 'oscal-ar', 'oscal-poam', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  'oscal-ar': 'application/oscal.ar+json',
  'oscal-poam': 'application/oscal.poam+json',
  csv: 'text/csv; charset=utf-8',
};

const EXTENSIONS: Record<ExportFormat, string> = {
  xlsx: '.xlsx',
  pdf: '.pdf',
  'oscal-ar': '.assessment-results.json',
  'oscal-poam': '.poam.json',
  csv: '.csv',
};

export interface PreparedExport {
  filename: string;
  contentType: string;
  /** Streams the document into `output` and ends it. */
  write(output: Writable): Promise<void>;
}

export type LocalisedImportError = ImportError & { message: string };

export interface ImportOutcome {
  applied: boolean;
  changes: ImportChange[];
  errors: LocalisedImportError[];
}

async function writeText(output: Writable, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    output.on('error', reject);
    output.end(text, () => resolve());
  });
}

/**
 * Exports an assessment in every format auditors accept, and re-imports the offline XLSX checklist.
 * exceljs and pdfkit are loaded on first use: together they would double the server's start time and
 * resident memory for a feature used a few times a year (docs/benchmarks.md).
 */
export class ReportsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly builder: ReportBuilder,
    private readonly assessments: AssessmentServices,
    private readonly audit: AuditRecorder,
    /** Largest checklist file read at all, the same for the API and the CLI (zip-guard.ts). */
    readonly maxImportBytes: number,
  ) {}

  /** Refuses a checklist file over the cap before it is read (API stream or CLI file). */
  ensureImportSize(bytes: number): void {
    if (bytes > this.maxImportBytes)
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxBytes: this.maxImportBytes });
  }

  report(orgId: string, assessmentId: string): Promise<AssessmentReport> {
    return this.builder.build(orgId, assessmentId);
  }

  /** Gathers the data (and records the export in the audit trail) before a single byte is sent. */
  async prepareExport(
    actor: { orgId: string; userId: string | null },
    assessmentId: string,
    format: ExportFormat,
    options: { locale: Locale; baseUrl?: string | null },
  ): Promise<PreparedExport> {
    const report = await this.builder.build(actor.orgId, assessmentId);
    if (format === 'oscal-poam' && !report.items.some(needsRemediation))
      throw new AppError(409, 'POAM_NOTHING_TO_REMEDIATE');
    await runTransaction(this.db, (trx) =>
      this.audit.record(trx, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'assessment.export',
        targetType: 'assessment',
        targetId: assessmentId,
        after: { format, locale: options.locale },
      }),
    );
    const base = `${report.organization.name}-${report.assessment.name}-r${report.assessment.revision}`;
    return {
      filename: `${base}${EXTENSIONS[format]}`,
      contentType: CONTENT_TYPES[format],
      write: (output) => {
        switch (format) {
          case 'xlsx':
            return import('./xlsx-export.js').then((m) => m.writeAssessmentXlsx(report, options, output));
          case 'pdf':
            return import('./pdf-report.js').then((m) => m.writeAssessmentPdf(report, options, output));
          case 'csv':
            return writeText(output, assessmentCsv(report, options.locale));
          case 'oscal-ar':
            return writeText(
              output,
              `${JSON.stringify(toOscalAssessmentResults(report, options.locale), null, 2)}\n`,
            );
          case 'oscal-poam':
            return writeText(output, `${JSON.stringify(toOscalPoam(report, options.locale), null, 2)}\n`);
        }
      },
    };
  }

  /** The assessment exists in the caller's organisation and is a draft: 404 or 409 before an upload is read. */
  async ensureImportable(actor: Actor, assessmentId: string): Promise<void> {
    this.assessments.lifecycle.ensureDraft(await this.assessments.lifecycle.get(actor.orgId, assessmentId));
  }

  /**
   * Validates an offline-edited checklist against the assessment as it stands, and applies every change
   * in one transaction — or, with `dryRun` or any row error, changes nothing and says why.
   */
  async importChecklist(
    actor: Actor,
    assessmentId: string,
    input: Buffer,
    options: { dryRun: boolean; locale: Locale },
  ): Promise<ImportOutcome> {
    const { assessment, items } = await this.assessments.insights.load(actor.orgId, assessmentId);
    // Like every other write: a locked or in-review assessment refuses outright, before the file is read.
    this.assessments.lifecycle.ensureDraft(assessment);
    this.ensureImportSize(input.length);
    const { readAssessmentWorkbook } = await import('./xlsx-import.js');
    const workbook = await readAssessmentWorkbook(input);
    if (workbook.assessmentId !== assessmentId) throw new AppError(422, 'IMPORT_WRONG_ASSESSMENT');
    const plan = planImport({
      state: assessment.state as 'draft',
      exported: workbook.exported,
      current: items.map(({ item }) => ({
        id: item.id,
        number: item.item_number,
        version: item.version,
        result: item.result as AssessmentResult,
        explanation: item.explanation,
        compensatingControl: item.compensating_control,
        scopedApplicable: item.scoped_applicable === 1,
        overrideApplicable: item.override_applicable === 1,
        overrideReason: item.override_reason,
      })),
      rows: workbook.rows,
    });
    const errors = plan.errors.map((e) => ({ ...e, message: errorMessage(e.code, options.locale) }));
    if (options.dryRun || errors.length > 0 || plan.changes.length === 0)
      return { applied: false, changes: plan.changes, errors };

    await this.assessments.items.updateMany(
      actor,
      plan.changes.map((change) => ({
        itemRowId: change.itemRowId,
        expectedVersion: change.expectedVersion,
        patch: change.after,
      })),
    );
    await runTransaction(this.db, (trx) =>
      this.audit.record(trx, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'assessment.import',
        targetType: 'assessment',
        targetId: assessmentId,
        after: { changedItems: plan.changes.map((c) => c.itemNumber) },
      }),
    );
    return { applied: true, changes: plan.changes, errors: [] };
  }
}
