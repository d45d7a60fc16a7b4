import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../platform/i18n.js';
import { loadCjkFonts } from '../reports/pdf-fonts.js';
import {
  bandLabel,
  industryLabel,
  methodStatement,
  percent,
  STATUS_LABELS,
  segmentLabel,
} from './campaign-labels.js';
import type { CampaignRow } from './campaigns.repository.js';
import type { SegmentFigures } from './domain/aggregates.js';
import type { MemberBenchmark } from './domain/benchmark.js';
import type { ParticipantStatus } from './domain/participant-status.js';

const zh = (locale: Locale, zhText: string, en: string) => (locale === 'zh-TW' ? zhText : en);

/**
 * Text cells are written as typed strings (never formulas), the way the reports module does, so a value
 * that looks like a formula stays inert when the workbook is opened (docs/reports.md).
 */
export async function statusXlsx(
  campaign: CampaignRow,
  members: ReadonlyArray<{
    member_name: string | null;
    member_industry: string | null;
    size_band: string | null;
    status: ParticipantStatus;
    submitted_at: string | null;
    version: number | null;
  }>,
  locale: Locale,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(zh(locale, '填報狀態', 'Status'));
  sheet.addRow([`${campaign.name} ${campaign.period}`, zh(locale, '截止日', 'Deadline'), campaign.deadline]);
  sheet.addRow([]);
  sheet.addRow([
    zh(locale, '會員', 'Member'),
    zh(locale, '業別', 'Industry'),
    zh(locale, '規模', 'Size band'),
    zh(locale, '狀態', 'Status'),
    zh(locale, '提交時間', 'Submitted at'),
    zh(locale, '版本', 'Version'),
  ]).font = { bold: true };
  for (const m of members)
    sheet.addRow([
      m.member_name ?? '',
      industryLabel(m.member_industry, locale),
      bandLabel(m.size_band, locale),
      STATUS_LABELS[m.status][locale],
      m.submitted_at ?? '',
      m.version ?? '',
    ]);
  sheet.columns.forEach((c, i) => {
    c.width = i === 0 ? 36 : 16;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function aggregatesXlsx(
  campaign: CampaignRow,
  k: number,
  segments: readonly SegmentFigures[],
  locale: Locale,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet(zh(locale, '區隔摘要', 'Segments'));
  summary.addRow([`${campaign.name} ${campaign.period}`, `k = ${k}`]);
  summary.addRow([
    zh(locale, '區隔', 'Segment'),
    zh(locale, '公司數', 'Firms'),
    zh(locale, '符合率', 'Compliance rate'),
    zh(locale, '中位數', 'Median'),
    zh(locale, '說明', 'Note'),
  ]).font = { bold: true };
  for (const s of segments)
    summary.addRow([
      segmentLabel(s.segment, locale),
      s.firms ?? zh(locale, '不顯示', 'hidden'),
      s.shown ? percent(s.overall?.rate) : '',
      s.shown ? percent(s.overall?.distribution?.median) : '',
      s.reason === 'below_k'
        ? zh(locale, `少於 ${k} 家，不顯示`, `fewer than ${k} firms`)
        : s.reason === 'complementary'
          ? zh(locale, '互補抑制', 'complementary suppression')
          : '',
    ]);
  const items = book.addWorksheet(zh(locale, '項目', 'Items'));
  items.addRow([
    zh(locale, '區隔', 'Segment'),
    zh(locale, '項目', 'Item'),
    zh(locale, '章', 'Chapter'),
    '符合',
    '部分符合',
    '不符合',
    '不適用',
    zh(locale, '符合率', 'Rate'),
  ]).font = { bold: true };
  for (const s of segments.filter((x) => x.shown))
    for (const i of s.items)
      items.addRow([
        segmentLabel(s.segment, locale),
        i.itemId,
        i.chapter,
        i.counts.compliant,
        i.counts.partially_compliant,
        i.counts.non_compliant,
        i.counts.not_applicable,
        percent(i.rate),
      ]);
  for (const sheet of [summary, items]) for (const column of sheet.columns) column.width = 16;
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function newPdf(title: string): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  const fonts = await loadCjkFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 48, right: 48 },
    info: { Title: title, Author: 'Jianhe' },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('bold').fontSize(16).text(title);
  doc.moveDown(0.5);
  return { doc, done };
}

/** A horizontal bar per row; null rates draw no bar. Left labels, values on the right. */
function barChart(
  doc: PDFKit.PDFDocument,
  rows: ReadonlyArray<{ label: string; rate: number | null; marker?: number | null }>,
) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelWidth = 150;
  const barWidth = width - labelWidth - 60;
  for (const row of rows) {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#222')
      .text(row.label, left, y, { width: labelWidth - 6 });
    doc
      .rect(left + labelWidth, y, barWidth, 10)
      .fillColor('#eee')
      .fill();
    if (row.rate !== null)
      doc
        .rect(left + labelWidth, y, barWidth * row.rate, 10)
        .fillColor('#2f6fb0')
        .fill();
    if (row.marker !== undefined && row.marker !== null)
      doc
        .rect(left + labelWidth + barWidth * row.marker - 1, y - 2, 2, 14)
        .fillColor('#d9480f')
        .fill();
    doc.fillColor('#222').text(percent(row.rate), left + labelWidth + barWidth + 6, y, { width: 54 });
    doc.y = y + 16;
    doc.x = left;
  }
  doc.moveDown(0.5);
}

function method(doc: PDFKit.PDFDocument, k: number, locale: Locale) {
  doc
    .font('bold')
    .fontSize(11)
    .fillColor('#222')
    .text(zh(locale, '方法說明', 'Method'));
  doc.font('regular').fontSize(9);
  for (const line of methodStatement(k, locale)) doc.text(line);
  doc.moveDown(0.5);
}

export async function aggregatesPdf(
  campaign: CampaignRow,
  k: number,
  segments: readonly SegmentFigures[],
  locale: Locale,
): Promise<Buffer> {
  const { doc, done } = await newPdf(
    `${campaign.name} ${campaign.period} ${zh(locale, '匿名彙總', 'anonymised aggregates')}`,
  );
  method(doc, k, locale);
  doc
    .font('bold')
    .fontSize(11)
    .text(zh(locale, '各區隔符合率', 'Compliance rate by segment'));
  barChart(
    doc,
    segments.map((s) => ({
      label: `${segmentLabel(s.segment, locale)}${s.shown ? ` (n = ${s.firms})` : ` ${zh(locale, '（不顯示）', '(hidden)')}`}`,
      rate: s.shown ? (s.overall?.rate ?? null) : null,
    })),
  );
  const all = segments.find((s) => s.segment.kind === 'all' && s.shown);
  if (all) {
    doc
      .font('bold')
      .fontSize(11)
      .text(
        zh(locale, '全體：各章符合率（橘線為中位數）', 'All firms: rate by chapter (orange mark: median)'),
      );
    barChart(
      doc,
      all.chapters.map((c) => ({
        label: zh(locale, `第 ${c.chapter} 章`, `Chapter ${c.chapter}`),
        rate: c.rate,
        marker: c.distribution?.median ?? null,
      })),
    );
  }
  doc.end();
  return done;
}

export async function benchmarkPdf(title: string, view: MemberBenchmark, locale: Locale): Promise<Buffer> {
  const { doc, done } = await newPdf(title);
  method(doc, view.k, locale);
  const peers = view.peers.find((p) => p.segment.kind === 'all');
  doc
    .font('bold')
    .fontSize(11)
    .text(zh(locale, '整體符合率', 'Overall compliance'));
  doc
    .font('regular')
    .fontSize(10)
    .text(
      `${zh(locale, '貴公司', 'Your firm')}: ${percent(view.own?.rate)}    ${zh(locale, '同業中位數', 'Peers’ median')}: ${peers?.shown ? `${percent(peers.overall?.distribution?.median)}, n = ${peers.firms}` : zh(locale, '不顯示', 'hidden')}`,
    );
  doc.moveDown(0.5);
  doc
    .font('bold')
    .fontSize(11)
    .text(
      zh(
        locale,
        '各章：藍條為貴公司，橘線為同業中位數',
        'By chapter: bar = your firm, orange mark = peers’ median',
      ),
    );
  barChart(
    doc,
    (view.own?.chapters ?? []).map((c) => ({
      label: zh(locale, `第 ${c.chapter} 章`, `Chapter ${c.chapter}`),
      rate: c.rate,
      marker: peers?.shown
        ? (peers.chapters.find((p) => p.chapter === c.chapter)?.distribution?.median ?? null)
        : null,
    })),
  );
  doc.end();
  return done;
}
