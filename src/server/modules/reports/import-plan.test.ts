import { describe, expect, it } from 'vitest';
import { type CurrentItem, type ImportedRow, planImport } from './import-plan.js';

const item = (number: number, patch: Partial<CurrentItem> = {}): CurrentItem => ({
  id: `row-${number}`,
  number,
  version: 1,
  result: 'not_assessed',
  explanation: '',
  compensatingControl: '',
  scopedApplicable: true,
  overrideApplicable: false,
  overrideReason: '',
  ...patch,
});
const row = (itemNumber: number | null, patch: Partial<ImportedRow> = {}): ImportedRow => ({
  sheetRow: (itemNumber ?? 0) + 1,
  itemNumber,
  result: '未評',
  explanation: '',
  compensatingControl: '',
  ...patch,
});
const current = [item(1), item(2), item(3, { scopedApplicable: false, result: 'not_applicable' })];
const exported = current.map((c) => ({ itemRowId: c.id, itemNumber: c.number, version: 1 }));
const plan = (rows: ImportedRow[], state: 'draft' | 'in_review' | 'approved' = 'draft', items = current) =>
  planImport({ state, exported, current: items, rows });

describe('planImport', () => {
  it('skips rows equal to what Jianhe holds and accepts labels in either language or codes', () => {
    expect(plan([row(1), row(2), row(3, { result: '不適用' })])).toEqual({ changes: [], errors: [] });
    const { changes, errors } = plan([row(1, { result: 'Compliant' }), row(2, { result: 'compliant' })]);
    expect(errors).toEqual([]);
    expect(changes.map((c) => [c.itemNumber, c.after.result, c.fields])).toEqual([
      [1, 'compliant', ['result']],
      [2, 'compliant', ['result']],
    ]);
  });

  it('reports every bad row with its column, not just the first', () => {
    const { errors } = plan([
      row(1, { result: '大致符合' }),
      row(2, { result: '不符合' }),
      row(3, { result: '符合' }),
      row(99, { result: '符合' }),
      row(null),
    ]);
    expect(errors.map((e) => [e.itemNumber, e.column, e.code])).toEqual([
      [1, 'result', 'IMPORT_INVALID_RESULT'],
      [2, 'compensatingControl', 'COMPENSATING_CONTROL_REQUIRED'],
      [3, 'result', 'ITEM_OUT_OF_SCOPE'],
      [99, 'number', 'IMPORT_UNKNOWN_ITEM'],
      [null, 'number', 'IMPORT_UNKNOWN_ITEM'],
    ]);
  });

  it('flags a duplicated 項次', () => {
    const { errors } = plan([row(1, { explanation: 'a' }), row(1, { explanation: 'b' })]);
    expect(errors).toEqual([{ sheetRow: 2, itemNumber: 1, column: 'number', code: 'IMPORT_DUPLICATE_ITEM' }]);
  });

  it('treats a change to an item edited since the export as a conflict, but not an unchanged row', () => {
    const edited = [item(1, { version: 2, explanation: '線上' }), item(2)];
    expect(plan([row(1, { explanation: '線上' })], 'draft', edited).errors).toEqual([]);
    expect(plan([row(1, { explanation: '離線' })], 'draft', edited).errors).toEqual([
      { sheetRow: 2, itemNumber: 1, column: 'explanation', code: 'IMPORT_ITEM_CHANGED_SINCE_EXPORT' },
    ]);
  });

  it('refuses the whole file once the assessment is in review or approved', () => {
    expect(plan([row(1, { result: '符合' })], 'approved').errors).toEqual([
      { sheetRow: 0, itemNumber: null, column: null, code: 'ASSESSMENT_LOCKED' },
    ]);
    expect(plan([row(1, { result: '符合' })], 'in_review').errors[0]!.code).toBe('ASSESSMENT_NOT_EDITABLE');
  });
});
