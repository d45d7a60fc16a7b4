import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * The exit-notice link check (Art. 11.2): the website pages an organisation registers for checking (the
 * only pages Jianhe will open on its behalf), and each run, whose report and screenshots are evidence.
 */
type Builder = CreateTableBuilder<string, string>;

export async function up(db: Kysely<unknown>): Promise<void> {
  await (db.schema.createTable('social_site_page') as Builder)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('social_site_page_org_id_key', ['org_id', 'id'])
    .addUniqueConstraint('social_site_page_url', ['org_id', 'url'])
    .execute();

  await (db.schema.createTable('social_link_check') as Builder)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    /** JSON array of the page URLs checked. */
    .addColumn('pages', 'text', (c) => c.notNull())
    .addColumn('links_found', 'integer', (c) => c.notNull())
    .addColumn('links_without_notice', 'integer', (c) => c.notNull())
    .addColumn('report_evidence_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('social_link_check_org_id_key', ['org_id', 'id'])
    .addForeignKeyConstraint(
      'social_link_check_report_evidence_id_org_fk',
      ['org_id', 'report_evidence_id'],
      'evidence',
      ['org_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('social_link_check_by_time')
    .on('social_link_check')
    .columns(['org_id', 'started_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('social_link_check').execute();
  await db.schema.dropTable('social_site_page').execute();
}
