import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { CatalogItemTable, CatalogTable } from './catalog.tables.js';

export type CatalogRow = Selectable<CatalogTable>;
export type CatalogItemRow = Selectable<CatalogItemTable>;
export type CatalogSummaryRow = Omit<CatalogRow, 'document'>;

export interface ItemQuery {
  tag?: string;
  chapter?: number;
  role?: string;
  /** Matched, case-insensitively, against the zh-TW and English question and section text. */
  q?: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Catalogs are public reference data: no organisation scoping applies to these tables. */
export class CatalogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(): Promise<CatalogSummaryRow[]> {
    return this.db
      .selectFrom('catalog')
      .select([
        'id',
        'urn',
        'version',
        'title_zh',
        'title_en',
        'issuer_zh',
        'issuer_en',
        'content_hash',
        'origin',
        'item_count',
        'created_at',
      ])
      .orderBy('urn')
      .orderBy('version')
      .execute();
  }

  findByUrnVersion(urn: string, version: string): Promise<CatalogRow | undefined> {
    return this.db
      .selectFrom('catalog')
      .selectAll()
      .where('urn', '=', urn)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  findById(id: string): Promise<CatalogRow | undefined> {
    return this.db.selectFrom('catalog').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Catalog row and its flattened items in one transaction, so a failed load leaves nothing behind. */
  async insert(row: CatalogRow, items: CatalogItemRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('catalog').values(row).execute();
      for (let i = 0; i < items.length; i += 200) {
        await trx
          .insertInto('catalog_item')
          .values(items.slice(i, i + 200))
          .execute();
      }
    });
  }

  items(catalogId: string, query: ItemQuery = {}): Promise<CatalogItemRow[]> {
    let select = this.db.selectFrom('catalog_item').selectAll().where('catalog_id', '=', catalogId);
    if (query.tag) select = select.where('tag_list', 'like', `%|${escapeLike(query.tag)}|%`);
    if (query.chapter !== undefined) select = select.where('chapter', '=', query.chapter);
    if (query.role) select = select.where('role', '=', query.role);
    if (query.q?.trim()) {
      select = select.where(
        sql<boolean>`search_text like ${`%${escapeLike(query.q.trim().toLowerCase())}%`} escape '\\'`,
      );
    }
    return select.orderBy('number').execute();
  }
}
