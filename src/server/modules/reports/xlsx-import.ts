import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.js';
import { cellText, restoreNeutralised } from '../tabular-import/cell-text.js';
import type { ExportedItem, ImportedRow } from './import-plan.js';
import { COLUMN_LABELS } from './report-labels.js';
import {
  CHECKLIST_COLUMNS,
  columnIndex,
  META_FIRST_ITEM_ROW,
  META_MARKER,
  META_SHEET,
} from './xlsx-layout.js';
import { unpackChecklist } from './zip-guard.js';

export interface ImportedWorkbook {
  assessmentId: string;
  exported: ExportedItem[];
  rows: ImportedRow[];
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/**
 * Reads a checklist exported by Jianhe and edited offline. File-level problems (not a workbook, not a
 * Jianhe export, columns moved) are thrown as 422; row-level problems are left to `planImport`.
 */
export async function readAssessmentWorkbook(input: Buffer): Promise<ImportedWorkbook> {
  // exceljs only ever sees bytes that were inflated under the caps (zip-guard.ts).
  const unpacked = await unpackChecklist(input);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(unpacked as unknown as ArrayBuffer);
  } catch {
    throw new AppError(422, 'IMPORT_NOT_XLSX');
  }
  const meta = workbook.getWorksheet(META_SHEET);
  if (!meta || cellText(meta.getCell('A1').value) !== META_MARKER)
    throw new AppError(422, 'IMPORT_NOT_A_JIANHE_EXPORT');
  const sheet = workbook.worksheets.find((ws) => ws.name !== META_SHEET);
  if (!sheet) throw new AppError(422, 'IMPORT_NOT_A_JIANHE_EXPORT');

  const header = sheet.getRow(1);
  CHECKLIST_COLUMNS.forEach((column, index) => {
    const text = cellText(header.getCell(index + 1).value).trim();
    const labels = COLUMN_LABELS[column.key];
    if (text !== labels['zh-TW'] && text !== labels.en) throw new AppError(422, 'IMPORT_LAYOUT_CHANGED');
  });

  const exported: ExportedItem[] = [];
  for (let r = META_FIRST_ITEM_ROW; r <= meta.rowCount; r += 1) {
    const row = meta.getRow(r);
    const itemRowId = cellText(row.getCell(1).value);
    const itemNumber = Number(cellText(row.getCell(2).value));
    const version = Number(cellText(row.getCell(3).value));
    if (itemRowId && Number.isInteger(itemNumber) && Number.isInteger(version))
      exported.push({ itemRowId, itemNumber, version });
  }

  const text = (row: ExcelJS.Row, key: Parameters<typeof columnIndex>[0]) =>
    restoreNeutralised(cellText(row.getCell(columnIndex(key)).value));
  const rows: ImportedRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    rows.push({
      sheetRow: r,
      itemNumber: wholeNumber(cellText(row.getCell(columnIndex('number')).value)),
      result: text(row, 'result'),
      explanation: text(row, 'explanation'),
      compensatingControl: text(row, 'compensatingControl'),
    });
  }
  return { assessmentId: cellText(meta.getCell('B2').value), exported, rows };
}
