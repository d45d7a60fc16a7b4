import type { Canvas, FontName } from './pdf-canvas.js';
import { wrapAtWords } from './pdf-canvas.js';
import { HEADER_FILL, INK, MARGIN, RULE } from './pdf-style.js';

export interface TableColumn {
  label: string;
  width: number;
  /** Break only between words (labels and names); other columns wrap as pdfkit does for running text. */
  words?: boolean;
}

export interface TableCell {
  text: string;
  color?: string;
  font?: FontName;
}

const PAD = 3;

/**
 * A table whose rows are as tall as their tallest measured cell, drawn with explicit positions: a row that
 * does not fit goes to the next page whole, under a repeated header, so no cell ever prints over another.
 */
export class Table {
  constructor(
    private readonly canvas: Canvas,
    private readonly columns: TableColumn[],
    private readonly fontSize = 8.5,
  ) {}

  /** Column widths that fill the page: the given ones, and the rest for the column marked `width: 0`. */
  static fill(canvas: Canvas, columns: TableColumn[]): TableColumn[] {
    const fixed = columns.reduce((sum, c) => sum + c.width, 0);
    return columns.map((c) => (c.width === 0 ? { ...c, width: canvas.width - fixed } : c));
  }

  header() {
    this.draw(
      this.columns.map((c) => ({ text: c.label, font: 'bold' as const })),
      true,
    );
  }

  row(cells: TableCell[]) {
    this.draw(cells, false);
  }

  private layout(cells: TableCell[]) {
    const { canvas } = this;
    const texts = cells.map((cell, i) => {
      const column = this.columns[i]!;
      canvas.doc.font(cell.font ?? 'regular').fontSize(this.fontSize);
      return column.words ? wrapAtWords(canvas.doc, cell.text, column.width - 2 * PAD) : cell.text;
    });
    const height =
      Math.max(
        ...texts.map((text, i) =>
          canvas.measure(text, cells[i]!.font ?? 'regular', this.fontSize, this.columns[i]!.width - 2 * PAD),
        ),
      ) +
      2 * PAD;
    return { texts, height };
  }

  private draw(cells: TableCell[], header: boolean) {
    const { canvas } = this;
    const { doc } = canvas;
    let { texts, height } = this.layout(cells);
    if (canvas.ensure(height) && !header) {
      this.header();
      ({ texts, height } = this.layout(cells));
    }
    const top = doc.y;
    if (header) doc.rect(MARGIN.left, top, canvas.width, height).fill(HEADER_FILL);
    let x = MARGIN.left;
    texts.forEach((text, i) => {
      const width = this.columns[i]!.width;
      doc
        .font(cells[i]!.font ?? 'regular')
        .fontSize(this.fontSize)
        .fillColor(cells[i]!.color ?? INK)
        .text(text, x + PAD, top + PAD, { width: width - 2 * PAD });
      x += width;
    });
    doc
      .moveTo(MARGIN.left, top + height)
      .lineTo(MARGIN.left + canvas.width, top + height)
      .lineWidth(0.5)
      .stroke(RULE);
    doc.fillColor(INK);
    doc.x = MARGIN.left;
    doc.y = top + height;
  }
}
