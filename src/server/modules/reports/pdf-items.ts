import { RESULT_LABELS } from '../assessments/domain/results.js';
import { needsRemediation } from './oscal-poam.js';
import { type Canvas, clip } from './pdf-canvas.js';
import { INK, MARGIN, MUTED, RESULT_COLORS } from './pdf-style.js';
import { Table, type TableColumn } from './pdf-table.js';
import { COLUMN_LABELS, sectionLabel } from './report-labels.js';

/** Rows drawn between yields to the event loop, so a large report never starves other requests. */
const ROWS_PER_TICK = 20;
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const FONT_SIZE = 8.5;
const PAD = 3;

/**
 * The section-name column is as wide as the longest word-wrapped line needs, so 「雲端運算服務運作安全」 and
 * 「(組織為使用者時適用)」 each print on one line (between 96 and 140 pt; longer English names wrap at spaces).
 */
function sectionColumnWidth(canvas: Canvas): number {
  canvas.doc.font('regular').fontSize(FONT_SIZE);
  const widest = Math.max(
    ...canvas.report.items.flatMap((item) =>
      sectionLabel(item, canvas.locale)
        .split('\n')
        .map((line) => canvas.doc.widthOfString(line)),
    ),
  );
  // pdfkit counts the line break ending a line as part of it: leave room for one.
  const lineBreak = canvas.doc.widthOfString('\n');
  return Math.min(140, Math.max(96, Math.ceil(widest + lineBreak) + 2 * PAD + 2));
}

/** 檢核項目明細: one row per item, the explanation cut at the cell limit with a pointer to the XLSX. */
export async function itemsTable(canvas: Canvas) {
  const { doc, report, locale } = canvas;
  doc.addPage();
  canvas.heading(canvas.t('itemsHeading'));
  const columns: TableColumn[] = Table.fill(canvas, [
    { label: COLUMN_LABELS.number[locale], width: 34 },
    { label: COLUMN_LABELS.sectionName[locale], width: sectionColumnWidth(canvas), words: true },
    { label: COLUMN_LABELS.question[locale], width: 250 },
    { label: COLUMN_LABELS.result[locale], width: 62, words: true },
    { label: COLUMN_LABELS.explanation[locale], width: 0 },
  ]);
  const table = new Table(canvas, columns, FONT_SIZE);
  table.header();
  for (const [index, item] of report.items.entries()) {
    table.row([
      { text: String(item.number) },
      { text: sectionLabel(item, locale) },
      {
        text: clip(
          item.provenance === 'derived'
            ? `${item.question[locale]}\n${canvas.t('derived')}`
            : item.question[locale],
          locale,
        ),
      },
      {
        text: item.applicable ? RESULT_LABELS[item.result][locale] : canvas.t('outOfScopeReason'),
        color: item.applicable ? RESULT_COLORS[item.result] : RESULT_COLORS.not_applicable,
      },
      { text: clip(item.explanation, locale) },
    ]);
    if ((index + 1) % ROWS_PER_TICK === 0) await yieldToEventLoop();
  }
}

/** 不符合及部分符合項目: each gap as a block, measured whole and moved to the next page whole. */
export async function gaps(canvas: Canvas) {
  const { doc, report, locale, width } = canvas;
  doc.addPage();
  canvas.heading(canvas.t('gapsHeading'));
  const items = report.items.filter(needsRemediation);
  if (items.length === 0) doc.font('regular').fontSize(10).text(canvas.t('noGaps'), { width });
  for (const [index, item] of items.entries()) {
    const parts = [
      {
        text: `${COLUMN_LABELS.number[locale]} ${item.number}｜${RESULT_LABELS[item.result][locale]}`,
        font: 'bold' as const,
        size: 10.5,
        color: RESULT_COLORS[item.result],
      },
      { text: item.question[locale], font: 'regular' as const, size: 9 },
      {
        text: `${COLUMN_LABELS.explanation[locale]}：${clip(item.explanation.trim() || '—', locale)}`,
        font: 'regular' as const,
        size: 9,
      },
      {
        text: `${COLUMN_LABELS.compensatingControl[locale]}：${clip(item.compensatingControl.trim() || '—', locale)}`,
        font: 'regular' as const,
        size: 9,
      },
      ...(item.assigneeName || item.dueDate
        ? [
            {
              text: `${COLUMN_LABELS.assignee[locale]}：${item.assigneeName ?? '—'}　${item.dueDate ?? ''}`,
              font: 'regular' as const,
              size: 9,
              color: MUTED,
            },
          ]
        : []),
    ];
    const heights = parts.map((part) => canvas.measure(part.text, part.font, part.size, width) + 2);
    canvas.ensure(heights.reduce((sum, h) => sum + h, 0) + 8);
    parts.forEach((part, i) => {
      const y = doc.y;
      doc
        .font(part.font)
        .fontSize(part.size)
        .fillColor(part.color ?? INK)
        .text(part.text, MARGIN.left, y, { width });
      doc.y = y + heights[i]!;
    });
    doc.fillColor(INK);
    doc.y += 8;
    if ((index + 1) % ROWS_PER_TICK === 0) await yieldToEventLoop();
  }
}
