import { type Kysely, sql } from 'kysely';

/**
 * Association campaigns (issue 18), part one: who belongs to an association and what it asks for.
 * - `association_member`: the association's side of a membership. It starts as an invitation addressed to a
 *   firm's 統一編號 and becomes active only when that firm's administrator accepts; the firm can leave later.
 *   The association holds the firm's organisation id and name only from acceptance on. `size_band` is the
 *   association's own classification of the firm (for segmenting benchmarks).
 * - `campaign`: one yearly collection: catalog version, period (e.g. 115年度), deadline, k for suppression.
 * - `campaign_participant`: one invited member per campaign; `assessment_id` names the campaign assessment
 *   in the member's own organisation once it is started (no foreign key: it is another tenant's row).
 * All three are tenant tables of the association, with the composite keys of migration 0009.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('association_member')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('member_business_id', 'text', (c) => c.notNull())
    .addColumn('member_org_id', 'text', (c) => c.references('organization.id').onDelete('cascade'))
    .addColumn('member_name', 'text')
    .addColumn('member_industry', 'text')
    .addColumn('size_band', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text')
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('left_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('association_member_org_id_key', ['org_id', 'id'])
    .execute();
  // One open invitation or active membership per firm and association; after leaving, a new one may follow.
  await sql`create unique index association_member_open on association_member (org_id, member_business_id)
    where status in ('invited', 'active')`.execute(db);
  await sql`create index association_member_by_business_id on association_member (member_business_id, status)`.execute(
    db,
  );
  await sql`create index association_member_by_member_org on association_member (member_org_id, status)`.execute(
    db,
  );

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalog.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('k_threshold', 'integer', (c) => c.notNull())
    .addColumn('request_explanations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('campaign_org_id_key', ['org_id', 'id'])
    .execute();
  await sql`create index campaign_by_created on campaign (org_id, created_at, id)`.execute(db);

  await db.schema
    .createTable('campaign_participant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('member_org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('assessment_id', 'text')
    .addColumn('started_at', 'text')
    .addColumn('last_reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('campaign_participant_org_id_key', ['org_id', 'id'])
    .addUniqueConstraint('campaign_participant_once', ['org_id', 'campaign_id', 'member_id'])
    .addForeignKeyConstraint(
      'campaign_participant_campaign_id_org_fk',
      ['org_id', 'campaign_id'],
      'campaign',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'campaign_participant_member_id_org_fk',
      ['org_id', 'member_id'],
      'association_member',
      ['org_id', 'id'],
    )
    .execute();
  await sql`create index campaign_participant_by_member_org on campaign_participant (member_org_id, created_at)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('campaign_participant').execute();
  await db.schema.dropTable('campaign').execute();
  await db.schema.dropTable('association_member').execute();
}
