import type ExcelJS from 'exceljs';

/**
 * How the exported workbook prints. Spreadsheet programs do not grow a row for wrapped text that a file
 * did not size, and they print a too-short row's text over the next one; so every row's height is set
 * here from an estimate of its wrapped lines, and the page setup keeps text at its real size.
 */

/**
 * 微軟正黑體 is on every Windows and Office for Mac installation a firm prints from; charset 136 (Big5) tells
 * Excel it is the zh-TW face. Every cell names it, so no row falls back to the workbook's default font.
 */
export const FONT: Partial<ExcelJS.Font> = { name: 'Microsoft JhengHei', size: 10, charset: 136 };
export const BOLD_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true };

/** Line height as a multiple of the font size; Noto Sans TC's is 1.45, 微軟正黑體's 1.32: take the taller. */
const LINE_HEIGHT = 1.45;
/** Space above and below a cell's text, in points. */
const CELL_PADDING = 4;
/** The tallest row a spreadsheet stores (Excel's limit, in points). */
export const MAX_ROW_HEIGHT = 409;

/** A4 landscape, in points, less the margins set below. */
const A4_LANDSCAPE_WIDTH = 841.89;
const A4_LANDSCAPE_HEIGHT = 595.28;
export const MARGINS_INCH = { left: 0.3, right: 0.3, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
export const PRINTABLE_WIDTH = A4_LANDSCAPE_WIDTH - (MARGINS_INCH.left + MARGINS_INCH.right) * 72;
export const PRINTABLE_HEIGHT = A4_LANDSCAPE_HEIGHT - (MARGINS_INCH.top + MARGINS_INCH.bottom) * 72;

/**
 * A column's width in points. Widths are stored in characters of the default font's widest digit
 * (Calibri 11: 7 px); Excel renders `trunc((256·w + trunc(128/7)) / 256 · 7)` pixels, at 0.75 pt a pixel.
 */
export function columnWidthPoints(width: number): number {
  return Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7) * 0.75;
}

/** Width of one character in ems: CJK and full-width forms are square, Latin narrower. */
function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x20) return 0.3;
  if (code < 0x80) return 0.62;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  )
    return 1;
  return 0.7;
}

/** Latin words wrap whole; every CJK character may start a line. */
const TOKENS = /[\u0021-\u007e\u00a0-\u024f]+|\s|./gu;

/** Lines a paragraph takes when wrapped at `width` ems: greedy, as spreadsheet programs wrap. */
function paragraphLines(paragraph: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const token of paragraph.match(TOKENS) ?? []) {
    let size = [...token].reduce((sum, char) => sum + charWidth(char), 0);
    if (used + size <= width) {
      used += size;
      continue;
    }
    if (token === ' ') continue;
    if (used > 0) lines += 1;
    // A word longer than a line breaks anywhere, as the programs do.
    while (size > width) {
      size -= width;
      lines += 1;
    }
    used = size;
  }
  return lines;
}

/** Lines `text` wraps to in a column `widthChars` wide at `fontSize` points. */
export function wrappedLines(text: string, widthChars: number, fontSize = FONT.size!): number {
  // The cell's own inner padding (about 2 px a side) is not available to text.
  const ems = (columnWidthPoints(widthChars) - 4) / fontSize;
  return text.split(/\r?\n/).reduce((sum, paragraph) => sum + paragraphLines(paragraph, ems), 0);
}

/** The row height, in points, that shows every wrapped cell of a row in full, up to the format's limit. */
export function rowHeightFor(cells: ReadonlyArray<{ text: string; widthChars: number }>): number {
  const lines = Math.max(1, ...cells.map((cell) => wrappedLines(cell.text, cell.widthChars)));
  const height = Math.ceil(lines * FONT.size! * LINE_HEIGHT + CELL_PADDING);
  return Math.min(height, MAX_ROW_HEIGHT);
}

/** Print setup shared by the sheets: A4 landscape at full size, footer with sheet name and page. */
export function pageSetup(overrides: Partial<ExcelJS.PageSetup>): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: false,
    scale: 100,
    horizontalCentered: false,
    margins: MARGINS_INCH,
    ...overrides,
  };
}

export const FOOTER: Partial<ExcelJS.HeaderFooter> = { oddFooter: '&L&A&R&P / &N' };

/** Gives every cell of a row the workbook font (bold or not), keeping any colour already set. */
export function applyFont(row: ExcelJS.Row, bold = false) {
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { ...(bold ? BOLD_FONT : FONT), ...(cell.font?.color ? { color: cell.font.color } : {}) };
  });
}

export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
