import type { ColumnKey } from './report-labels.js';

/**
 * The checklist sheet's columns, in order. Export writes them and import reads them by position, after
 * checking the header row still matches, so a department may sort or filter rows but not move columns.
 */
export const CHECKLIST_COLUMNS: ReadonlyArray<{ key: ColumnKey; width: number; editable: boolean }> = [
  { key: 'number', width: 7, editable: false },
  { key: 'chapter', width: 7, editable: false },
  { key: 'sectionName', width: 22, editable: false },
  { key: 'question', width: 60, editable: false },
  { key: 'applicable', width: 8, editable: false },
  { key: 'result', width: 12, editable: true },
  { key: 'explanation', width: 45, editable: true },
  { key: 'compensatingControl', width: 40, editable: true },
  { key: 'evidence', width: 36, editable: false },
  { key: 'assignee', width: 12, editable: false },
  { key: 'updatedAt', width: 20, editable: false },
];

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
