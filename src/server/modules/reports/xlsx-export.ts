import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n.js';
import { neutraliseCell } from '../../platform/spreadsheet-safety.js';
import { RESULT_LABELS } from '../assessments/domain/results.js';
import { COLUMN_LABELS, formatRate, STATE_LABELS, sectionLabel, TEXT, taipeiTime } from './report-labels.js';
import type { AssessmentReport, ReportItem } from './report-model.js';
import {
  CHECKLIST_COLUMNS,
  columnIndex,
  META_FIRST_ITEM_ROW,
  META_LAYOUT_VERSION,
  META_MARKER,
  META_SHEET,
} from './xlsx-layout.js';

export interface XlsxOptions {
  locale: Locale;
  /** Public base URL, so evidence files link back to Jianhe; omitted when unknown. */
  baseUrl?: string | null;
}

/** Every text cell goes through here: user text starting with = + - @ tab or CR becomes inert. */
const safe = (value: string) => neutraliseCell(value);

const A4 = 9;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

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
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&L&A&R&P / &N' },
  });
  sheet.columns = CHECKLIST_COLUMNS.map((c) => ({
    header: COLUMN_LABELS[c.key][locale],
    key: c.key,
    width: c.width,
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });

  const resultChoices = `"${Object.values(RESULT_LABELS)
    .map((label) => label[locale])
    .join(',')}"`;
  for (const item of report.items) {
    const row = sheet.addRow({
      number: item.number,
      chapter: item.chapter,
      sectionName: safe(sectionLabel(item, locale)),
      question: safe(
        item.provenance === 'derived'
          ? `${item.question[locale]}\n${TEXT.derived[locale]}`
          : item.question[locale],
      ),
      applicable: item.applicable ? TEXT.yes[locale] : TEXT.no[locale],
      result: RESULT_LABELS[item.result][locale],
      explanation: safe(item.explanation),
      compensatingControl: safe(item.compensatingControl),
      evidence: safe(evidenceText(item, report.organization.id, options.baseUrl)),
      assignee: safe(item.assigneeName ?? ''),
      updatedAt: taipeiTime(item.updatedAt),
    });
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(columnIndex('result')).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [resultChoices],
      showErrorMessage: true,
    };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CHECKLIST_COLUMNS.length } };
}

function addSummarySheet(workbook: ExcelJS.Workbook, report: AssessmentReport, locale: Locale) {
  const sheet = workbook.addWorksheet(TEXT.summarySheet[locale], {
    pageSetup: { paperSize: A4, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const { assessment, organization } = report;
  const facts: Array<[string, string]> = [
    [TEXT.organization[locale], organization.name],
    [TEXT.businessId[locale], organization.businessId ?? '—'],
    [TEXT.assessment[locale], assessment.name],
    [TEXT.period[locale], assessment.period],
    [TEXT.status[locale], STATE_LABELS[assessment.state][locale]],
    [TEXT.revision[locale], String(assessment.revision)],
    [TEXT.fingerprint[locale], assessment.fingerprint ?? TEXT.notYetApproved[locale]],
    [
      TEXT.catalog[locale],
      `${report.catalog.title[locale]} (${report.catalog.urn}@${report.catalog.version})`,
    ],
    [TEXT.generatedAt[locale], taipeiTime(report.generatedAt)],
  ];
  for (const [label, value] of facts) {
    const row = sheet.addRow([label, safe(value)]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);
  const headings = [
    COLUMN_LABELS.chapter[locale],
    TEXT.chapterName[locale],
    TEXT.applicableItems[locale],
    RESULT_LABELS.compliant[locale],
    RESULT_LABELS.partially_compliant[locale],
    RESULT_LABELS.non_compliant[locale],
    RESULT_LABELS.not_assessed[locale],
    TEXT.outOfScope[locale],
    TEXT.complianceRate[locale],
  ];
  const head = sheet.addRow(headings);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  const line = (label: number | string, title: string, c: AssessmentReport['overall']) =>
    sheet.addRow([
      label,
      title,
      c.applicable,
      c.compliant,
      c.partiallyCompliant,
      c.nonCompliant,
      c.notAssessed,
      c.notApplicable,
      formatRate(c.rate),
    ]);
  for (const chapter of report.chapters) line(chapter.chapter, chapter.title[locale], chapter);
  line(TEXT.total[locale], '', report.overall).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([TEXT.scoringRule[locale]]);
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 36;
  for (let c = 3; c <= headings.length; c += 1) sheet.getColumn(c).width = 12;
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
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

/** The assessment in the published checklist's layout, with a summary sheet and re-import metadata. */
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
  addMetaSheet(workbook, report);
  await workbook.xlsx.write(output);
}
