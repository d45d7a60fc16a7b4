import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config/version.js';
import { canonicalJson } from '../../platform/canonical-json.js';
import { AppError } from '../../platform/errors.js';
import type { CatalogItemSnapshot, CatalogItemsSource } from '../assessments/assessments.ports.js';
import { type CatalogDocument, type DocumentProblem, parseCatalogText } from './catalog-document.js';
import './catalog.errors.js';
import type { CatalogItemRow, CatalogRepository, CatalogRow, ItemQuery } from './catalog.repository.js';

/** The associations' guideline shipped with Jianhe; provider questionnaires draw their questions from it. */
export const DEFAULT_CATALOG_URN = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile';

export const BUNDLED_CATALOG_DIR = path.join(PROJECT_ROOT, 'catalogs');

/** A rejected catalog file: the problems name the field and its JSON path. */
export class CatalogFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: DocumentProblem[],
  ) {
    super(`${file}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  }
}

export type LoadOutcome = 'created' | 'unchanged';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function flatten(catalogId: string, document: CatalogDocument): CatalogItemRow[] {
  return document.checklist.map((item) => ({
    catalog_id: catalogId,
    item_id: item.id,
    number: item.number,
    chapter: item.chapter,
    role: item.role,
    tags: JSON.stringify(item.tags),
    tag_list: `|${item.tags.join('|')}|`,
    provenance: item.provenance,
    question_zh: item.question['zh-TW'],
    question_en: item.question.en,
    search_text: [
      item.question['zh-TW'],
      item.question.en,
      item.sectionName['zh-TW'],
      item.sectionName.en,
      item.publishedQuestion ?? '',
    ]
      .join('\n')
      .toLowerCase(),
    item_references: JSON.stringify(item.references),
  }));
}

/** Loading, listing and querying guideline catalogs; also the assessments' source of checklist items. */
export class CatalogService implements CatalogItemsSource {
  private readonly documents = new Map<string, CatalogDocument>();

  constructor(private readonly repo: CatalogRepository) {}

  /** Idempotent: the same urn+version with the same content is a no-op; different content is refused. */
  async load(
    document: CatalogDocument,
    origin: 'bundled' | 'imported',
  ): Promise<{ outcome: LoadOutcome; id: string }> {
    const contentHash = createHash('sha256').update(canonicalJson(document)).digest('hex');
    const existing = await this.repo.findByUrnVersion(document.id, document.version);
    if (existing) {
      if (existing.content_hash !== contentHash) throw new AppError(409, 'CATALOG_VERSION_CONFLICT');
      return { outcome: 'unchanged', id: existing.id };
    }
    const row: CatalogRow = {
      id: randomUUID(),
      urn: document.id,
      version: document.version,
      title_zh: document.title['zh-TW'],
      title_en: document.title.en,
      issuer_zh: document.issuer['zh-TW'],
      issuer_en: document.issuer.en,
      content_hash: contentHash,
      origin,
      document: JSON.stringify(document),
      item_count: document.checklist.length,
      created_at: new Date().toISOString(),
    };
    await this.repo.insert(row, flatten(row.id, document));
    return { outcome: 'created', id: row.id };
  }

  async importText(
    text: string,
    file: string,
  ): Promise<{ outcome: LoadOutcome; id: string; document: CatalogDocument }> {
    const parsed = parseCatalogText(text);
    if (!parsed.ok) throw new CatalogFileError(file, parsed.problems);
    return { ...(await this.load(parsed.document, 'imported')), document: parsed.document };
  }

  /** Loads every catalog shipped under catalogs/ (run at start, after migrations). */
  async syncBundled(dir = BUNDLED_CATALOG_DIR): Promise<Array<{ file: string; outcome: LoadOutcome }>> {
    const results: Array<{ file: string; outcome: LoadOutcome }> = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      for (const name of readdirSync(path.join(dir, entry.name))
        .filter((f) => f.endsWith('.json'))
        .sort()) {
        const file = path.join(dir, entry.name, name);
        const parsed = parseCatalogText(readFileSync(file, 'utf8'));
        if (!parsed.ok) throw new CatalogFileError(path.relative(PROJECT_ROOT, file), parsed.problems);
        results.push({
          file: path.relative(PROJECT_ROOT, file),
          outcome: (await this.load(parsed.document, 'bundled')).outcome,
        });
      }
    }
    return results;
  }

  list() {
    return this.repo.list();
  }

  /** Accepts the database id, `urn@version`, or a bare `urn` meaning its latest version. */
  async find(ref: string): Promise<CatalogRow | undefined> {
    const at = ref.lastIndexOf('@');
    if (ref.startsWith('urn:') && at > 0)
      return this.repo.findByUrnVersion(ref.slice(0, at), ref.slice(at + 1));
    if (ref.startsWith('urn:')) {
      const versions = (await this.repo.list()).filter((row) => row.urn === ref);
      const latest = versions.sort((a, b) => compareVersions(a.version, b.version)).at(-1);
      return latest ? this.repo.findByUrnVersion(latest.urn, latest.version) : undefined;
    }
    return /^[0-9a-f-]{36}$/.test(ref) ? this.repo.findById(ref) : undefined;
  }

  async get(ref: string): Promise<{ row: CatalogRow; document: CatalogDocument }> {
    const row = await this.find(ref);
    if (!row) throw new AppError(404, 'CATALOG_NOT_FOUND');
    return { row, document: this.parsed(row) };
  }

  /**
   * A version's document never changes once loaded (its content hash says so), so it is parsed once per
   * process rather than on every read. Keyed by the hash; a handful of versions at most.
   */
  private parsed(row: CatalogRow): CatalogDocument {
    let document = this.documents.get(row.content_hash);
    if (!document) {
      // Frozen: every caller shares it, and a caller that tried to change it would throw (ESM is strict).
      document = deepFreeze(JSON.parse(row.document) as CatalogDocument);
      if (this.documents.size >= 16) this.documents.clear();
      this.documents.set(row.content_hash, document);
    }
    return document;
  }

  async items(ref: string, query: ItemQuery) {
    const { row } = await this.get(ref);
    return { row, items: await this.itemsOf(row, query) };
  }

  /** The checklist items of a catalog row already found, that match the query. */
  async itemsOf(row: CatalogRow, query: ItemQuery) {
    const matching = new Set((await this.repo.items(row.id, query)).map((i) => i.item_id));
    return this.parsed(row).checklist.filter((item) => matching.has(item.id));
  }

  async resolve(ref: string): Promise<{ catalogId: string; items: CatalogItemSnapshot[] } | undefined> {
    const row = await this.find(ref);
    if (!row) return undefined;
    const document = JSON.parse(row.document) as CatalogDocument;
    return {
      catalogId: row.id,
      items: document.checklist.map((item) => ({
        itemId: item.id,
        number: item.number,
        chapter: item.chapter,
        role: item.role,
        tags: item.tags,
        references: item.references,
        question: item.question,
        provenance: item.provenance,
      })),
    };
  }
}

/** Orders versions like 1.0 < 1.2 < 1.10 < 2.0 (numeric parts compared as numbers). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const diff = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (diff !== 0) return diff;
  }
  return 0;
}
