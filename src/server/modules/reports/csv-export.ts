import type { Locale } from '../../platform/i18n.js';
import { toCsv } from '../../platform/spreadsheet-safety.js';
import { RESULT_LABELS } from '../assessments/domain/results.js';
import type { ImportError } from './import-plan.js';
import { COLUMN_LABELS, sectionLabel, TEXT, taipeiTime } from './report-labels.js';
import type { AssessmentReport } from './report-model.js';
import { CHECKLIST_COLUMNS } from './xlsx-layout.js';

/** The checklist as CSV (UTF-8 with BOM, formula-neutralised), same columns as the XLSX export. */
export function assessmentCsv(report: AssessmentReport, locale: Locale): string {
  const header = CHECKLIST_COLUMNS.map((c) => COLUMN_LABELS[c.key][locale]);
  const rows = report.items.map((item) => [
    item.number,
    item.chapter,
    sectionLabel(item, locale),
    item.question[locale],
    item.applicable ? TEXT.yes[locale] : TEXT.no[locale],
    RESULT_LABELS[item.result][locale],
    item.explanation,
    item.compensatingControl,
    item.evidence.map((e) => (e.url ? `${e.title} <${e.url}>` : e.title)).join('\n'),
    item.assigneeName ?? '',
    taipeiTime(item.updatedAt),
  ]);
  return toCsv([header, ...rows]);
}

/** The row-level error report of a rejected import, for the department to fix their file. */
export function importErrorReportCsv(
  errors: ReadonlyArray<ImportError & { message: string }>,
  locale: Locale,
): string {
  return toCsv([
    [
      TEXT.errorRow[locale],
      COLUMN_LABELS.number[locale],
      TEXT.errorColumn[locale],
      TEXT.errorCode[locale],
      TEXT.errorMessage[locale],
    ],
    ...errors.map((e) => [
      e.sheetRow || '',
      e.itemNumber ?? '',
      e.column ? COLUMN_LABELS[e.column][locale] : '',
      e.code,
      e.message,
    ]),
  ]);
}
