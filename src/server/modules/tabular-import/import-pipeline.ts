import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { errorMessage } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { type ColumnMapping, detectColumns, type ImportProfile } from './column-mapping.js';
import { REGISTER_IMPORT_LIMITS, readTable, type TableLimits, type TableRow } from './table-reader.js';

/** A problem with one row (or, with `sheetRow` 0, with the file as a whole). */
export interface RowProblem {
  sheetRow: number;
  /** The header the problem is under, as written in the file; null for the row as a whole. */
  column: string | null;
  code: string;
}

export type LocalisedRowProblem = RowProblem & { message: string };

/** One data row, read through the mapping: `text(field)` is the trimmed cell, '' when the column is absent. */
export interface MappedRow<F extends string> {
  sheetRow: number;
  /** The detected source (profile id): vendors word the same fact differently. */
  source: string;
  has(field: F): boolean;
  text(field: F): string;
}

export type RowResult<F extends string, T> =
  | { ok: true; value: T }
  | { ok: false; problems: Array<{ field: F | null; code: string }> };

export interface ParsedRow<T> {
  sheetRow: number;
  value: T;
}

/**
 * What an import supplies: the sources it accepts, how one row becomes a value (pure), and — against the
 * register as it stands, inside the transaction — what the rows would change and how to apply that.
 */
export interface ImportDefinition<F extends string, T, P> {
  profiles: ReadonlyArray<ImportProfile<F>>;
  parseRow(row: MappedRow<F>): RowResult<F, T>;
  /** Reads only. Problems that need the register (a serial number twice, a holder who is not a member). */
  plan(
    t: TenantScope,
    rows: Array<ParsedRow<T>>,
    mapping: ColumnMapping<F>,
  ): Promise<{ plan: P; problems: RowProblem[] }>;
  /** Writes the plan; runs only when there is no problem at all, in the same transaction as `plan`. */
  apply(t: TenantScope, plan: P): Promise<void>;
}

export interface ImportOutcome<P> {
  source: string;
  /** Data rows read (header and title lines excluded). */
  rows: number;
  unmappedHeaders: string[];
  applied: boolean;
  plan: P | null;
  errors: LocalisedRowProblem[];
}

/** Reads every data row below the header through the mapping, collecting each row's problems. */
export function parseRows<F extends string, T>(
  rows: readonly TableRow[],
  mapping: ColumnMapping<F>,
  parseRow: (row: MappedRow<F>) => RowResult<F, T>,
): { parsed: Array<ParsedRow<T>>; problems: RowProblem[] } {
  const parsed: Array<ParsedRow<T>> = [];
  const problems: RowProblem[] = [];
  for (const row of rows.slice(mapping.headerIndex + 1)) {
    const mapped: MappedRow<F> = {
      sheetRow: row.sheetRow,
      source: mapping.profile.id,
      has: (field) => mapping.columns[field] !== undefined,
      text: (field) => {
        const at = mapping.columns[field];
        return at === undefined ? '' : (row.cells[at] ?? '').trim();
      },
    };
    const result = parseRow(mapped);
    if (result.ok) parsed.push({ sheetRow: row.sheetRow, value: result.value });
    else
      for (const problem of result.problems)
        problems.push({
          sheetRow: row.sheetRow,
          column: problem.field === null ? null : (mapping.headerText[problem.field] ?? null),
          code: problem.code,
        });
  }
  return { parsed, problems };
}

const byRow = (a: RowProblem, b: RowProblem) => a.sheetRow - b.sheetRow;

/**
 * The one import pipeline for registers: read (CSV or XLSX under caps) → detect the source by its headers
 * → parse every row (pure) → plan against the register → apply every row or none. Parsing happens before
 * the transaction; planning and applying share one, so the preview a dry run shows is what an apply
 * writes, and any error — in a row, in the plan, or thrown while writing — leaves the register unchanged.
 */
export async function runImport<F extends string, T, P>(
  tenants: Tenants,
  orgId: string,
  input: Buffer,
  definition: ImportDefinition<F, T, P>,
  options: { dryRun: boolean; locale: Locale; source?: string; limits?: TableLimits },
): Promise<ImportOutcome<P>> {
  const table = await readTable(input, options.limits ?? REGISTER_IMPORT_LIMITS);
  const mapping = detectColumns(table, definition.profiles, options.source);
  const { parsed, problems } = parseRows(table, mapping, (row) => definition.parseRow(row));
  const localise = (list: RowProblem[]) =>
    list.sort(byRow).map((p) => ({ ...p, message: errorMessage(p.code, options.locale) }));
  const base = {
    source: mapping.profile.id,
    rows: table.length - mapping.headerIndex - 1,
    unmappedHeaders: mapping.unmapped,
  };
  return tenants.transaction(orgId, async (t) => {
    const planned = await definition.plan(t, parsed, mapping);
    const errors = localise([...problems, ...planned.problems]);
    if (errors.length > 0) return { ...base, applied: false, plan: planned.plan, errors };
    if (!options.dryRun) await definition.apply(t, planned.plan);
    return { ...base, applied: !options.dryRun, plan: planned.plan, errors };
  });
}
