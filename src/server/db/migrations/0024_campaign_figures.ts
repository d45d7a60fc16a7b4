import { type Kysely, sql } from 'kysely';

/**
 * Association campaigns (issue 18), part three: figures kept as responses arrive, so a campaign's aggregate
 * reads a few thousand rows instead of grouping its 63,000 sealed answers.
 * - `campaign_response_chapter`: per sealed response and chapter, its result counts (sealed with the
 *   response, never changed; the distributions of firms' rates come from here).
 * - `campaign_item_tally`: per campaign, segment atom (industry × size band), item and result, how many
 *   current responses gave that result; +1 for each item of a new version, −1 for the version it supersedes,
 *   in the submission's transaction.
 * Both are filled here from the responses already stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaign_response_chapter')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('chapter', 'integer', (c) => c.notNull())
    .addColumn('compliant', 'integer', (c) => c.notNull())
    .addColumn('partially_compliant', 'integer', (c) => c.notNull())
    .addColumn('non_compliant', 'integer', (c) => c.notNull())
    .addColumn('not_applicable', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_response_chapter_pk', ['response_id', 'chapter'])
    .addForeignKeyConstraint(
      'campaign_response_chapter_response_org_fk',
      ['org_id', 'response_id'],
      'campaign_response',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await sql`create index campaign_response_chapter_scan on campaign_response_chapter
    (org_id, campaign_id, response_id, chapter, compliant, partially_compliant, non_compliant, not_applicable)`.execute(
    db,
  );
  await db.schema
    .createTable('campaign_item_tally')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('size_band', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('chapter', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('firms', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_item_tally_pk', [
      'org_id',
      'campaign_id',
      'industry',
      'size_band',
      'item_id',
      'result',
    ])
    .execute();
  await backfillCampaignFigures(db);
}

/** Fills both tables from the stored responses (this migration; data loaded outside submission, e.g. bench/). */
export async function backfillCampaignFigures(db: Kysely<unknown>): Promise<void> {
  await sql`delete from campaign_response_chapter`.execute(db);
  await sql`delete from campaign_item_tally`.execute(db);
  await sql`insert into campaign_response_chapter
      (org_id, response_id, campaign_id, chapter, compliant, partially_compliant, non_compliant, not_applicable)
    select org_id, response_id, campaign_id, chapter,
      sum(case when result = 'compliant' then 1 else 0 end),
      sum(case when result = 'partially_compliant' then 1 else 0 end),
      sum(case when result = 'non_compliant' then 1 else 0 end),
      sum(case when result = 'not_applicable' then 1 else 0 end)
    from campaign_response_item
    group by org_id, response_id, campaign_id, chapter`.execute(db);
  await sql`insert into campaign_item_tally
      (org_id, campaign_id, industry, size_band, item_id, chapter, result, firms)
    select r.org_id, r.campaign_id, r.industry, r.size_band, i.item_id, i.chapter, i.result, count(*)
    from campaign_response r
    join campaign_response_item i on i.org_id = r.org_id and i.response_id = r.id
    where r.superseded_at is null
    group by r.org_id, r.campaign_id, r.industry, r.size_band, i.item_id, i.chapter, i.result`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_item_tally').execute();
  await db.schema.dropTable('campaign_response_chapter').execute();
}
