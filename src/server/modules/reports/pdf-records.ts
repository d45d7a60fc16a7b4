import { type Canvas, clip } from './pdf-canvas.js';
import { INK, MARGIN, MUTED } from './pdf-style.js';
import { Table } from './pdf-table.js';
import { COLUMN_LABELS, EVIDENCE_KIND_LABELS, SIGNOFF_LABELS, taipeiTime } from './report-labels.js';
import type { ReportEvidence } from './report-model.js';

const FONT_SIZE = 8.5;

/** Each piece of evidence once, with the 項次 it supports, in the order of the first item it supports. */
function evidenceRows(canvas: Canvas): Array<{ evidence: ReportEvidence; numbers: number[] }> {
  const byId = new Map<string, { evidence: ReportEvidence; numbers: number[] }>();
  for (const item of canvas.report.items)
    for (const evidence of item.evidence) {
      const entry = byId.get(evidence.id) ?? { evidence, numbers: [] };
      entry.numbers.push(item.number);
      byId.set(evidence.id, entry);
    }
  return [...byId.values()];
}

/** 佐證資料清單: title (and address for links), kind, SHA-256 of files, and valid-until date. */
export function evidenceList(canvas: Canvas) {
  const { doc, locale } = canvas;
  doc.addPage();
  canvas.heading(canvas.t('evidenceHeading'));
  const rows = evidenceRows(canvas);
  if (rows.length === 0) {
    doc
      .font('regular')
      .fontSize(10)
      .text(canvas.t('noEvidence'), MARGIN.left, doc.y, { width: canvas.width });
    return;
  }
  // The digest column fits a whole SHA-256 on one line, so it can be compared character by character.
  doc.font('regular').fontSize(FONT_SIZE);
  const digestWidth = Math.ceil(
    Math.max(
      doc.widthOfString('SHA-256'),
      ...rows.map(({ evidence }) => doc.widthOfString(evidence.sha256 ?? '')),
    ) + 10,
  );
  const table = new Table(
    canvas,
    Table.fill(canvas, [
      { label: COLUMN_LABELS.number[locale], width: 60 },
      { label: canvas.t('evidenceTitle'), width: 0 },
      { label: canvas.t('evidenceKind'), width: 52, words: true },
      { label: 'SHA-256', width: digestWidth },
      { label: canvas.t('validUntil'), width: 92, words: true },
    ]),
    FONT_SIZE,
  );
  table.header();
  for (const { evidence, numbers } of rows) {
    table.row([
      { text: numbers.join(', ') },
      { text: clip(evidence.url ? `${evidence.title}\n${evidence.url}` : evidence.title, locale) },
      { text: EVIDENCE_KIND_LABELS[evidence.kind][locale] },
      { text: evidence.sha256 ?? '—' },
      {
        text: evidence.validUntil
          ? `${evidence.validUntil}${evidence.expired ? `\n${canvas.t('expired')}` : ''}`
          : '—',
        ...(evidence.expired ? { color: '#e03131' } : {}),
      },
    ]);
  }
}

/**
 * 簽核紀錄: one row per submission, return, review and approval, each as tall as its tallest measured
 * cell (a long name or comment wraps inside its row), then the approval fingerprint.
 */
export function signoff(canvas: Canvas) {
  const { doc, report, locale, width } = canvas;
  doc.moveDown(1);
  canvas.heading(canvas.t('signoffHeading'), 60);
  if (report.signoff.length === 0) {
    doc.font('regular').fontSize(10).text(canvas.t('noSignoff'), MARGIN.left, doc.y, { width });
  } else {
    const table = new Table(
      canvas,
      Table.fill(canvas, [
        { label: canvas.t('signoffAction'), width: 60, words: true },
        { label: canvas.t('signoffActor'), width: 190, words: true },
        { label: canvas.t('signoffTime'), width: 130 },
        { label: canvas.t('signoffComment'), width: 0 },
      ]),
      10,
    );
    table.header();
    for (const entry of report.signoff)
      table.row([
        { text: SIGNOFF_LABELS[entry.action][locale], font: 'bold' },
        { text: entry.actorName || '—' },
        { text: taipeiTime(entry.at) },
        { text: clip(entry.comment ?? '', locale) },
      ]);
  }
  if (report.assessment.fingerprint) {
    const text = `${canvas.t('fingerprint')} (${report.assessment.fingerprintAlgorithm ?? ''})：${report.assessment.fingerprint}`;
    doc.moveDown(0.8);
    canvas.ensure(canvas.measure(text, 'regular', 9, width));
    doc.font('regular').fontSize(9).fillColor(MUTED).text(text, MARGIN.left, doc.y, { width }).fillColor(INK);
  }
}
