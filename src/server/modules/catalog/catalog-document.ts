import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { PROJECT_ROOT } from '../../config/version.js';
import type { Bilingual } from '../../platform/i18n.js';

/** The catalog file format; catalogs/catalog.schema.json is its authoritative definition. */
export interface CatalogDocument {
  id: string;
  version: string;
  title: Bilingual;
  issuer: Bilingual;
  source: Bilingual;
  chapters: CatalogChapter[];
  checklist: CatalogItem[];
  scopeNotes: ScopeNote[];
}
export interface CatalogChapter {
  id: string;
  number: number;
  title: Bilingual;
  articles: CatalogArticle[];
}
export interface CatalogArticle {
  id: string;
  number: number;
  heading: string;
  title: Bilingual;
  text?: Bilingual;
  clauses: CatalogClause[];
}
export interface CatalogClause {
  id: string;
  number: number;
  text: Bilingual;
  subItems: Array<{ id: string; number: number; text: Bilingual }>;
}
export interface CatalogItem {
  id: string;
  number: number;
  chapter: number;
  sectionName: Bilingual;
  role: 'cloud-user' | 'cloud-provider' | null;
  publishedSectionName?: string;
  question: Bilingual;
  publishedQuestion?: string;
  provenance: 'published' | 'derived';
  derivedFrom?: string;
  tags: string[];
  references: string[];
}
export interface ScopeNote {
  id: string;
  clause: string;
  effect: 'excludes' | 'limits';
  appliesToTags: string[];
  description: Bilingual;
  notApplicableReason: Bilingual;
}

export interface DocumentProblem {
  /** JSON pointer into the document, e.g. /checklist/3/tags/0 */
  path: string;
  message: string;
}

export const CATALOG_SCHEMA_FILE = path.join(PROJECT_ROOT, 'catalogs', 'catalog.schema.json');

let compiled: ReturnType<Ajv['compile']> | undefined;
function schemaValidator() {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    compiled = ajv.compile(JSON.parse(readFileSync(CATALOG_SCHEMA_FILE, 'utf8')));
  }
  return compiled;
}

function describe(error: ErrorObject): DocumentProblem {
  const field = (error.params as { additionalProperty?: string; missingProperty?: string })
    .additionalProperty;
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const where = error.instancePath || '/';
  if (field) return { path: `${where === '/' ? '' : where}/${field}`, message: 'is not an allowed field' };
  if (missing) return { path: `${where === '/' ? '' : where}/${missing}`, message: 'is required' };
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  return {
    path: where,
    message: allowed ? `${error.message}: ${allowed.join(', ')}` : (error.message ?? 'is invalid'),
  };
}

/** Every node id in the document (chapters, articles, clauses, sub-items). */
export function nodeIds(document: CatalogDocument): Set<string> {
  const ids = new Set<string>();
  for (const chapter of document.chapters) {
    ids.add(chapter.id);
    for (const article of chapter.articles) {
      ids.add(article.id);
      for (const clause of article.clauses) {
        ids.add(clause.id);
        for (const sub of clause.subItems) ids.add(sub.id);
      }
    }
  }
  return ids;
}

/** Rules a JSON Schema cannot state: unique ids and numbers, and references that resolve. */
function semanticProblems(document: CatalogDocument): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const seen = new Set<string>();
  document.chapters.forEach((chapter, c) => {
    const check = (id: string, at: string) => {
      if (seen.has(id)) problems.push({ path: at, message: `duplicate node id ${id}` });
      seen.add(id);
    };
    check(chapter.id, `/chapters/${c}/id`);
    chapter.articles.forEach((article, a) => {
      check(article.id, `/chapters/${c}/articles/${a}/id`);
      article.clauses.forEach((clause, k) => {
        check(clause.id, `/chapters/${c}/articles/${a}/clauses/${k}/id`);
        clause.subItems.forEach((sub, s) => {
          check(sub.id, `/chapters/${c}/articles/${a}/clauses/${k}/subItems/${s}/id`);
        });
      });
    });
  });
  const chapters = new Set(document.chapters.map((c) => c.number));
  const itemIds = new Set<string>();
  const numbers = new Set<number>();
  document.checklist.forEach((item, i) => {
    if (itemIds.has(item.id))
      problems.push({ path: `/checklist/${i}/id`, message: `duplicate item id ${item.id}` });
    if (numbers.has(item.number))
      problems.push({ path: `/checklist/${i}/number`, message: `duplicate item number ${item.number}` });
    itemIds.add(item.id);
    numbers.add(item.number);
    if (!chapters.has(item.chapter))
      problems.push({ path: `/checklist/${i}/chapter`, message: `no chapter ${item.chapter}` });
    item.references.forEach((ref, r) => {
      if (!seen.has(ref))
        problems.push({ path: `/checklist/${i}/references/${r}`, message: `unknown node ${ref}` });
    });
    if (item.derivedFrom && !seen.has(item.derivedFrom)) {
      problems.push({ path: `/checklist/${i}/derivedFrom`, message: `unknown node ${item.derivedFrom}` });
    }
  });
  document.scopeNotes.forEach((note, n) => {
    if (!seen.has(note.clause))
      problems.push({ path: `/scopeNotes/${n}/clause`, message: `unknown node ${note.clause}` });
  });
  return problems;
}

export type ParseResult =
  | { ok: true; document: CatalogDocument }
  | { ok: false; problems: DocumentProblem[] };

/** Validates an already-parsed value against the schema, then the semantic rules. */
export function validateCatalogDocument(value: unknown): ParseResult {
  const validate = schemaValidator();
  if (!validate(value)) return { ok: false, problems: (validate.errors ?? []).map(describe) };
  const document = value as CatalogDocument;
  const problems = semanticProblems(document);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, document };
}

export function parseCatalogText(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '/', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return validateCatalogDocument(value);
}
