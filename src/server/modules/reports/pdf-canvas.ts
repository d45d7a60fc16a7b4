import type { Locale } from '../../platform/i18n.js';
import { INK, MARGIN, MUTED } from './pdf-style.js';
import { TEXT, taipeiTime } from './report-labels.js';
import type { AssessmentReport } from './report-model.js';

export type Doc = PDFKit.PDFDocument;
export type FontName = 'regular' | 'bold';

/** Table cells hold at most this much text; the XLSX export carries the full answers. */
export const CELL_TEXT_LIMIT = 1_200;

/** `text` cut at the cell limit, with a note saying how long the full text is and where to read it. */
export function clip(text: string, locale: Locale): string {
  if (text.length <= CELL_TEXT_LIMIT) return text;
  const note = TEXT.truncated[locale]
    .replace('{limit}', CELL_TEXT_LIMIT.toLocaleString('en'))
    .replace('{n}', text.length.toLocaleString('en'));
  return `${text.slice(0, CELL_TEXT_LIMIT)}…\n${note}`;
}

const words = new Intl.Segmenter('zh-TW', { granularity: 'word' });

/**
 * Pre-wraps `text` to `width` at word boundaries, so a label such as 「雲端運算服務運作安全」 breaks between
 * 運作 and 安全, never inside a word (pdfkit would break between any two CJK characters). The current
 * font and size of `doc` are used to measure.
 */
export function wrapAtWords(doc: Doc, text: string, width: number): string {
  // pdfkit measures a line together with the line break that ends it, so leave room for one.
  const room = width - doc.widthOfString('\n');
  return text
    .split('\n')
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const { segment } of words.segment(paragraph)) {
        const candidate = line + segment;
        if (line !== '' && doc.widthOfString(candidate.trimEnd()) > room) {
          lines.push(line.trimEnd());
          line = segment.trimStart();
        } else line = candidate;
      }
      lines.push(line.trimEnd());
      return lines.join('\n');
    })
    .join('\n');
}

/**
 * Page bookkeeping shared by the report's sections: the text width, the bottom of the writable area, a
 * footer on every page, and explicit page breaks. Sections measure what they draw and break pages
 * themselves, so pdfkit never breaks a page in the middle of a text call (which would print the rest
 * of a row on the next page, away from its row).
 */
export class Canvas {
  private pageNumber = 0;

  constructor(
    readonly doc: Doc,
    readonly report: AssessmentReport,
    readonly locale: Locale,
  ) {
    doc.on('pageAdded', () => this.footer());
  }

  get width() {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }
  get bottom() {
    return this.doc.page.height - MARGIN.bottom;
  }
  t(key: keyof typeof TEXT) {
    return TEXT[key][this.locale];
  }

  /** Starts a new page unless `height` more points fit on this one. Returns whether it did. */
  ensure(height: number): boolean {
    if (this.doc.y + height <= this.bottom) return false;
    this.doc.addPage();
    return true;
  }

  /** Measured height of `text` in `font` at `size`, `width` wide. */
  measure(text: string, font: FontName, size: number, width: number): number {
    return this.doc.font(font).fontSize(size).heightOfString(text, { width });
  }

  /** A section heading, kept on the same page as at least `following` points of what comes after it. */
  heading(text: string, following = 40) {
    const { doc } = this;
    const height = this.measure(text, 'bold', 15, this.width);
    this.ensure(height + following);
    doc.font('bold').fontSize(15).fillColor(INK).text(text, MARGIN.left, doc.y, { width: this.width });
    doc.moveDown(0.5);
  }

  /** Page number and generation time on every page, drawn in the bottom margin. */
  private footer() {
    const { doc, report } = this;
    this.pageNumber += 1;
    const { x, y } = doc;
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const line = doc.page.height - 32;
    doc.font('regular').fontSize(8).fillColor(MUTED);
    const page = this.t('page').replace('{n}', String(this.pageNumber));
    const room = this.width - doc.widthOfString(page) - 16;
    let left = `${report.organization.name} · ${report.assessment.name} · ${this.t('generatedAt')} ${taipeiTime(report.generatedAt)}`;
    // One line only: a long organisation or assessment name is shortened, never run into the page number.
    while (left.length > 1 && doc.widthOfString(left) > room) left = `${left.slice(0, -2)}…`;
    doc.text(left, MARGIN.left, line, { width: room, lineBreak: false });
    doc.text(page, MARGIN.left, line, { width: this.width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = savedBottom;
    doc.x = x;
    doc.y = y;
    doc.fillColor(INK);
  }
}
