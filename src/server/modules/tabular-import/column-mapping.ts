import { AppError } from '../../platform/errors.js';
import type { TableRow } from './table-reader.js';

export interface ColumnSpec {
  /** Header texts this column goes by, in any of the source's languages. Compared normalised. */
  headers: readonly string[];
  required?: boolean;
}

/** One kind of file an import accepts: a vendor's export, or Jianhe's own template. */
export interface ImportProfile<F extends string> {
  id: string;
  /**
   * Sets of headers that identify the source: the file must hold every header of at least one set
   * (one set per language the vendor exports in). Distinctive ones: Intune's "Managed by", Jamf's
   * "Mobile Device ID". The profile listed first wins a tie.
   */
  signature: ReadonlyArray<readonly string[]>;
  columns: Readonly<Record<F, ColumnSpec>>;
}

export interface ColumnMapping<F extends string> {
  profile: ImportProfile<F>;
  /** Index into the rows of the header row (title lines above it are skipped). */
  headerIndex: number;
  /** Cell index of each mapped field. */
  columns: Partial<Record<F, number>>;
  /** The header text each mapped field was found under, for error reports. */
  headerText: Partial<Record<F, string>>;
  /** Headers in the file that no field uses (shown in the preview, never an error). */
  unmapped: string[];
}

/** Case, width (full-width letters from zh-TW keyboards), spacing and punctuation do not matter. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-./()（）:：]+/g, ' ')
    .trim();
}

const HEADER_SCAN_ROWS = 10;

function mapHeader<F extends string>(
  profile: ImportProfile<F>,
  header: readonly string[],
): { columns: Partial<Record<F, number>>; headerText: Partial<Record<F, string>>; used: Set<number> } {
  const index = new Map<string, number>();
  header.forEach((text, i) => {
    const key = normaliseHeader(text);
    if (key && !index.has(key)) index.set(key, i);
  });
  const columns: Partial<Record<F, number>> = {};
  const headerText: Partial<Record<F, string>> = {};
  const used = new Set<number>();
  for (const field of Object.keys(profile.columns) as F[]) {
    for (const candidate of profile.columns[field].headers) {
      const at = index.get(normaliseHeader(candidate));
      if (at !== undefined && !used.has(at)) {
        columns[field] = at;
        headerText[field] = header[at]!.trim();
        used.add(at);
        break;
      }
    }
  }
  return { columns, headerText, used };
}

function matches(profile: ImportProfile<string>, header: readonly string[]): boolean {
  const present = new Set(header.map(normaliseHeader));
  return profile.signature.some((set) => set.every((h) => present.has(normaliseHeader(h))));
}

/**
 * Finds the header row (within the first rows) and the source it belongs to, and maps each field to its
 * cell. With `forced`, only that profile is tried. A file whose headers fit no profile, or that lacks a
 * required column, is refused as a whole (422) before any row is read.
 */
export function detectColumns<F extends string>(
  rows: readonly TableRow[],
  profiles: ReadonlyArray<ImportProfile<F>>,
  forced?: string,
): ColumnMapping<F> {
  const candidates = forced ? profiles.filter((p) => p.id === forced) : profiles;
  if (candidates.length === 0) throw new AppError(400, 'TABLE_SOURCE_UNKNOWN', { source: forced ?? null });
  let best: (ColumnMapping<F> & { score: number }) | undefined;
  rows.slice(0, HEADER_SCAN_ROWS).forEach((row, headerIndex) => {
    for (const profile of candidates) {
      if (!forced && !matches(profile, row.cells)) continue;
      const { columns, headerText, used } = mapHeader(profile, row.cells);
      const score = Object.keys(columns).length;
      if (score === 0 || (best && best.score >= score)) continue;
      const unmapped = row.cells.filter((c, i) => c.trim() !== '' && !used.has(i)).map((c) => c.trim());
      best = { profile, headerIndex, columns, headerText, unmapped, score };
    }
  });
  if (!best) throw new AppError(422, 'TABLE_SOURCE_UNRECOGNISED', { tried: candidates.map((p) => p.id) });
  const missing = (Object.keys(best.profile.columns) as F[]).filter(
    (field) => best!.profile.columns[field].required && best!.columns[field] === undefined,
  );
  if (missing.length > 0)
    throw new AppError(422, 'TABLE_COLUMNS_MISSING', {
      source: best.profile.id,
      missing: missing.map((f) => best!.profile.columns[f].headers[0]),
    });
  const { score: _score, ...mapping } = best;
  return mapping;
}
