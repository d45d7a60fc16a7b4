import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('urn', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('issuer_zh', 'text', (c) => c.notNull())
    .addColumn('issuer_en', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_urn_version', ['urn', 'version'])
    .execute();

  await db.schema
    .createTable('catalog_item')
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalog.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('chapter', 'integer', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('tag_list', 'text', (c) => c.notNull())
    .addColumn('provenance', 'text', (c) => c.notNull())
    .addColumn('question_zh', 'text', (c) => c.notNull())
    .addColumn('question_en', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('item_references', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_item_pk', ['catalog_id', 'item_id'])
    .execute();
  await db.schema
    .createIndex('catalog_item_by_number')
    .on('catalog_item')
    .columns(['catalog_id', 'number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('catalog_item').execute();
  await db.schema.dropTable('catalog').execute();
}
