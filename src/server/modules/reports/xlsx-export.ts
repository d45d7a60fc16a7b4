import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n.js';
import { RESULT_LABELS } from '../assessments/domain/results.js';
import { COLUMN_LABELS, sectionLabel, TEXT, taipeiTime } from './report-labels.js';
import type { AssessmentReport, ReportItem } from './report-model.js';
import {
  CHECKLIST_COLUMNS,
  columnIndex,
  META_FIRST_ITEM_ROW,
  META_LAYOUT_VERSION,
  META_MARKER,
  META_SHEET,
} from './xlsx-layout.js';
import { applyFont, FOOTER, HEADER_FILL, pageSetup, rowHeightFor } from './xlsx-print.js';
import { addRemediationSheet } from './xlsx-remediation.js';
import { addSummarySheet } from './xlsx-summary.js';

export interface XlsxOptions {
  locale: Locale;
  /** Public base URL, so evidence files link back to Jianhe; omitted when unknown. */
  baseUrl?: string | null;
}

function evidenceText(item: ReportItem, orgId: string, baseUrl: string | null | undefined): string {
  return item.evidence
    .map((e) => {
      if (e.kind === 'link' && e.url) return `${e.title} <${e.url}>`;
      if (e.kind === 'file' && baseUrl)
        return `${e.title} <${baseUrl}/api/v1/orgs/${orgId}/evidence/${e.id}/download>`;
      return e.title;
    })
    .join('\n');
}

function addChecklistSheet(workbook: ExcelJS.Workbook, report: AssessmentReport, options: XlsxOptions) {
  const { locale } = options;
  const sheet = workbook.addWorksheet(TEXT.checklistSheet[locale], {
    views: [{ state: 'frozen', ySplit: 1 }],
    // Two pages across at full size, the header row and 項次 on every page, the pages of one band of
    // rows next to each other: 11 columns squeezed onto one page width would print at about 6 pt.
    pageSetup: pageSetup({ printTitlesRow: '1:1', printTitlesColumn: 'A:A', pageOrder: 'overThenDown' }),
    headerFooter: FOOTER,
  });
  sheet.columns = CHECKLIST_COLUMNS.map((c) => ({
    header: COLUMN_LABELS[c.key][locale],
    key: c.key,
    width: c.width,
  }));
  const sized = (row: ExcelJS.Row, values: ReadonlyArray<unknown>) => {
    row.height = rowHeightFor(
      CHECKLIST_COLUMNS.map((column, i) => ({ text: String(values[i] ?? ''), widthChars: column.width })),
    );
  };
  const header = sheet.getRow(1);
  applyFont(header, true);
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  sized(
    header,
    CHECKLIST_COLUMNS.map((c) => COLUMN_LABELS[c.key][locale]),
  );

  const resultChoices = `"${Object.values(RESULT_LABELS)
    .map((label) => label[locale])
    .join(',')}"`;
  for (const item of report.items) {
    // Text cells are written as typed strings: a spreadsheet never evaluates one when opening the
    // file, so formula-like answers stay inert without a visible prefix (docs/reports.md).
    const values: Record<(typeof CHECKLIST_COLUMNS)[number]['key'], string | number> = {
      number: item.number,
      chapter: item.chapter,
      sectionName: sectionLabel(item, locale),
      question:
        item.provenance === 'derived'
          ? `${item.question[locale]}\n${TEXT.derived[locale]}`
          : item.question[locale],
      applicable: item.applicable ? TEXT.yes[locale] : TEXT.no[locale],
      result: RESULT_LABELS[item.result][locale],
      explanation: item.explanation,
      compensatingControl: item.compensatingControl,
      evidence: evidenceText(item, report.organization.id, options.baseUrl),
      assignee: item.assigneeName ?? '',
      updatedAt: taipeiTime(item.updatedAt),
    };
    const row = sheet.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    applyFont(row);
    sized(
      row,
      CHECKLIST_COLUMNS.map((c) => values[c.key]),
    );
    row.getCell(columnIndex('result')).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [resultChoices],
      showErrorMessage: true,
    };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CHECKLIST_COLUMNS.length } };
}

function addMetaSheet(workbook: ExcelJS.Workbook, report: AssessmentReport) {
  const sheet = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  sheet.getCell('A1').value = META_MARKER;
  sheet.getCell('B1').value = META_LAYOUT_VERSION;
  sheet.getCell('A2').value = 'assessmentId';
  sheet.getCell('B2').value = report.assessment.id;
  sheet.getCell('A3').value = 'organizationId';
  sheet.getCell('B3').value = report.organization.id;
  sheet.getCell('A4').value = 'catalog';
  sheet.getCell('B4').value = `${report.catalog.urn}@${report.catalog.version}`;
  sheet.getCell('A5').value = 'exportedAt';
  sheet.getCell('B5').value = report.generatedAt;
  report.items.forEach((item, index) => {
    const row = sheet.getRow(META_FIRST_ITEM_ROW + index);
    row.values = [item.id, item.number, item.version];
  });
}

/**
 * The assessment in the published checklist's layout, with a summary sheet, the remediation sheet when
 * there are items for it, and re-import metadata.
 */
export async function writeAssessmentXlsx(
  report: AssessmentReport,
  options: XlsxOptions,
  output: Writable,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jianhe';
  workbook.created = new Date(report.generatedAt);
  workbook.title = `${report.organization.name} ${report.assessment.name}`;
  addChecklistSheet(workbook, report, options);
  addSummarySheet(workbook, report, options.locale);
  addRemediationSheet(workbook, report, options.locale);
  addMetaSheet(workbook, report);
  await workbook.xlsx.write(output);
}
