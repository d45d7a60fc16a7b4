import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

/**
 * Reads generated PDFs in tests with pdf.js (Mozilla's reader, pure JavaScript), so the suite needs no
 * system tools. Positions are in PDF points with the origin at the page's top-left corner, as a reader
 * looks at the page: `y` is the top of the text box and grows downwards.
 */
export interface PdfTextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Rendered font size in points (the scale of the text matrix). */
  fontSize: number;
  /** Baseline, from the top of the page. */
  baseline: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  /** The page's text in reading order: items on one baseline joined, lines separated by \n. */
  text: string;
  items: PdfTextItem[];
}

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const asDirUrl = (dir: string) => `${pathToFileURL(path.join(pdfjsRoot, dir)).href}/`;

/** Items whose baselines are this close (in points) print on one line. */
const SAME_LINE = 2;

function toItem(item: TextItem, pageHeight: number): PdfTextItem {
  const [a, b, , , e, f] = item.transform as number[];
  const fontSize = Math.hypot(a!, b!);
  const height = item.height || fontSize;
  const baseline = pageHeight - f!;
  return { text: item.str, x: e!, y: baseline - height, width: item.width, height, fontSize, baseline };
}

function lineText(items: PdfTextItem[]): string {
  const sorted = [...items].sort((p, q) => p.baseline - q.baseline || p.x - q.x);
  const lines: PdfTextItem[][] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.baseline - item.baseline) <= SAME_LINE) line.push(item);
    else lines.push([item]);
  }
  return lines
    .map((line) =>
      line
        .sort((p, q) => p.x - q.x)
        .map((item) => item.text)
        .join(' '),
    )
    .join('\n');
}

/** Every page of a PDF, with its text and its positioned text items (empty items dropped). */
export async function readPdf(content: Uint8Array): Promise<PdfPage[]> {
  const document = await getDocument({
    data: new Uint8Array(content),
    cMapUrl: asDirUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: asDirUrl('standard_fonts'),
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const [, , width, height] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items = content.items
        .filter((item): item is TextItem => 'str' in item && item.str.trim() !== '')
        .map((item) => toItem(item, height));
      pages.push({ number, width, height, text: lineText(items), items });
      page.cleanup();
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** All pages' text, pages separated by form feeds (as pdftotext does). */
export const pdfText = (pages: PdfPage[]) => pages.map((page) => page.text).join('\f');

/** Text with every kind of white space removed, for matching text a layout may wrap anywhere. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');

export interface Overlap {
  page: number;
  first: PdfTextItem;
  second: PdfTextItem;
}

/**
 * Pairs of text boxes on one page that overlap by more than `tolerance` points in both directions.
 * A box spans the item's advance width and its font size above the baseline; glyphs of one line touch
 * (so pdf.js's own split of a line into runs is not an overlap), but two lines printed over each other,
 * or a wrapped cell running into the next row, are.
 */
export function findOverlaps(pages: PdfPage[], tolerance = 0.5): Overlap[] {
  const overlaps: Overlap[] = [];
  for (const page of pages) {
    const boxes = page.items.map((item) => ({
      item,
      left: item.x,
      right: item.x + item.width,
      top: item.baseline - item.fontSize * 0.88,
      bottom: item.baseline + item.fontSize * 0.12,
    }));
    boxes.sort((p, q) => p.top - q.top);
    for (let i = 0; i < boxes.length; i += 1) {
      const a = boxes[i]!;
      for (let j = i + 1; j < boxes.length && boxes[j]!.top < a.bottom - tolerance; j += 1) {
        const b = boxes[j]!;
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > tolerance && dy > tolerance)
          overlaps.push({ page: page.number, first: a.item, second: b.item });
      }
    }
  }
  return overlaps;
}

/** Human-readable lines for an overlap list, for assertion messages. */
export const describeOverlaps = (overlaps: Overlap[]) =>
  overlaps
    .slice(0, 5)
    .map(
      ({ page, first, second }) =>
        `p${page}: "${first.text.slice(0, 20)}" @(${first.x.toFixed(0)},${first.baseline.toFixed(0)}) × "${second.text.slice(0, 20)}" @(${second.x.toFixed(0)},${second.baseline.toFixed(0)})`,
    )
    .join('; ');

/** Whether a program is on PATH, for checks that use an extra only when it is present. */
export function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * poppler's pdftotext, as an optional second reader: the text it extracts, or null when it is not installed.
 * Tests never depend on it; where present it cross-checks what pdf.js read.
 */
export function pdftotextIfPresent(content: Uint8Array): string | null {
  if (!hasProgram('pdftotext')) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'jianhe-pdftotext-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, content);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the items that start between `left` and `right` on a page, in reading order. */
export function textBetween(page: PdfPage, left: number, right: number): string {
  return lineText(page.items.filter((item) => item.x >= left && item.x < right));
}
