import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Budgets,
  budgetViolations,
  measureRoutes,
  type RouteSize,
  readBudgets,
  readManifest,
} from './web-assets.js';

const CONFIG = path.resolve(import.meta.dirname, '../../src/web/vite.config.ts');
const SIGN_IN = 'src/pages/identity/LoginPage.tsx';
const QUESTIONNAIRE = 'src/pages/questionnaire/QuestionnaireLinkPage.tsx';
const DASHBOARD = 'src/pages/assessments/AssessmentDashboardPage.tsx';

// One real production build of the web app (with the project's Vite config and its budget plugin) into a
// temporary folder; every test reads its manifest and files.
describe('the web build: route budgets and precompressed assets', () => {
  let outDir: string;
  let budgets: Budgets;
  let sizes: RouteSize[];
  const sizeOf = (page: string) => sizes.find((s) => s.page === page)!;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'jianhe-web-build-'));
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: CONFIG, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    budgets = readBudgets();
    sizes = measureRoutes(outDir, budgets);
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('keeps the sign-in page and the questionnaire within 150 kB of gzipped JavaScript, in both languages', () => {
    for (const page of [SIGN_IN, QUESTIONNAIRE]) {
      const size = sizeOf(page);
      expect(size.maxKb).toBe(150);
      expect(size.gzipByLanguage.default).toBeLessThanOrEqual(150_000);
      expect(size.gzipByLanguage.en).toBeLessThanOrEqual(150_000);
    }
  });

  it('keeps every route within 300 kB and within its own budget', () => {
    expect(sizes.map((s) => s.page).sort()).toEqual(Object.keys(budgets.pages).sort());
    for (const size of sizes) {
      expect(size.maxKb).toBeLessThanOrEqual(300);
      expect(size.gzipBytes, size.route).toBeLessThanOrEqual(size.maxKb * 1000);
    }
    expect(budgetViolations(sizes)).toEqual([]);
  });

  it('loads the chart library only on the dashboard', () => {
    const chartFiles = readdirSync(path.join(outDir, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .filter((name) => readFileSync(path.join(outDir, 'assets', name), 'utf8').includes('recharts-'))
      .map((name) => `assets/${name}`);
    expect(chartFiles.length).toBeGreaterThan(0);
    for (const size of sizes) {
      const withCharts = size.files.some((file) => chartFiles.includes(file));
      expect(withCharts, size.route).toBe(size.page === DASHBOARD);
    }
  });

  it('counts the entry, the layout and the page chunk with their static imports', () => {
    const manifest = readManifest(outDir);
    const entry = Object.values(manifest).find((chunk) => chunk.isEntry)!;
    const signIn = sizeOf(SIGN_IN);
    expect(signIn.files).toContain(entry.file);
    expect(signIn.files).toContain(manifest[SIGN_IN]!.file);
    expect(signIn.files).toContain(manifest[budgets.layout.chunk]!.file);
    for (const imported of manifest[SIGN_IN]!.imports ?? [])
      expect(signIn.files).toContain(manifest[imported]!.file);
    // The questionnaire stands alone: no layout, and none of the sign-in page's own code.
    expect(sizeOf(QUESTIONNAIRE).files).not.toContain(manifest[budgets.layout.chunk]!.file);
    expect(sizeOf(QUESTIONNAIRE).files).not.toContain(manifest[SIGN_IN]!.file);
  });

  it('reports a route over its budget, by route and size', () => {
    const tight: Budgets = {
      ...budgets,
      pages: { ...budgets.pages, [SIGN_IN]: { route: '/login', maxKb: 100 } },
    };
    const violations = budgetViolations(measureRoutes(outDir, tight));
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(
      /^\/login \(src\/pages\/identity\/LoginPage\.tsx\): \d+\.\d kB gzipped > budget 100 kB$/,
    );
  });

  it('refuses a lazily loaded page that has no budget, and a budget for a page the build lacks', () => {
    const { [DASHBOARD]: _dashboard, ...others } = budgets.pages;
    expect(() => measureRoutes(outDir, { ...budgets, pages: others })).toThrow(DASHBOARD);
    const stale = { ...budgets.pages, 'src/pages/GonePage.tsx': { route: '/gone', maxKb: 300 } };
    expect(() => measureRoutes(outDir, { ...budgets, pages: stale })).toThrow('src/pages/GonePage.tsx');
  });

  it('writes brotli and gzip copies that decode to the hashed files', () => {
    const assets = path.join(outDir, 'assets');
    const names = readdirSync(assets);
    const scripts = names.filter((name) => /\.(js|css)$/.test(name));
    const compressed = scripts.filter((name) => names.includes(`${name}.br`));
    expect(compressed.length).toBeGreaterThan(10);
    for (const name of compressed) {
      const original = readFileSync(path.join(assets, name));
      expect(brotliDecompressSync(readFileSync(path.join(assets, `${name}.br`)))).toEqual(original);
      expect(gunzipSync(readFileSync(path.join(assets, `${name}.gz`)))).toEqual(original);
    }
    // The entry, the largest file on every first load, is among them.
    const entry = Object.values(readManifest(outDir)).find((chunk) => chunk.isEntry)!;
    expect(compressed).toContain(path.basename(entry.file));
  });
});
