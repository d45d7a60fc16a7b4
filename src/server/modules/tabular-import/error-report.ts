import { errorMessage } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { toCsv } from '../../platform/spreadsheet-safety.js';
import type { RowProblem } from './import-pipeline.js';

const HEADINGS = {
  'zh-TW': ['列', '欄位', '錯誤代碼', '說明'],
  en: ['Row', 'Column', 'Code', 'Message'],
} as const;

/**
 * The row-level error report of a rejected import (UTF-8 CSV with BOM, formula cells neutralised like
 * every export). Cell values are left out: they may be personal data (IMEI, names), and the person who
 * uploaded the file has it.
 */
export function rowProblemsCsv(problems: readonly RowProblem[], locale: Locale): string {
  return toCsv([
    [...HEADINGS[locale]],
    ...problems.map((p) => [p.sheetRow || '', p.column ?? '', p.code, errorMessage(p.code, locale)]),
  ]);
}
