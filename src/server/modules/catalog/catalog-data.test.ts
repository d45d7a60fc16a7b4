import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../test/support/cli.js';
import { type CatalogDocument, nodeIds, validateCatalogDocument } from './catalog-document.js';

const CATALOG_FILE = path.join(REPO_ROOT, 'catalogs/tw-sfa-cloud-social-mobile/1.0.json');
/** The published text, kept unchanged in the repository (see its README). */
const SEED_FILE = path.join(REPO_ROOT, 'catalogs/tw-sfa-cloud-social-mobile/source/guideline.txt');
const catalog = JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as CatalogDocument;

/** Whitespace-insensitive comparison; Word's bookmark artefacts in the seed are not text. */
const normalise = (text: string) =>
  text
    .replace(/\[bookmark: [^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The seed's checklist: rows of 項次 / 章節 / 章節名稱 / 檢核項目, cells separated by newline + tab. */
function seedChecklist(seed: string) {
  const table = seed.slice(seed.indexOf('項次'));
  return table
    .split(/\n\s*\n/)
    .map((block) => block.replace(/^\s*\t/, '').split(/\n\t/))
    .filter((cells) => cells.length >= 4 && /^\s*\d+\s*$/.test(cells[0]!))
    .map((cells) => ({
      number: Number(cells[0]),
      chapter: Number(normalise(cells[1]!)),
      section: normalise(cells[2]!),
      question: normalise(cells.slice(3).join(' ')),
    }));
}

describe('bundled catalog data', () => {
  it('validates against catalogs/catalog.schema.json and its semantic rules', () => {
    const result = validateCatalogDocument(catalog);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('is refused with a named field when one value is wrong', () => {
    const broken = structuredClone(catalog);
    broken.checklist[4]!.tags = ['cloud-users'];
    const result = validateCatalogDocument(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.some((p) => p.path === '/checklist/4/tags/0')).toBe(true);
  });

  it('has 4 chapters, 17 articles and continuously numbered, uniquely identified items', () => {
    expect(catalog.chapters).toHaveLength(4);
    expect(catalog.chapters.flatMap((c) => c.articles).map((a) => a.number)).toEqual(
      Array.from({ length: 17 }, (_, i) => i + 1),
    );
    expect(catalog.checklist.map((i) => i.number)).toEqual(
      Array.from({ length: catalog.checklist.length }, (_, i) => i + 1),
    );
    expect(new Set(catalog.checklist.map((i) => i.id)).size).toBe(catalog.checklist.length);
  });

  it('references only existing nodes, at least one per item', () => {
    const ids = nodeIds(catalog);
    for (const item of catalog.checklist) {
      expect(item.references.length, item.id).toBeGreaterThan(0);
      for (const ref of item.references) expect(ids.has(ref), `${item.id} → ${ref}`).toBe(true);
    }
  });

  it('checks every clause and sub-item of Art. 4–7, 10–11 and 14–17', () => {
    const referenced = new Set(catalog.checklist.flatMap((i) => i.references));
    const articles = catalog.chapters
      .flatMap((c) => c.articles)
      .filter((a) => [4, 5, 6, 7, 10, 11, 14, 15, 16, 17].includes(a.number));
    const uncovered: string[] = [];
    for (const clause of articles.flatMap((a) => a.clauses)) {
      const covered =
        clause.subItems.length > 0
          ? clause.subItems.every((s) => referenced.has(s.id))
          : referenced.has(clause.id);
      if (!covered) uncovered.push(clause.id);
      for (const sub of clause.subItems) if (!referenced.has(sub.id)) uncovered.push(sub.id);
    }
    expect(uncovered).toEqual([]);
  });

  it('fixes the 「是否是否」 typo of item 3 for display and keeps the published wording', () => {
    const item3 = catalog.checklist[2]!;
    expect(item3.question['zh-TW']).not.toContain('是否是否');
    expect(item3.publishedQuestion).toContain('是否是否');
    expect(item3.publishedQuestion!.replace('是否是否', '是否')).toBe(item3.question['zh-TW']);
  });

  it('marks items 26 onward as derived from a named clause, and items 1–25 as published', () => {
    const ids = nodeIds(catalog);
    for (const item of catalog.checklist) {
      if (item.number <= 25) {
        expect(item.provenance, item.id).toBe('published');
      } else {
        expect(item.provenance, item.id).toBe('derived');
        expect(ids.has(item.derivedFrom ?? ''), item.id).toBe(true);
        expect(item.references).toContain(item.derivedFrom);
      }
    }
  });

  it('gives the role qualifier as a structured role', () => {
    for (const item of catalog.checklist.filter((i) => i.publishedSectionName)) {
      const expected = item.publishedSectionName!.includes('使用者時適用') ? 'cloud-user' : 'cloud-provider';
      expect(item.role, item.id).toBe(expected);
    }
  });
});

describe('catalog against the published seed text', () => {
  const seed = readFileSync(SEED_FILE, 'utf8');

  it('transcribes checklist items 1–25 character for character', () => {
    const rows = seedChecklist(seed);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const row of rows) {
      const item = catalog.checklist[row.number - 1]!;
      expect(item.chapter, `item ${row.number} 章節`).toBe(row.chapter);
      expect(normalise(item.publishedSectionName ?? ''), `item ${row.number} 章節名稱`).toBe(row.section);
      expect(normalise(item.publishedQuestion ?? item.question['zh-TW']), `item ${row.number} 檢核項目`).toBe(
        row.question,
      );
    }
  });

  it('keeps every article, clause and sub-item text verbatim', () => {
    const body = normalise(seed.slice(0, seed.indexOf('項次')));
    for (const article of catalog.chapters.flatMap((c) => c.articles)) {
      expect(body).toContain(`第${article.number}條 ${article.heading}`);
      if (article.text) expect(body, article.id).toContain(normalise(article.text['zh-TW']));
      for (const clause of article.clauses) {
        expect(body, clause.id).toContain(`${clause.number}、 ${normalise(clause.text['zh-TW'])}`);
        for (const sub of clause.subItems)
          expect(body, sub.id).toContain(`(${sub.number}) ${normalise(sub.text['zh-TW'])}`);
      }
    }
  });
});
