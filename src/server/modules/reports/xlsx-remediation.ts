import type ExcelJS from 'exceljs';
import type { Locale } from '../../platform/i18n.js';
import {
  acceptanceText,
  milestonesText,
  plannedText,
  REMEDIATION_TEXT,
  sourceText,
  statusText,
} from './remediation-labels.js';
import type { AssessmentReport, ReportRemediationItem } from './report-model.js';
import { applyFont, FOOTER, HEADER_FILL, pageSetup, rowHeightFor } from './xlsx-print.js';

/**
 * The sheet's columns; widths in characters, 141 together (as each printed page of the checklist), so
 * it fits one A4 landscape page width at full size between the 0.3-inch margins. Dates get 13, enough
 * for 2027-03-31 on one line.
 */
export const REMEDIATION_COLUMNS: ReadonlyArray<{
  key: keyof typeof REMEDIATION_TEXT;
  width: number;
  value: (item: ReportRemediationItem, locale: Locale) => string;
}> = [
  { key: 'title', width: 30, value: (item) => item.title },
  { key: 'source', width: 14, value: sourceText },
  { key: 'owner', width: 10, value: (item, l) => item.ownerName ?? REMEDIATION_TEXT.unassigned[l] },
  { key: 'status', width: 10, value: statusText },
  { key: 'planned', width: 13, value: plannedText },
  { key: 'actual', width: 13, value: (item) => item.actualCompletion ?? '—' },
  { key: 'milestones', width: 22, value: milestonesText },
  { key: 'acceptance', width: 29, value: acceptanceText },
];

/**
 * 改善計畫 sheet: one row per remediation item of the report (docs/reports.md), absent when there are
 * none. Every value is a typed string, so a title such as `=HYPERLINK(…)` stays inert text, as on the
 * checklist; rows are sized for their wrapped text and the sheet prints A4 landscape, one page wide,
 * with the header row on every page.
 */
export function addRemediationSheet(workbook: ExcelJS.Workbook, report: AssessmentReport, locale: Locale) {
  const items = report.remediation?.items ?? [];
  if (items.length === 0) return;
  const sheet = workbook.addWorksheet(REMEDIATION_TEXT.sheet[locale], {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: pageSetup({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' }),
    headerFooter: FOOTER,
  });
  REMEDIATION_COLUMNS.forEach((column, i) => {
    sheet.getColumn(i + 1).width = column.width;
  });
  const sized = (row: ExcelJS.Row, values: string[]) => {
    row.height = rowHeightFor(values.map((text, i) => ({ text, widthChars: REMEDIATION_COLUMNS[i]!.width })));
  };
  const headings = REMEDIATION_COLUMNS.map((c) => REMEDIATION_TEXT[c.key][locale]);
  const header = sheet.addRow(headings);
  applyFont(header, true);
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  sized(header, headings);
  for (const item of items) {
    const values = REMEDIATION_COLUMNS.map((c) => c.value(item, locale));
    const row = sheet.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    applyFont(row);
    if (item.overdue) row.getCell(5).font = { ...row.getCell(5).font, color: { argb: 'FFE03131' } };
    sized(row, values);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REMEDIATION_COLUMNS.length } };
}
