import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../platform/i18n.js';
import { RESULT_LABELS } from '../assessments/domain/results.js';
import { needsRemediation } from './oscal-poam.js';
import { loadCjkFonts } from './pdf-fonts.js';
import { ASSESSED_ORDER, HEADER_FILL, INK, MARGIN, MUTED, RESULT_COLORS, RULE } from './pdf-style.js';
import {
  COLUMN_LABELS,
  formatRate,
  SIGNOFF_LABELS,
  STATE_LABELS,
  sectionLabel,
  TEXT,
  taipeiTime,
} from './report-labels.js';
import type { AssessmentReport, ReportItem } from './report-model.js';

type Doc = PDFKit.PDFDocument;

/** Table cells hold at most this much text; the XLSX export carries the full answers. */
const CELL_TEXT_LIMIT = 1_200;
/** Rows drawn between yields to the event loop, so a large report never starves other requests. */
const ROWS_PER_TICK = 20;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const clip = (text: string) => (text.length > CELL_TEXT_LIMIT ? `${text.slice(0, CELL_TEXT_LIMIT)}…` : text);

export interface PdfOptions {
  locale: Locale;
}

class ReportWriter {
  private pageNumber = 0;

  constructor(
    private readonly doc: Doc,
    private readonly report: AssessmentReport,
    private readonly locale: Locale,
  ) {
    doc.on('pageAdded', () => this.footer());
  }

  private get width() {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  private get bottom() {
    return this.doc.page.height - MARGIN.bottom;
  }
  private t(key: keyof typeof TEXT) {
    return TEXT[key][this.locale];
  }

  /** Page number and generation time on every page, drawn in the bottom margin. */
  private footer() {
    const { doc } = this;
    this.pageNumber += 1;
    const { x, y } = doc;
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const line = doc.page.height - 32;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    doc.text(
      `${this.report.organization.name} · ${this.report.assessment.name} · ${this.t('generatedAt')} ${taipeiTime(this.report.generatedAt)}`,
      MARGIN.left,
      line,
      { width: this.width * 0.8, lineBreak: false },
    );
    doc.text(this.t('page').replace('{n}', String(this.pageNumber)), MARGIN.left, line, {
      width: this.width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = savedBottom;
    doc.x = x;
    doc.y = y;
    doc.fillColor(INK);
  }

  private heading(text: string) {
    this.doc
      .font('bold')
      .fontSize(15)
      .fillColor(INK)
      .text(text, MARGIN.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.5);
  }

  cover() {
    const { doc, report, locale } = this;
    const { assessment, organization } = report;
    doc.font('bold').fontSize(24).fillColor(INK).text(this.t('reportTitle'), MARGIN.left, 110, {
      width: this.width,
      align: 'center',
    });
    doc.moveDown(0.4);
    doc
      .font('regular')
      .fontSize(13)
      .text(report.catalog.title[locale], { width: this.width, align: 'center' });
    doc.moveDown(2);
    const facts: Array<[string, string]> = [
      [this.t('organization'), organization.name],
      [this.t('businessId'), organization.businessId ?? '—'],
      [this.t('assessment'), assessment.name],
      [this.t('period'), assessment.period],
      [this.t('status'), STATE_LABELS[assessment.state][locale]],
      [this.t('revision'), String(assessment.revision)],
      [this.t('catalog'), `${report.catalog.urn}@${report.catalog.version}`],
      [this.t('fingerprint'), assessment.fingerprint ?? this.t('notYetApproved')],
      [this.t('generatedAt'), taipeiTime(report.generatedAt)],
    ];
    const labelX = MARGIN.left + 150;
    const valueX = labelX + 110;
    for (const [label, value] of facts) {
      const y = doc.y;
      doc.font('bold').fontSize(11).text(label, labelX, y, { width: 100 });
      doc
        .font('regular')
        .fontSize(11)
        .text(value, valueX, y, { width: this.width - valueX });
      doc.moveDown(0.5);
    }
  }

  summary() {
    const { doc, report, locale } = this;
    doc.addPage();
    this.heading(this.t('summaryHeading'));
    doc
      .font('regular')
      .fontSize(11)
      .text(`${this.t('complianceRate')}: ${formatRate(report.overall.rate)}`, { width: this.width });
    doc.fontSize(9).fillColor(MUTED).text(this.t('scoringRule'), { width: this.width }).fillColor(INK);
    doc.moveDown(1);

    this.heading(this.t('byChapterHeading'));
    const labelWidth = 260;
    const barWidth = this.width - labelWidth - 70;
    for (const chapter of report.chapters) {
      const y = doc.y;
      doc.font('regular').fontSize(10).fillColor(INK);
      doc.text(
        locale === 'en'
          ? `Ch. ${chapter.chapter} ${chapter.title.en}`
          : `第${chapter.chapter}章 ${chapter.title['zh-TW']}`,
        MARGIN.left,
        y,
        { width: labelWidth, lineBreak: false },
      );
      const barX = MARGIN.left + labelWidth;
      doc.rect(barX, y, barWidth, 12).fill('#f1f3f5');
      if (chapter.rate !== null) doc.rect(barX, y, barWidth * chapter.rate, 12).fill(RESULT_COLORS.compliant);
      doc
        .fillColor(INK)
        .text(formatRate(chapter.rate), barX + barWidth + 8, y, { width: 60, lineBreak: false });
      doc.y = y + 22;
    }

    doc.moveDown(1);
    this.heading(this.t('distributionHeading'));
    const counts = ASSESSED_ORDER.map((result) => ({
      result,
      count: report.items.filter((i) => i.applicable && i.result === result).length,
    }));
    const outOfScope = report.items.filter((i) => !i.applicable).length;
    const total = counts.reduce((sum, c) => sum + c.count, 0) || 1;
    let x = MARGIN.left;
    const y = doc.y;
    for (const { result, count } of counts) {
      const w = (this.width * count) / total;
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
      { color: '#ffffff', text: `${this.t('outOfScope')} ${outOfScope}` },
    ];
    let lx = MARGIN.left;
    const ly = doc.y;
    for (const entry of legend) {
      doc.rect(lx, ly + 2, 9, 9).fillAndStroke(entry.color, MUTED);
      doc.fillColor(INK).text(entry.text, lx + 13, ly, { lineBreak: false });
      lx += 130;
    }
    doc.y = ly + 24;
  }

  private readonly columns = () => {
    const fixed = { number: 34, section: 96, question: 250, result: 62 };
    const explanation = this.width - fixed.number - fixed.section - fixed.question - fixed.result;
    return [
      { label: COLUMN_LABELS.number[this.locale], width: fixed.number },
      { label: COLUMN_LABELS.sectionName[this.locale], width: fixed.section },
      { label: COLUMN_LABELS.question[this.locale], width: fixed.question },
      { label: COLUMN_LABELS.result[this.locale], width: fixed.result },
      { label: COLUMN_LABELS.explanation[this.locale], width: explanation },
    ];
  };

  private row(cells: string[], options: { header?: boolean; color?: string } = {}) {
    const { doc } = this;
    const columns = this.columns();
    const pad = 3;
    doc.font(options.header ? 'bold' : 'regular').fontSize(8.5);
    const height =
      Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: columns[i]!.width - 2 * pad }))) +
      2 * pad;
    if (doc.y + height > this.bottom) {
      doc.addPage();
      if (!options.header) this.tableHeader();
      doc.font('regular').fontSize(8.5);
    }
    const top = doc.y;
    if (options.header) doc.rect(MARGIN.left, top, this.width, height).fill(HEADER_FILL);
    let x = MARGIN.left;
    cells.forEach((text, i) => {
      doc.fillColor(i === 3 && options.color ? options.color : INK);
      doc.text(text, x + pad, top + pad, { width: columns[i]!.width - 2 * pad });
      x += columns[i]!.width;
    });
    doc
      .moveTo(MARGIN.left, top + height)
      .lineTo(MARGIN.left + this.width, top + height)
      .lineWidth(0.5)
      .stroke(RULE);
    doc.fillColor(INK);
    doc.x = MARGIN.left;
    doc.y = top + height;
  }

  private tableHeader() {
    this.row(
      this.columns().map((c) => c.label),
      { header: true },
    );
  }

  async items() {
    const { doc, report, locale } = this;
    doc.addPage();
    this.heading(this.t('itemsHeading'));
    this.tableHeader();
    for (const [index, item] of report.items.entries()) {
      this.row(
        [
          String(item.number),
          sectionLabel(item, locale),
          clip(
            item.provenance === 'derived'
              ? `${item.question[locale]}\n${this.t('derived')}`
              : item.question[locale],
          ),
          item.applicable ? RESULT_LABELS[item.result][locale] : this.t('outOfScopeReason'),
          clip(item.explanation),
        ],
        { color: item.applicable ? RESULT_COLORS[item.result] : MUTED },
      );
      if ((index + 1) % ROWS_PER_TICK === 0) await yieldToEventLoop();
    }
  }

  async gaps() {
    const { doc, report, locale } = this;
    doc.addPage();
    this.heading(this.t('gapsHeading'));
    const gaps = report.items.filter(needsRemediation);
    if (gaps.length === 0) doc.font('regular').fontSize(10).text(this.t('noGaps'), { width: this.width });
    for (const [index, item] of gaps.entries()) {
      this.block(item, locale);
      if ((index + 1) % ROWS_PER_TICK === 0) await yieldToEventLoop();
    }
  }

  private block(item: ReportItem, locale: Locale) {
    const { doc } = this;
    const labelled = (label: string, text: string) => {
      doc.font('bold').fontSize(9).text(`${label}：`, { continued: true, width: this.width });
      doc.font('regular').text(clip(text.trim() || '—'), { width: this.width });
    };
    if (doc.y + 60 > this.bottom) doc.addPage();
    doc
      .font('bold')
      .fontSize(10.5)
      .fillColor(RESULT_COLORS[item.result])
      .text(
        `${COLUMN_LABELS.number[locale]} ${item.number}｜${RESULT_LABELS[item.result][locale]}`,
        MARGIN.left,
        doc.y,
        {
          width: this.width,
        },
      );
    doc.fillColor(INK).font('regular').fontSize(9).text(item.question[locale], { width: this.width });
    labelled(COLUMN_LABELS.explanation[locale], item.explanation);
    labelled(COLUMN_LABELS.compensatingControl[locale], item.compensatingControl);
    if (item.assigneeName || item.dueDate)
      doc
        .fillColor(MUTED)
        .text(`${COLUMN_LABELS.assignee[locale]}：${item.assigneeName ?? '—'}　${item.dueDate ?? ''}`, {
          width: this.width,
        })
        .fillColor(INK);
    doc.moveDown(0.8);
  }

  signoff() {
    const { doc, report, locale } = this;
    if (doc.y + 120 > this.bottom) doc.addPage();
    else doc.moveDown(1);
    this.heading(this.t('signoffHeading'));
    if (report.signoff.length === 0) {
      doc.font('regular').fontSize(10).text(this.t('noSignoff'), { width: this.width });
      return;
    }
    for (const entry of report.signoff) {
      if (doc.y + 30 > this.bottom) doc.addPage();
      const y = doc.y;
      doc.font('bold').fontSize(10).text(SIGNOFF_LABELS[entry.action][locale], MARGIN.left, y, { width: 70 });
      doc.font('regular').text(entry.actorName || '—', MARGIN.left + 80, y, { width: 200 });
      doc.text(taipeiTime(entry.at), MARGIN.left + 290, y, { width: 160 });
      doc.text(entry.comment ?? '', MARGIN.left + 460, y, { width: this.width - 460 });
      doc.x = MARGIN.left;
      doc.moveDown(0.6);
    }
    if (report.assessment.fingerprint) {
      doc.moveDown(0.5);
      doc
        .font('regular')
        .fontSize(9)
        .fillColor(MUTED)
        .text(
          `${this.t('fingerprint')} (${report.assessment.fingerprintAlgorithm ?? ''})：${report.assessment.fingerprint}`,
          {
            width: this.width,
          },
        )
        .fillColor(INK);
    }
  }
}

/**
 * The assessment as a zh-TW (or English) PDF, streamed into `output` as pages are laid out. Layout work
 * yields to the event loop every few rows, so a large report does not block other requests.
 */
export async function writeAssessmentPdf(
  report: AssessmentReport,
  options: PdfOptions,
  output: Writable,
): Promise<void> {
  const fonts = await loadCjkFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: MARGIN,
    autoFirstPage: false,
    info: {
      Title: `${report.organization.name} ${report.assessment.name}`,
      Author: 'Jianhe',
      Subject: report.catalog.title[options.locale],
      CreationDate: new Date(report.generatedAt),
    },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const finished = new Promise<void>((resolve, reject) => {
    output.on('finish', resolve);
    output.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(output);
  const writer = new ReportWriter(doc, report, options.locale);
  doc.addPage();
  writer.cover();
  writer.summary();
  await writer.items();
  await writer.gaps();
  writer.signoff();
  doc.end();
  await finished;
}
