import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Build-time work on the web app's output (dist/web): precompressing hashed assets so the static layer
 * serves them as they are, and checking each route's JavaScript against its budget from the real Vite
 * manifest. Used by the Vite build (src/web/vite.config.ts), `scripts/web-budget.ts` and the tests.
 */

/** Assets worth compressing; images and fonts are compressed formats already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|svg|json|html|txt|map)$/;
/** Below this a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 256;

const BROTLI_OPTIONS = (size: number) => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
    [constants.BROTLI_PARAM_SIZE_HINT]: size,
  },
});

/** Writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside every compressible file in `dir`. */
export function precompressDir(dir: string): { files: number } {
  let files = 0;
  for (const name of readdirSync(dir)) {
    if (!COMPRESSIBLE.test(name)) continue;
    const file = path.join(dir, name);
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const br = brotliCompressSync(raw, BROTLI_OPTIONS(raw.length));
    const gz = gzipSync(raw, { level: 9 });
    // A copy that is not smaller is not written; the server then falls back to the file itself.
    if (br.length < raw.length) writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
    files += 1;
  }
  return { files };
}

/** One chunk as Vite's manifest (build.manifest) describes it. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface RouteBudget {
  /** The client route (or routes) the page serves, for the report. */
  route: string;
  /** Gzipped JavaScript allowed for a first load of this route, in kB (1,000 bytes). */
  maxKb: number;
}

export interface Budgets {
  /** The layout chunk, loaded together with every page except those listed. */
  layout: { chunk: string; except: string[] };
  /** Page module (manifest key, relative to src/web) → its route and budget. */
  pages: Record<string, RouteBudget>;
  /**
   * Lazy chunks that are not pages and not part of any first load (e.g. the organisation picker, shown
   * only to members of several organisations), with the reason. Listed so that none appears unnoticed.
   */
  onDemand: Record<string, string>;
  /**
   * Languages other than the default whose strings load when chosen: language → folder of their lazy
   * chunks (manifest key prefix). A route's size is the largest over its languages.
   */
  languages: Record<string, string>;
}

export interface RouteSize {
  page: string;
  route: string;
  maxKb: number;
  /** Gzipped bytes by language ('default' first); gzipBytes is the largest of these. */
  gzipByLanguage: Record<string, number>;
  /**
   * Every JavaScript file a first visit to the route downloads: the entry, the layout (unless the page
   * stands alone) and the page chunk, each with its static imports.
   */
  files: string[];
  rawBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export const BUDGETS_FILE = fileURLToPath(new URL('../../src/web/budgets.json', import.meta.url));

export function readBudgets(file = BUDGETS_FILE): Budgets {
  return JSON.parse(readFileSync(file, 'utf8')) as Budgets;
}

export function readManifest(webDir: string): Manifest {
  const file = path.join(webDir, '.vite', 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: build the web app with build.manifest`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The chunk `key` and everything it imports statically, transitively (dynamic imports load later). */
function staticClosure(manifest: Manifest, key: string, into: Set<string>): void {
  if (into.has(key)) return;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`the manifest has no chunk "${key}"`);
  into.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
}

/**
 * Sizes as served: the precompressed copies when the build wrote them, otherwise computed with the same
 * settings (gzip level 9, brotli quality 11). Files below the compression threshold count as they are.
 */
function fileSizes(file: string) {
  const raw = readFileSync(file);
  const compressed = (suffix: string, compress: (input: Buffer) => Buffer) => {
    if (existsSync(`${file}${suffix}`)) return readFileSync(`${file}${suffix}`).length;
    return raw.length < MIN_BYTES ? raw.length : Math.min(raw.length, compress(raw).length);
  };
  return {
    raw: raw.length,
    gzip: compressed('.gz', (input) => gzipSync(input, { level: 9 })),
    brotli: compressed('.br', (input) => brotliCompressSync(input, BROTLI_OPTIONS(input.length))),
  };
}

/**
 * Each page's first-load JavaScript from the real manifest. Every lazily loaded page must have a budget,
 * and every budget must name a page the build produced, so a new or renamed page cannot slip past.
 */
export function measureRoutes(webDir: string, budgets: Budgets): RouteSize[] {
  const manifest = readManifest(webDir);
  const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);
  const [entryKey] = entries[0]!;
  const pages = Object.keys(manifest).filter((key) => manifest[key]!.isDynamicEntry);
  const onDemand = new Set(Object.keys(budgets.onDemand));
  const languageChunks = Object.entries(budgets.languages).map(
    ([language, prefix]) => [language, pages.filter((key) => key.startsWith(prefix))] as const,
  );
  const lazyStrings = new Set(languageChunks.flatMap(([, keys]) => keys));
  for (const [language, keys] of languageChunks)
    if (keys.length === 0)
      throw new Error(`no lazily loaded strings for language "${language}" in the manifest`);
  const accounted = (key: string) =>
    budgets.pages[key] || onDemand.has(key) || lazyStrings.has(key) || key === budgets.layout.chunk;
  const unbudgeted = pages.filter((key) => !accounted(key));
  if (unbudgeted.length > 0)
    throw new Error(`pages without a budget in src/web/budgets.json: ${unbudgeted.join(', ')}`);
  const stale = [...Object.keys(budgets.pages), ...onDemand, budgets.layout.chunk].filter(
    (key) => !manifest[key]?.isDynamicEntry,
  );
  if (stale.length > 0)
    throw new Error(`budgets name pages the build did not split out: ${stale.join(', ')}`);

  const gzipOf = (keys: Iterable<string>) => {
    let total = 0;
    for (const file of jsFiles(manifest, keys)) total += fileSizes(path.join(webDir, file)).gzip;
    return total;
  };
  return Object.keys(budgets.pages).map((page) => {
    const keys = new Set<string>();
    staticClosure(manifest, entryKey, keys);
    staticClosure(manifest, page, keys);
    if (!budgets.layout.except.includes(page)) staticClosure(manifest, budgets.layout.chunk, keys);
    const files = jsFiles(manifest, keys);
    const totals = { raw: 0, gzip: 0, brotli: 0 };
    for (const file of files) {
      const sizes = fileSizes(path.join(webDir, file));
      totals.raw += sizes.raw;
      totals.gzip += sizes.gzip;
      totals.brotli += sizes.brotli;
    }
    const gzipByLanguage: Record<string, number> = { default: totals.gzip };
    for (const [language, chunks] of languageChunks) {
      const withStrings = new Set(keys);
      for (const chunk of chunks) staticClosure(manifest, chunk, withStrings);
      gzipByLanguage[language] = gzipOf(withStrings);
    }
    const { route, maxKb } = budgets.pages[page]!;
    return {
      page,
      route,
      maxKb,
      gzipByLanguage,
      files,
      rawBytes: totals.raw,
      gzipBytes: Math.max(...Object.values(gzipByLanguage)),
      brotliBytes: totals.brotli,
    };
  });
}

function jsFiles(manifest: Manifest, keys: Iterable<string>): string[] {
  return [...keys].map((key) => manifest[key]!.file).filter((file) => /\.m?js$/.test(file));
}

/** Routes over their budget, as one line each (empty when all fit). */
export function budgetViolations(sizes: RouteSize[]): string[] {
  return sizes
    .filter((size) => size.gzipBytes > size.maxKb * 1000)
    .map(
      (size) =>
        `${size.route} (${size.page}): ${(size.gzipBytes / 1000).toFixed(1)} kB gzipped > budget ${size.maxKb} kB`,
    );
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** A Markdown table for docs/benchmarks.md, largest first. */
export function formatSizeTable(sizes: RouteSize[]): string {
  const languages = Object.keys(sizes[0]?.gzipByLanguage ?? {}).filter((l) => l !== 'default');
  const rows = [...sizes]
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .map((s) =>
      [
        `\`${s.route}\``,
        kb(s.rawBytes),
        kb(s.gzipByLanguage.default!),
        ...languages.map((l) => kb(s.gzipByLanguage[l]!)),
        kb(s.brotliBytes),
        String(s.maxKb),
        String(s.files.length),
      ].join(' | '),
    )
    .map((row) => `| ${row} |`);
  const head = [
    'Route',
    'JS raw (kB)',
    'JS gzip (kB)',
    ...languages.map((l) => `gzip with ${l} strings (kB)`),
    'JS brotli (kB)',
    'Budget gzip (kB)',
    'Files',
  ];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows].join('\n');
}
