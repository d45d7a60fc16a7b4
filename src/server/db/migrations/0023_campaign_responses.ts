import { type Kysely, sql } from 'kysely';

/**
 * Association campaigns (issue 18), part two: sealed responses.
 * - `campaign_response`: one submitted version of a member's response, never changed afterwards; a
 *   resubmission inserts version n + 1 and only then marks the earlier one `superseded_at`. It carries the
 *   approved assessment's fingerprint and the segment the firm counted in when it submitted.
 * - `campaign_response_item`: the result per item of that version; an explanation or compensating control
 *   only where the campaign asked and the firm agreed for that item.
 * Aggregates read current responses of one campaign grouped by segment, item and result: the indexes below
 * serve that scan and the per-firm chapter rates for distributions, so no query loops over firms.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaign_response')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('assessment_id', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('fingerprint_algorithm', 'text', (c) => c.notNull())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('size_band', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .addUniqueConstraint('campaign_response_org_id_key', ['org_id', 'id'])
    .addUniqueConstraint('campaign_response_version', ['org_id', 'participant_id', 'version'])
    .addForeignKeyConstraint(
      'campaign_response_campaign_id_org_fk',
      ['org_id', 'campaign_id'],
      'campaign',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'campaign_response_participant_id_org_fk',
      ['org_id', 'participant_id'],
      'campaign_participant',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await sql`create index campaign_response_current on campaign_response
    (org_id, campaign_id, superseded_at, industry, size_band, id)`.execute(db);

  await db.schema
    .createTable('campaign_response_item')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('response_id', 'text', (c) => c.notNull())
    // The campaign again (never changes with the response): lets the scans read one campaign's range.
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('chapter', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('shared_explanation', 'text')
    .addColumn('shared_compensating_control', 'text')
    .addPrimaryKeyConstraint('campaign_response_item_pk', ['response_id', 'item_id'])
    .addForeignKeyConstraint(
      'campaign_response_item_response_id_org_fk',
      ['org_id', 'response_id'],
      'campaign_response',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  // Covering index for the aggregate scans: one campaign's range, per response, item, chapter and result,
  // read without the table.
  await sql`create index campaign_response_item_scan on campaign_response_item
    (org_id, campaign_id, response_id, item_id, chapter, result)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_response_item').execute();
  await db.schema.dropTable('campaign_response').execute();
}
