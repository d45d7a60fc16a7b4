import { RESULT_LABELS } from '../assessments/domain/results.js';
import type { Canvas } from './pdf-canvas.js';
import { ASSESSED_ORDER, INK, MARGIN, MUTED, RESULT_COLORS } from './pdf-style.js';
import { formatRate, STATE_LABELS, taipeiTime } from './report-labels.js';

/** The cover: title, the guideline by its title and version, and the assessment's facts. */
export function cover(canvas: Canvas) {
  const { doc, report, locale, width } = canvas;
  const { assessment, organization } = report;
  doc.font('bold').fontSize(24).fillColor(INK).text(canvas.t('reportTitle'), MARGIN.left, 110, {
    width,
    align: 'center',
  });
  doc.moveDown(0.4);
  doc.font('regular').fontSize(13).text(report.catalog.title[locale], { width, align: 'center' });
  doc.moveDown(2);
  const facts: Array<[string, string]> = [
    [canvas.t('organization'), organization.name],
    [canvas.t('businessId'), organization.businessId ?? '—'],
    [canvas.t('assessment'), assessment.name],
    [canvas.t('period'), assessment.period],
    [canvas.t('status'), STATE_LABELS[assessment.state][locale]],
    [canvas.t('revision'), String(assessment.revision)],
    [canvas.t('catalog'), report.catalog.title[locale]],
    [canvas.t('catalogVersion'), report.catalog.version],
    [canvas.t('fingerprint'), assessment.fingerprint ?? canvas.t('notYetApproved')],
    [canvas.t('generatedAt'), taipeiTime(report.generatedAt)],
  ];
  const labelX = MARGIN.left + 150;
  const labelWidth = 100;
  const valueX = labelX + labelWidth + 10;
  const valueWidth = MARGIN.left + width - valueX - 40;
  for (const [label, value] of facts) {
    const y = doc.y;
    const height = Math.max(
      canvas.measure(label, 'bold', 11, labelWidth),
      canvas.measure(value, 'regular', 11, valueWidth),
    );
    doc.font('bold').fontSize(11).text(label, labelX, y, { width: labelWidth });
    doc.font('regular').fontSize(11).text(value, valueX, y, { width: valueWidth });
    doc.y = y + height + 5;
  }
}

/** Compliance rate, the per-chapter bars and the result distribution. */
export function summary(canvas: Canvas) {
  const { doc, report, locale, width } = canvas;
  doc.addPage();
  canvas.heading(canvas.t('summaryHeading'));
  doc
    .font('regular')
    .fontSize(11)
    .text(`${canvas.t('complianceRate')}: ${formatRate(report.overall.rate)}`, MARGIN.left, doc.y, { width });
  doc.fontSize(9).fillColor(MUTED).text(canvas.t('scoringRule'), { width }).fillColor(INK);
  doc.moveDown(1);

  canvas.heading(canvas.t('byChapterHeading'));
  const labelWidth = 260;
  const barWidth = width - labelWidth - 70;
  for (const chapter of report.chapters) {
    const label =
      locale === 'en'
        ? `Ch. ${chapter.chapter} ${chapter.title.en}`
        : `第${chapter.chapter}章 ${chapter.title['zh-TW']}`;
    const height = Math.max(12, canvas.measure(label, 'regular', 10, labelWidth - 8));
    canvas.ensure(height + 10);
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(INK)
      .text(label, MARGIN.left, y, { width: labelWidth - 8 });
    const barX = MARGIN.left + labelWidth;
    doc.rect(barX, y, barWidth, 12).fill('#f1f3f5');
    if (chapter.rate !== null) doc.rect(barX, y, barWidth * chapter.rate, 12).fill(RESULT_COLORS.compliant);
    doc
      .fillColor(INK)
      .text(formatRate(chapter.rate), barX + barWidth + 8, y, { width: 60, lineBreak: false });
    doc.y = y + height + 10;
  }

  doc.moveDown(1);
  canvas.heading(canvas.t('distributionHeading'), 60);
  const counts = ASSESSED_ORDER.map((result) => ({
    result,
    count: report.items.filter((i) => i.applicable && i.result === result).length,
  }));
  const outOfScope = report.items.filter((i) => !i.applicable).length;
  const total = counts.reduce((sum, c) => sum + c.count, 0) || 1;
  let x = MARGIN.left;
  const y = doc.y;
  for (const { result, count } of counts) {
    const w = (width * count) / total;
    if (w > 0) doc.rect(x, y, w, 18).fill(RESULT_COLORS[result]);
    x += w;
  }
  doc.y = y + 28;
  doc.fillColor(INK).font('regular').fontSize(10);
  const legend = [
    ...counts.map(({ result, count }) => ({
      color: RESULT_COLORS[result],
      text: `${RESULT_LABELS[result][locale]} ${count}`,
    })),
    { color: '#ffffff', text: `${canvas.t('outOfScope')} ${outOfScope}` },
  ];
  // Each entry as wide as its measured label, so English labels never run into the next one.
  let lx = MARGIN.left;
  let ly = doc.y;
  for (const entry of legend) {
    const entryWidth = 13 + doc.widthOfString(entry.text);
    if (lx + entryWidth > MARGIN.left + width) {
      lx = MARGIN.left;
      ly += 18;
    }
    doc.rect(lx, ly + 2, 9, 9).fillAndStroke(entry.color, MUTED);
    doc.fillColor(INK).text(entry.text, lx + 13, ly, { lineBreak: false });
    lx += entryWidth + 20;
  }
  doc.x = MARGIN.left;
  doc.y = ly + 24;
}
