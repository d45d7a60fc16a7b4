import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { officeProgram, officeUnavailable, xlsxToPdf } from '../../../../test/support/office.js';
import {
  describeOverlaps,
  findOverlaps,
  type PdfPage,
  readPdf,
  squeeze,
  textBetween,
} from '../../../../test/support/pdf-text.js';
import { FORMULA_LIKE, fullReport, renderXlsx } from '../../../../test/support/report-fixture.js';
import { COLUMN_LABELS, type ColumnKey } from './report-labels.js';
import type { AssessmentReport } from './report-model.js';
import { CHECKLIST_COLUMNS, columnIndex, FIRST_PAGE_LAST_COLUMN } from './xlsx-layout.js';
import { columnWidthPoints, MAX_ROW_HEIGHT, PRINTABLE_WIDTH, wrappedLines } from './xlsx-print.js';

/** LibreOffice renders a width unit at Calibri's unrounded digit width (7.43 px), Excel at 7 px. */
const LIBREOFFICE_WIDTH_FACTOR = 7.43 / 7;
const MIN_PRINTED_FONT = 9;

describe('printable XLSX export', () => {
  let report: AssessmentReport;
  let file: Buffer;
  let checklist: ExcelJS.Worksheet;
  let summary: ExcelJS.Worksheet;

  beforeAll(async () => {
    report = fullReport();
    file = await renderXlsx(report);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    [checklist, summary] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
  });

  const itemRow = (number: number) => {
    for (let r = 2; r <= checklist.rowCount; r += 1)
      if (checklist.getRow(r).getCell(1).value === number) return checklist.getRow(r);
    throw new Error(`no row for item ${number}`);
  };

  it('estimates wrapped lines from text length, column width and CJK width', () => {
    expect(wrappedLines('2026-03-02 13:06 (UTC+8)', 24)).toBe(2);
    expect(wrappedLines('2026-03-02 13:06 (UTC+8)', 30)).toBe(1);
    // A CJK character is about twice as wide as a Latin one.
    expect(wrappedLines('資'.repeat(60), 48)).toBeGreaterThan(wrappedLines('a'.repeat(60), 48));
    expect(wrappedLines('一\n二\n三', 48)).toBe(3);
  });

  it('sets every row’s height for its wrapped text, up to the format’s limit', () => {
    for (let r = 1; r <= checklist.rowCount; r += 1) {
      const row = checklist.getRow(r);
      expect(row.height, `row ${r}`).toBeGreaterThan(0);
      expect(row.height).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
      // At 10 pt, a line of wrapped text needs at least 12.5 pt of row.
      const lines = Math.max(
        ...CHECKLIST_COLUMNS.map((column, i) =>
          wrappedLines(String(row.getCell(i + 1).value ?? ''), column.width),
        ),
      );
      expect(row.height, `row ${r}`).toBeGreaterThanOrEqual(Math.min(MAX_ROW_HEIGHT, lines * 12.5));
    }
    // The date column wraps to two lines; its row is at least that tall.
    expect(itemRow(6).height).toBeGreaterThanOrEqual(2 * 12.5);
    expect(itemRow(3).height).toBeGreaterThan(itemRow(6).height);
  });

  it('prints A4 landscape at full size, two pages across, with the header row and 項次 on every page', () => {
    expect(checklist.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: false,
      scale: 100,
      printTitlesRow: '1:1',
      printTitlesColumn: 'A:A',
      pageOrder: 'overThenDown',
    });
    const widthOf = (keys: ColumnKey[]) =>
      keys.reduce((sum, key) => sum + columnWidthPoints(checklist.getColumn(columnIndex(key)).width!), 0);
    const split = columnIndex(FIRST_PAGE_LAST_COLUMN);
    const first = CHECKLIST_COLUMNS.slice(0, split).map((c) => c.key);
    const second = ['number' as const, ...CHECKLIST_COLUMNS.slice(split).map((c) => c.key)];
    for (const keys of [first, second]) {
      expect(widthOf(keys)).toBeLessThanOrEqual(PRINTABLE_WIDTH);
      expect(widthOf(keys) * LIBREOFFICE_WIDTH_FACTOR).toBeLessThanOrEqual(PRINTABLE_WIDTH);
    }
    // Each page is filled: the next column would not fit on the first.
    expect(widthOf([...first, CHECKLIST_COLUMNS[split]!.key])).toBeGreaterThan(PRINTABLE_WIDTH);
    expect(summary.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', scale: 100 });
  });

  it('writes every cell of both sheets in one font at no less than 9 pt; bold only for headings and 合計', () => {
    for (const sheet of [checklist, summary])
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.font, `${sheet.name}!${cell.address}`).toMatchObject({
            name: 'Microsoft JhengHei',
            size: 10,
          });
        }),
      );
    const total = summary.getColumn(1).values.indexOf('合計');
    summary.getRow(total).eachCell((cell) => expect(cell.font.bold).toBe(true));
    summary.getRow(total - 1).eachCell((cell) => expect(cell.font.bold).toBeFalsy());
  });

  it('adds up on the summary sheet: 項目數 = 範圍外 + 適用, 適用 = 符合 + 部分符合 + 不符合 + 不適用 + 未評', () => {
    const header = summary.getColumn(1).values.indexOf('章節');
    expect((summary.getRow(header).values as unknown[]).slice(1)).toEqual([
      '章節',
      '章名',
      '項目數',
      '不適用（範圍外）',
      '適用項目',
      '符合',
      '部分符合',
      '不符合',
      '不適用',
      '未評',
      '符合率',
    ]);
    const lines = [];
    for (let r = header + 1; summary.getRow(r).getCell(1).value !== null; r += 1)
      lines.push((summary.getRow(r).values as Array<string | number>).slice(1));
    expect(lines.length).toBe(report.chapters.length + 1);
    for (const [, , items, outOfScope, applicable, ...results] of lines) {
      const counts = results.slice(0, 5) as number[];
      expect(items).toBe((outOfScope as number) + (applicable as number));
      expect(applicable).toBe(counts.reduce((sum, n) => sum + n, 0));
    }
    const total = lines.at(-1)!;
    for (let c = 2; c <= 9; c += 1)
      expect(total[c]).toBe(lines.slice(0, -1).reduce((sum, line) => sum + (line[c] as number), 0));
    expect(total[2]).toBe(report.items.length);
    expect(total[8]).toBe(report.items.filter((i) => i.applicable && i.result === 'not_applicable').length);
    expect(total[8]).toBeGreaterThan(0);
  });

  it('keeps the fingerprint on one line across the merged value cells', () => {
    const row = summary.getColumn(1).values.indexOf('數位指紋');
    const cell = summary.getCell(row, 2);
    expect(cell.value).toBe(report.assessment.fingerprint);
    expect(summary.getCell(row, 11).isMerged).toBe(true);
    expect(summary.getCell(row, 11).master.address).toBe(cell.address);
    const merged = Array.from({ length: 10 }, (_, i) => summary.getColumn(i + 2).width!).reduce(
      (a, b) => a + b,
    );
    expect(wrappedLines(report.assessment.fingerprint!, merged)).toBe(1);
    expect(summary.getRow(row).height).toBeLessThan(20);
  });

  it('stores formula-like answers as typed text, without a visible apostrophe', () => {
    for (const [number, text] of Object.entries(FORMULA_LIKE)) {
      const cell = itemRow(Number(number)).getCell(columnIndex('explanation'));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(text);
    }
  });

  describe('printed by LibreOffice', () => {
    const unavailable = officeUnavailable();
    const program = unavailable ? null : officeProgram();
    let printed: PdfPage[] = [];

    beforeAll(async () => {
      if (program) printed = await readPdf(await xlsxToPdf(program, file));
    }, 180_000);

    /** Printed x-range of each column on a page, from the header labels' centres and the known widths. */
    const columnsOn = (page: PdfPage) => {
      const labels = CHECKLIST_COLUMNS.map((c) => ({
        c,
        label: page.items.find((i) => i.baseline < 80 && i.text === COLUMN_LABELS[c.key]['zh-TW']),
      })).filter((entry) => entry.label);
      let at = 0;
      const spans = labels.map(({ c, label }) => {
        const span = { key: c.key, from: at, to: at + c.width, centre: label!.x + label!.width / 2 };
        at += c.width;
        return span;
      });
      const [a, b] = [spans[0]!, spans.at(-1)!];
      const scale = (b.centre - a.centre) / ((b.from + b.to) / 2 - (a.from + a.to) / 2);
      const origin = a.centre - (scale * (a.from + a.to)) / 2;
      return spans.map((s) => ({ key: s.key, left: origin + scale * s.from, right: origin + scale * s.to }));
    };
    const printedColumn = (key: ColumnKey) =>
      squeeze(
        printed
          .filter((page) => page.items.some((i) => i.text === '項次'))
          .map((page) => {
            const span = columnsOn(page).find((c) => c.key === key);
            return span ? textBetween(page, span.left - 1, span.right) : '';
          })
          .join(''),
      );

    it('prints every question and role line in full, at 9 pt or more, with nothing overlapping', (context) => {
      if (!program) {
        context.skip(`${unavailable}: checked row heights and print settings only`);
        return;
      }
      const sizes = printed.flatMap((page) => page.items.map((item) => item.fontSize));
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(MIN_PRINTED_FONT);
      const overlaps = findOverlaps(printed);
      expect(overlaps, describeOverlaps(overlaps)).toEqual([]);

      const questions = printedColumn('question');
      const missing = report.items.filter((item) => !questions.includes(squeeze(item.question['zh-TW'])));
      expect(missing.map((item) => item.number)).toEqual([]);
      const sections = printedColumn('sectionName');
      expect(sections.split('(組織為使用者時適用)').length - 1).toBe(
        report.items.filter((item) => item.role === 'cloud-user').length,
      );
      expect(sections.split('(組織為提供者時適用)').length - 1).toBe(
        report.items.filter((item) => item.role === 'cloud-provider').length,
      );
    });

    it('prints question and explanation on the same page, and answers as typed (no apostrophe, no formula result)', (context) => {
      if (!program) {
        context.skip(`${unavailable}`);
        return;
      }
      const firstPages = printed.filter((page) => page.items.some((i) => i.text === '檢核項目'));
      expect(firstPages.length).toBeGreaterThan(5);
      for (const page of firstPages)
        expect(
          page.items.some((i) => i.text === '說明'),
          `page ${page.number}`,
        ).toBe(true);
      const explanations = printedColumn('explanation');
      // Every explanation short enough for the tallest row prints whole.
      const fitting = report.items.filter(
        (item) =>
          wrappedLines(item.explanation, CHECKLIST_COLUMNS[columnIndex('explanation') - 1]!.width) * 14.5 +
            4 <
          MAX_ROW_HEIGHT,
      );
      expect(fitting.length).toBeGreaterThan(55);
      const cut = fitting.filter((item) => !explanations.includes(squeeze(item.explanation)));
      expect(cut.map((item) => item.number)).toEqual([]);
      expect(explanations).toContain(squeeze(FORMULA_LIKE[8]!));
      expect(explanations).not.toContain("'=");
      expect(explanations).not.toContain("'-2");
    });
  });
});
