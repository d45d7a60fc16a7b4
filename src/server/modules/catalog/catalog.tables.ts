/** Catalog tables (migration 0002). The validated document is kept whole; items are also flattened for search. */
export interface CatalogTable {
  id: string;
  urn: string;
  version: string;
  title_zh: string;
  title_en: string;
  issuer_zh: string;
  issuer_en: string;
  /** SHA-256 of the canonical document: a version's content may never change once loaded. */
  content_hash: string;
  origin: string;
  document: string;
  item_count: number;
  created_at: string;
}

export interface CatalogItemTable {
  catalog_id: string;
  item_id: string;
  number: number;
  chapter: number;
  role: string | null;
  /** JSON array, and the same tags as `|a|b|` so one LIKE filters by tag on both databases. */
  tags: string;
  tag_list: string;
  provenance: string;
  question_zh: string;
  question_en: string;
  /** Lower-cased zh-TW and English text of the question and section, for `q` search. */
  search_text: string;
  item_references: string;
}

export interface CatalogTables {
  catalog: CatalogTable;
  catalog_item: CatalogItemTable;
}
