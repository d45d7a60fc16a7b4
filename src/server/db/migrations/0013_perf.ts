import type { Kysely } from 'kysely';

/**
 * Performance (issue: performance):
 * - `audit_pending`: on PostgreSQL a transaction writes its audit entries here, with the change, and the
 *   chain writer moves them into `audit_log` right after the commit (see audit-chain-writer.ts), so no
 *   lock on the organisation's chain is held across a request. Ordered by (chain, at, id) for the writer.
 * - `assessment_item (org_id, assessment_id, item_number)`: every query on items is scoped by org_id, and
 *   with only (assessment_id, …) and (org_id, id) to choose from SQLite joined the evidence of one
 *   assessment through every item of the organisation (all its assessments), so the full read grew with
 *   the organisation's history. This one serves the listing in order and the join (query-plans/*.txt).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_pending')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .execute();
  await db.schema
    .createIndex('audit_pending_by_chain')
    .on('audit_pending')
    .columns(['chain', 'at', 'id'])
    .execute();
  await db.schema
    .createIndex('assessment_item_by_org_assessment')
    .on('assessment_item')
    .columns(['org_id', 'assessment_id', 'item_number'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('assessment_item_by_org_assessment').execute();
  await db.schema.dropTable('audit_pending').execute();
}
