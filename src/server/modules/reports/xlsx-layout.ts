import type { ColumnKey } from './report-labels.js';

/**
 * The checklist sheet's columns, in order. Export writes them and import reads them by position, after
 * checking the header row still matches, so a department may sort or filter rows but not move columns.
 */
export const CHECKLIST_COLUMNS: ReadonlyArray<{ key: ColumnKey; width: number; editable: boolean }> = [
  // Printed page 1 (A–G): the item, its question and the answer side by side. 141 characters are 740 pt
  // in Excel (7 px a character) and 786 pt in LibreOffice (7.43 px), both within A4 landscape's 798.
  { key: 'number', width: 5, editable: false },
  { key: 'chapter', width: 5, editable: false },
  { key: 'sectionName', width: 20, editable: false },
  { key: 'question', width: 48, editable: false },
  { key: 'applicable', width: 5, editable: false },
  { key: 'result', width: 10, editable: true },
  { key: 'explanation', width: 48, editable: true },
  // Printed page 2 (項次 repeated, then H–K, 141 characters again): controls, evidence, owner and time.
  { key: 'compensatingControl', width: 54, editable: true },
  { key: 'evidence', width: 46, editable: false },
  { key: 'assignee', width: 12, editable: false },
  { key: 'updatedAt', width: 24, editable: false },
];

/** The checklist prints two pages across: columns up to this key on the first, the rest on the second. */
export const FIRST_PAGE_LAST_COLUMN: ColumnKey = 'explanation';

/** 1-based column index of a key in the checklist sheet. */
export const columnIndex = (key: ColumnKey) => CHECKLIST_COLUMNS.findIndex((c) => c.key === key) + 1;

/**
 * The hidden sheet that ties a file back to its assessment. Row 1 holds the marker and layout version;
 * rows 2–5 the assessment, organisation, catalog and export time; from row 7, one row per item:
 * item row id, 項次, and the item's version at export (the optimistic-concurrency check on import).
 */
export const META_SHEET = '_jianhe';
export const META_MARKER = 'jianhe-checklist-export';
export const META_LAYOUT_VERSION = 1;
export const META_FIRST_ITEM_ROW = 7;
