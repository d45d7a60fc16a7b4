import { type Canvas, clip } from './pdf-canvas.js';
import { INK, MARGIN, MUTED } from './pdf-style.js';
import { Table } from './pdf-table.js';
import {
  acceptanceText,
  milestonesText,
  plannedText,
  REMEDIATION_TEXT,
  sourceText,
  statusText,
} from './remediation-labels.js';

const FONT_SIZE = 8.5;
const OVERDUE = '#e03131';

/** Column widths in points, left to right; the title (0) takes the rest of the page width. */
export const REMEDIATION_PDF_WIDTHS: readonly number[] = [0, 84, 64, 58, 66, 62, 118, 150];
/** Columns of labels, names and dates break only between words. */
const WORDS: readonly boolean[] = [false, true, true, true, true, true, false, false];

/**
 * 改善計畫: the remediation items of this assessment's gaps and the organisation's other unfinished items
 * (the remediation module chooses them), each with its source, owner, status, dates, milestones and any
 * risk acceptance. No section when there are none.
 */
export function remediationPlan(canvas: Canvas) {
  const items = canvas.report.remediation?.items ?? [];
  if (items.length === 0) return;
  const { doc, locale } = canvas;
  const t = (key: keyof typeof REMEDIATION_TEXT) => REMEDIATION_TEXT[key][locale];
  doc.addPage();
  canvas.heading(t('heading'));
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(t('intro'), MARGIN.left, doc.y, { width: canvas.width });
  doc.fillColor(INK).moveDown(0.5);
  const labels = [
    t('title'),
    t('source'),
    t('owner'),
    t('status'),
    t('planned'),
    t('actual'),
    t('milestones'),
    t('acceptance'),
  ];
  const table = new Table(
    canvas,
    Table.fill(
      canvas,
      labels.map((label, i) => ({ label, width: REMEDIATION_PDF_WIDTHS[i]!, words: WORDS[i]! })),
    ),
    FONT_SIZE,
  );
  table.header();
  for (const item of items) {
    table.row([
      { text: clip(item.title, locale) },
      { text: sourceText(item, locale) },
      { text: item.ownerName ?? t('unassigned') },
      { text: statusText(item, locale) },
      { text: plannedText(item, locale), ...(item.overdue ? { color: OVERDUE } : {}) },
      { text: item.actualCompletion ?? '—' },
      { text: clip(milestonesText(item, locale), locale) },
      { text: clip(acceptanceText(item, locale), locale) },
    ]);
  }
}
