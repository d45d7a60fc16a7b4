import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeOverlaps,
  findOverlaps,
  type PdfPage,
  pdftotextIfPresent,
  readPdf,
  squeeze,
  textBetween,
} from '../../../../test/support/pdf-text.js';
import { fullReport, renderPdf } from '../../../../test/support/report-fixture.js';
import { CELL_TEXT_LIMIT } from './pdf-canvas.js';
import { MARGIN } from './pdf-style.js';
import type { AssessmentReport } from './report-model.js';

/**
 * The PDF report of a fully answered, approved assessment (long texts, evidence of every kind, a return and
 * two reviews), read back with pdf.js: what prints, where, and that no two text boxes touch.
 */
describe('PDF report layout', () => {
  let report: AssessmentReport;
  let pages: PdfPage[];
  let english: PdfPage[];
  const pagesWith = (text: string) => pages.filter((page) => page.text.includes(text));

  beforeAll(async () => {
    report = fullReport();
    pages = await readPdf(await renderPdf(report));
    english = await readPdf(await renderPdf(report, 'en'));
  });

  it('prints no two text boxes over each other on any page, in either language', () => {
    expect(pages.length).toBeGreaterThan(20);
    const zh = findOverlaps(pages);
    expect(zh, describeOverlaps(zh)).toEqual([]);
    const en = findOverlaps(english);
    expect(en, describeOverlaps(en)).toEqual([]);
  });

  it('numbers every page in its footer, on that page', () => {
    pages.forEach((page, index) => {
      const footer = page.items.filter((item) => item.baseline > page.height - MARGIN.bottom);
      expect(footer.map((item) => item.text).join(' '), `page ${index + 1}`).toMatch(
        new RegExp(`第 ${index + 1} 頁`),
      );
    });
  });

  it('shows the guideline on the cover by title and version, not by URN', () => {
    const cover = pages[0]!.text;
    expect(cover).toContain('依據 雲端運算、社群媒體、行動裝置資訊安全管控指引');
    expect(cover).toContain('依據版本 1.0');
    expect(cover).not.toContain('urn:');
    expect(squeeze(english[0]!.text)).toContain(
      squeeze(
        'Guideline Information Security Control Guidelines for Cloud Computing, Social Media and Mobile Devices',
      ),
    );
    expect(english[0]!.text).toContain('Guideline version 1.0');
  });

  it('lays out the sign-off by measured rows: each step on its own line, a wrapped comment pushing the next down', () => {
    const page = pagesWith('簽核紀錄').at(-1)!;
    const steps = page.items.filter(
      (item) => Math.abs(item.x - (MARGIN.left + 3)) < 1 && /^(送審|退回|覆核|核定)$/.test(item.text),
    );
    expect(steps.map((s) => s.text)).toEqual(['送審', '退回', '送審', '覆核', '覆核', '核定']);
    const names = [
      '王小明',
      '林覆核（資訊安全部 副理）',
      '王小明',
      '林覆核（資訊安全部 副理）',
      'Chen Mei-Ling',
      '張核定（總經理）',
    ];
    steps.forEach((step, i) => {
      const sameLine = page.items.filter((item) => Math.abs(item.baseline - step.baseline) < 1);
      expect(sameLine.map((item) => item.text)).toContain(names[i]);
      expect(sameLine.some((item) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+8\)$/.test(item.text))).toBe(
        true,
      );
    });
    // The return's comment wraps onto several lines; the next step starts below its last line.
    const returned = steps[1]!;
    const next = steps[2]!;
    const commentLines = page.items.filter(
      (item) => item.baseline > returned.baseline + 1 && item.baseline < next.baseline - 1,
    );
    expect(commentLines.length).toBeGreaterThanOrEqual(2);
    const lastLine = Math.max(...commentLines.map((item) => item.baseline));
    expect(next.baseline - lastLine).toBeGreaterThan(next.fontSize);
    // 覆核 and 核定 rows are a full line apart at least.
    for (let i = 1; i < steps.length; i += 1)
      expect(steps[i]!.baseline - steps[i - 1]!.baseline).toBeGreaterThanOrEqual(steps[i]!.fontSize * 1.2);
    expect(squeeze(page.text)).toContain(squeeze(report.assessment.fingerprint!));
  });

  it('lists every piece of evidence with its kind, SHA-256 and valid-until date', () => {
    const listed = pages.slice(pages.indexOf(pagesWith('佐證資料清單')[0]!));
    const text = squeeze(listed.map((page) => page.text).join('\n'));
    const all = new Map(report.items.flatMap((item) => item.evidence.map((e) => [e.id, e])));
    expect(all.size).toBeGreaterThan(60);
    for (const evidence of all.values()) {
      expect(text).toContain(squeeze(evidence.title));
      if (evidence.sha256) {
        // The digest prints whole on one line, so a reader can compare it with the file's.
        expect(listed.some((page) => page.items.some((item) => item.text === evidence.sha256))).toBe(true);
      }
    }
    const fileRow = listed
      .flatMap((page) => page.items.map((item) => ({ page, item })))
      .find(({ item }) => item.text === '第1項 雲端服務供應商評估報告（115年度）.pdf')!;
    const row = fileRow.page.items.filter((item) => Math.abs(item.baseline - fileRow.item.baseline) < 1);
    expect(row.map((item) => item.text)).toEqual([
      '1',
      fileRow.item.text,
      '檔案',
      report.items[0]!.evidence[0]!.sha256,
      '2027-06-30',
    ]);
    expect(text).toContain('2025-12-31（已過期）');
  });

  it('never breaks a word of the section-name column, and prints the role line whole', () => {
    const table = pages.slice(
      pages.indexOf(pagesWith('檢核項目明細')[0]!),
      pages.indexOf(pagesWith('不符合及部分符合項目')[0]!),
    );
    const column = table.flatMap((page) => page.items.filter((item) => item.x > 70 && item.x < 80));
    const sections = column.filter((item) => /^(雲端|行動|社群)/.test(item.text)).map((item) => item.text);
    expect(sections.length).toBe(report.items.length);
    expect(new Set(sections)).toEqual(
      new Set(['雲端運算服務運作安全', '行動裝置安全控管', '社群媒體安全控管']),
    );
    const roleLines = column.filter((item) => item.text.startsWith('(組織為'));
    expect(roleLines.length).toBe(report.items.filter((item) => item.role !== null).length);
    expect(roleLines.every((item) => /^\(組織為(使用者|提供者)時適用\)$/.test(item.text))).toBe(true);
  });

  it('cuts an explanation past the cell limit and says where the full text is', () => {
    const long = report.items.find((item) => item.explanation.length > CELL_TEXT_LIMIT)!;
    const explanationColumn = (read: PdfPage[], label: string) =>
      squeeze(
        read
          .map((page) => {
            const header = page.items.find((item) => item.text === label && item.baseline < 120);
            return header ? textBetween(page, header.x - 1, page.width) : '';
          })
          .join(''),
      );
    const zh = explanationColumn(pages, '說明');
    const printed = squeeze(long.explanation.slice(0, CELL_TEXT_LIMIT));
    expect(zh.includes(printed), 'first 1,200 characters print').toBe(true);
    expect(zh.includes(squeeze(long.explanation.slice(0, CELL_TEXT_LIMIT + 20))), 'nothing past them').toBe(
      false,
    );
    const note = `（以上為前 1,200 字；全文共 ${long.explanation.length.toLocaleString('en')} 字，請見 XLSX 匯出檔。）`;
    expect(zh.includes(`${printed}…${squeeze(note)}`), 'the pointer follows the cut').toBe(true);
    const en = explanationColumn(english, 'Explanation');
    expect(
      en.includes(squeeze('…(First 1,200 of 1,500 characters; the XLSX export has the full text.)')),
    ).toBe(true);
  });

  it('agrees with poppler where pdftotext is installed (an optional second reader)', async (context) => {
    const pdf = await renderPdf(report);
    const poppler = pdftotextIfPresent(pdf);
    if (poppler === null) {
      context.skip('pdftotext not installed: pdf.js alone read the report');
      return;
    }
    const popplerPages = poppler.split('\f').filter((page) => page.trim() !== '');
    expect(popplerPages.length).toBe(pages.length);
    expect(squeeze(poppler)).toContain(squeeze(report.assessment.fingerprint!));
  });
});
