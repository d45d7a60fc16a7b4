import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { ZipLimits } from '../../platform/bounded-unzip.js';
import { AppError } from '../../platform/errors.js';
import { cellText } from './cell-text.js';
import './tabular-import.errors.js';
import { unpackWorkbook } from './workbook-unpack.js';

/** One row of a spreadsheet or CSV file: its cells as text and its row number in the file (1-based). */
export interface TableRow {
  sheetRow: number;
  cells: string[];
}

export type TableFormat = 'csv' | 'xlsx';

export interface TableLimits {
  /** Largest file read at all. */
  maxFileBytes: number;
  /** Most data rows accepted; a larger file is refused before any row is checked. */
  maxRows: number;
  /** Caps on the inflated XLSX parts. */
  unpacked: ZipLimits;
}

const MiB = 1024 * 1024;

/**
 * Caps for register imports. A 50,000-device MDM export with 40 columns is about 25 MB as CSV and
 * unpacks to about 60 MB as XLSX; these leave room for twice that and nothing like a zip bomb.
 */
export const REGISTER_IMPORT_LIMITS: TableLimits = {
  maxFileBytes: 60 * MiB,
  maxRows: 100_000,
  unpacked: { maxEntries: 200, maxEntryBytes: 160 * MiB, maxTotalBytes: 200 * MiB },
};

const isZip = (input: Buffer) =>
  input.length >= 4 && input[0] === 0x50 && input[1] === 0x4b && input[2] === 0x03 && input[3] === 0x04;

/** The file's format by its content, never its name: an XLSX is a ZIP package, anything else is read as CSV. */
export function sniffTableFormat(input: Buffer): TableFormat {
  return isZip(input) ? 'xlsx' : 'csv';
}

function decodeText(input: Buffer): string {
  // Excel on zh-TW Windows saves "Unicode text" as UTF-16LE with a BOM; MDM consoles export UTF-8.
  if (input.length >= 2 && input[0] === 0xff && input[1] === 0xfe)
    return input.subarray(2).toString('utf16le');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(input).replace(/^\uFEFF/, '');
  } catch {
    throw new AppError(422, 'TABLE_NOT_UTF8');
  }
}

function parseCsv(input: Buffer, limits: TableLimits): TableRow[] {
  const text = decodeText(input);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Some exports (Excel in European locales, a few MDM consoles) separate with semicolons or tabs.
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  let records: string[][];
  try {
    // Empty lines are kept while parsing so a row's number is the one Excel shows for the same file.
    records = parse(text, { delimiter, relax_column_count: true, to: limits.maxRows + 2 }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError(422, 'TABLE_CSV_MALFORMED', { line: line ?? null });
  }
  const rows: TableRow[] = [];
  records.forEach((cells, index) => {
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ sheetRow: index + 1, cells });
  });
  return rows;
}

async function parseXlsx(input: Buffer, limits: TableLimits): Promise<TableRow[]> {
  const unpacked = await unpackWorkbook(input, limits.unpacked, {
    tooLarge: 'TABLE_TOO_LARGE',
    unreadable: 'TABLE_NOT_READABLE',
  });
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(unpacked as unknown as ArrayBuffer);
  } catch {
    throw new AppError(422, 'TABLE_NOT_READABLE');
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw new AppError(422, 'TABLE_EMPTY');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, sheetRow) => {
    if (rows.length > limits.maxRows + 1) return;
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let c = 1; c < values.length; c += 1) cells.push(cellText(values[c] ?? null));
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ sheetRow, cells });
  });
  return rows;
}

/**
 * Reads a CSV (csv-parse; UTF-8 with or without BOM, or UTF-16LE) or the first visible sheet of an XLSX
 * (exceljs, only ever over bytes inflated under the caps) into rows of text. Empty rows are skipped;
 * nothing is interpreted yet. File-level problems are 4xx AppErrors.
 */
export async function readTable(
  input: Buffer,
  limits: TableLimits = REGISTER_IMPORT_LIMITS,
): Promise<TableRow[]> {
  if (input.length > limits.maxFileBytes)
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxBytes: limits.maxFileBytes });
  if (input.length === 0) throw new AppError(422, 'TABLE_EMPTY');
  const rows = sniffTableFormat(input) === 'xlsx' ? await parseXlsx(input, limits) : parseCsv(input, limits);
  if (rows.length === 0) throw new AppError(422, 'TABLE_EMPTY');
  // One header row plus at most maxRows data rows (title lines above the header are rare and short).
  if (rows.length > limits.maxRows + 1)
    throw new AppError(413, 'TABLE_TOO_MANY_ROWS', { maxRows: limits.maxRows });
  return rows;
}
