import { type AnswerProblem, validateAnswer } from '../assessments/domain/answer-rules.js';
import { type AssessmentResult, parseResult } from '../assessments/domain/results.js';
import type { AssessmentState } from '../assessments/domain/workflow.js';
import type { ColumnKey } from './report-labels.js';

/** One checklist row as read back from a spreadsheet. */
export interface ImportedRow {
  /** Spreadsheet row number, for the error report. */
  sheetRow: number;
  /** 項次 as found in the row, or null when the cell is not a whole number. */
  itemNumber: number | null;
  result: string;
  explanation: string;
  compensatingControl: string;
}

/** What the hidden sheet recorded about each item when the file was exported. */
export interface ExportedItem {
  itemRowId: string;
  itemNumber: number;
  version: number;
}

/** The item as it stands in Jianhe now. */
export interface CurrentItem {
  id: string;
  number: number;
  version: number;
  result: AssessmentResult;
  explanation: string;
  compensatingControl: string;
  scopedApplicable: boolean;
  overrideApplicable: boolean;
  overrideReason: string;
}

export interface ImportError {
  sheetRow: number;
  itemNumber: number | null;
  column: ColumnKey | null;
  code: string;
}

type Answer = Pick<CurrentItem, 'result' | 'explanation' | 'compensatingControl'>;

export interface ImportChange {
  itemRowId: string;
  itemNumber: number;
  expectedVersion: number;
  fields: Array<keyof Answer>;
  before: Answer;
  after: Answer;
}

export interface ImportPlan {
  changes: ImportChange[];
  errors: ImportError[];
}

const PROBLEM_COLUMNS: Record<AnswerProblem['field'], ColumnKey> = {
  result: 'result',
  explanation: 'explanation',
  compensatingControl: 'compensatingControl',
  overrideReason: 'result',
};

/**
 * Decides what an offline-edited checklist would change, reporting every row-level problem. Pure: the
 * caller applies `changes` only when `errors` is empty, so a rejected file changes nothing.
 * Rows whose answer equals Jianhe's are skipped; a row that differs from an item edited in Jianhe since
 * the export is a conflict rather than a silent overwrite.
 */
export function planImport(input: {
  state: AssessmentState;
  exported: readonly ExportedItem[];
  current: readonly CurrentItem[];
  rows: readonly ImportedRow[];
}): ImportPlan {
  if (input.state !== 'draft') {
    const code = input.state === 'approved' ? 'ASSESSMENT_LOCKED' : 'ASSESSMENT_NOT_EDITABLE';
    return { changes: [], errors: [{ sheetRow: 0, itemNumber: null, column: null, code }] };
  }
  const exported = new Map(input.exported.map((e) => [e.itemNumber, e]));
  const current = new Map(input.current.map((c) => [c.id, c]));
  const seen = new Set<number>();
  const changes: ImportChange[] = [];
  const errors: ImportError[] = [];

  for (const row of input.rows) {
    const fail = (column: ColumnKey | null, code: string) =>
      errors.push({ sheetRow: row.sheetRow, itemNumber: row.itemNumber, column, code });
    const record = row.itemNumber === null ? undefined : exported.get(row.itemNumber);
    const item = record ? current.get(record.itemRowId) : undefined;
    if (!record || !item || item.number !== row.itemNumber) {
      fail('number', 'IMPORT_UNKNOWN_ITEM');
      continue;
    }
    if (seen.has(item.number)) {
      fail('number', 'IMPORT_DUPLICATE_ITEM');
      continue;
    }
    seen.add(item.number);

    const result = row.result.trim() === '' ? 'not_assessed' : parseResult(row.result);
    if (!result) {
      fail('result', 'IMPORT_INVALID_RESULT');
      continue;
    }
    const after: Answer = {
      result,
      explanation: row.explanation,
      compensatingControl: row.compensatingControl,
    };
    const fields = (Object.keys(after) as Array<keyof Answer>).filter((f) => after[f] !== item[f]);
    if (fields.length === 0) continue;
    if (item.version !== record.version) {
      fail(fields[0]!, 'IMPORT_ITEM_CHANGED_SINCE_EXPORT');
      continue;
    }
    const problems = validateAnswer({ ...item, ...after });
    for (const problem of problems) fail(PROBLEM_COLUMNS[problem.field], problem.code);
    if (problems.length > 0) continue;
    changes.push({
      itemRowId: item.id,
      itemNumber: item.number,
      expectedVersion: item.version,
      fields,
      before: {
        result: item.result,
        explanation: item.explanation,
        compensatingControl: item.compensatingControl,
      },
      after,
    });
  }
  return { changes: changes.sort((a, b) => a.itemNumber - b.itemNumber), errors };
}
