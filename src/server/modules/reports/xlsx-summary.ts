import type ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n.js';
import { RESULT_LABELS } from '../assessments/domain/results.js';
import { COLUMN_LABELS, formatRate, STATE_LABELS, TEXT, taipeiTime } from './report-labels.js';
import type { AssessmentReport, ChapterSummary } from './report-model.js';
import { applyFont, FOOTER, HEADER_FILL, pageSetup, rowHeightFor } from './xlsx-print.js';

type Counts = Omit<ChapterSummary, 'chapter' | 'title'>;

/**
 * The summary table's columns, left to right as the counts decompose: 項目數 = 範圍外 + 適用項目, and
 * 適用項目 = 符合 + 部分符合 + 不符合 + 不適用 + 未評 (items in scope but answered 不適用 count as applicable
 * and are left out of the rate). Widths in characters; 140 characters together, so the sheet prints at full size.
 */
const COLUMNS: ReadonlyArray<{
  heading: (locale: Locale) => string;
  width: number;
  value?: (c: Counts) => number | string;
}> = [
  { heading: (l) => COLUMN_LABELS.chapter[l], width: 16 },
  { heading: (l) => TEXT.chapterName[l], width: 34 },
  { heading: (l) => TEXT.itemCount[l], width: 10, value: (c) => c.applicable + c.notApplicable },
  { heading: (l) => TEXT.outOfScope[l], width: 10, value: (c) => c.notApplicable },
  { heading: (l) => TEXT.applicableItems[l], width: 10, value: (c) => c.applicable },
  { heading: (l) => RESULT_LABELS.compliant[l], width: 10, value: (c) => c.compliant },
  { heading: (l) => RESULT_LABELS.partially_compliant[l], width: 10, value: (c) => c.partiallyCompliant },
  { heading: (l) => RESULT_LABELS.non_compliant[l], width: 10, value: (c) => c.nonCompliant },
  { heading: (l) => RESULT_LABELS.not_applicable[l], width: 10, value: (c) => c.answeredNotApplicable },
  { heading: (l) => RESULT_LABELS.not_assessed[l], width: 10, value: (c) => c.notAssessed },
  { heading: (l) => TEXT.complianceRate[l], width: 10, value: (c) => formatRate(c.rate) },
];

/** Width, in characters, of a value merged across every column but the first. */
const VALUE_WIDTH = COLUMNS.slice(1).reduce((sum, c) => sum + c.width, 0);

export function addSummarySheet(workbook: ExcelJS.Workbook, report: AssessmentReport, locale: Locale) {
  const sheet = workbook.addWorksheet(TEXT.summarySheet[locale], {
    pageSetup: pageSetup({}),
    headerFooter: FOOTER,
  });
  COLUMNS.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.width;
  });
  const last = COLUMNS.length;
  const { assessment, organization } = report;

  // Facts: label in A, value merged across B…, so a 64-character fingerprint stays on one line.
  const facts: Array<[string, string]> = [
    [TEXT.organization[locale], organization.name],
    [TEXT.businessId[locale], organization.businessId ?? '—'],
    [TEXT.assessment[locale], assessment.name],
    [TEXT.period[locale], assessment.period],
    [TEXT.status[locale], STATE_LABELS[assessment.state][locale]],
    [TEXT.revision[locale], String(assessment.revision)],
    [TEXT.fingerprint[locale], assessment.fingerprint ?? TEXT.notYetApproved[locale]],
    [TEXT.catalog[locale], report.catalog.title[locale]],
    [TEXT.catalogVersion[locale], report.catalog.version],
    [TEXT.generatedAt[locale], taipeiTime(report.generatedAt)],
  ];
  for (const [label, value] of facts) {
    const row = sheet.addRow([label, value]);
    sheet.mergeCells(row.number, 2, row.number, last);
    row.alignment = { vertical: 'top', wrapText: true };
    applyFont(row);
    row.getCell(1).font = { ...row.getCell(1).font, bold: true };
    row.height = rowHeightFor([
      { text: label, widthChars: COLUMNS[0]!.width },
      { text: value, widthChars: VALUE_WIDTH },
    ]);
  }
  sheet.addRow([]);

  const headings = COLUMNS.map((c) => c.heading(locale));
  const head = sheet.addRow(headings);
  applyFont(head, true);
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  head.height = rowHeightFor(headings.map((text, i) => ({ text, widthChars: COLUMNS[i]!.width })));

  const line = (label: number | string, title: string, counts: Counts, bold = false) => {
    const values = [label, title, ...COLUMNS.slice(2).map((c) => c.value!(counts))];
    const row = sheet.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    applyFont(row, bold);
    row.height = rowHeightFor(values.map((v, i) => ({ text: String(v), widthChars: COLUMNS[i]!.width })));
  };
  for (const chapter of report.chapters) line(chapter.chapter, chapter.title[locale], chapter);
  line(TEXT.total[locale], '', report.overall, true);

  sheet.addRow([]);
  for (const note of [TEXT.summaryArithmetic[locale], TEXT.scoringRule[locale]]) {
    const row = sheet.addRow([note]);
    sheet.mergeCells(row.number, 1, row.number, last);
    row.alignment = { vertical: 'top', wrapText: true };
    applyFont(row);
    row.height = rowHeightFor([{ text: note, widthChars: COLUMNS[0]!.width + VALUE_WIDTH }]);
  }
}
