import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Social media governance (guideline chapter 3, Art. 8–11): the official accounts register and its
 * administrators, usage-policy versions and acknowledgements, platform risk reviews, privacy-policy
 * reviews and content approval. Every table is a tenant table with the composite-key rule of 0009:
 * UNIQUE (org_id, id) on parents, and (org_id, x_id) → parent (org_id, id) for every link, so a row can
 * only point at a row of its own organisation. People (owners, administrators, reviewers, authors) are
 * user ids without a foreign key: a member who leaves must stay named on the records they touched.
 */
type Builder = CreateTableBuilder<string, string>;

function tenantTable(db: Kysely<unknown>, name: string, withId = true): Builder {
  let t = db.schema.createTable(name) as Builder;
  if (withId) t = t.addColumn('id', 'text', (c) => c.primaryKey());
  t = t.addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'));
  return withId ? t.addUniqueConstraint(`${name}_org_id_key`, ['org_id', 'id']) : t;
}

const text = (t: Builder, ...names: string[]) =>
  names.reduce((acc, n) => acc.addColumn(n, 'text', (c) => c.notNull()), t);
const optText = (t: Builder, ...names: string[]) => names.reduce((acc, n) => acc.addColumn(n, 'text'), t);
const int = (t: Builder, ...names: string[]) =>
  names.reduce((acc, n) => acc.addColumn(n, 'integer', (c) => c.notNull()), t);

/** (org_id, column) → parent (org_id, id). */
const link = (t: Builder, table: string, column: string, parent: string, cascade: boolean) =>
  t.addForeignKeyConstraint(`${table}_${column}_org_fk`, ['org_id', column], parent, ['org_id', 'id'], (c) =>
    cascade ? c.onDelete('cascade') : c,
  );

export async function up(db: Kysely<unknown>): Promise<void> {
  // Art. 11: one official account on one platform.
  let t = tenantTable(db, 'social_account');
  t = text(t, 'platform', 'platform_label', 'handle', 'url', 'purpose', 'scope', 'department');
  t = optText(t, 'exclusion_reason', 'owner_user_id');
  t = text(t, 'owner_name', 'second_factor_method');
  t = optText(t, 'second_factor_verified_on', 'profile_evidence_id');
  t = int(t, 'profile_shows_identity');
  t = text(t, 'status', 'notes', 'created_at', 'updated_at');
  t = int(t, 'version');
  await link(t, 'social_account', 'profile_evidence_id', 'evidence', false).execute();
  await db.schema
    .createIndex('social_account_by_name')
    .on('social_account')
    .columns(['org_id', 'platform', 'handle', 'id'])
    .execute();

  // Art. 11.4 帳號權限管理: a member of the organisation (user_id) or a named outsider (agency).
  t = tenantTable(db, 'social_account_admin');
  t = text(t, 'account_id');
  t = optText(t, 'user_id', 'outsider_name');
  t = text(t, 'outsider_organisation', 'last_reviewed_on', 'added_at', 'added_by');
  t = optText(t, 'removed_at', 'removed_by', 'removal_reason', 'flagged_reason', 'flagged_at');
  await link(t, 'social_account_admin', 'account_id', 'social_account', true).execute();
  await db.schema
    .createIndex('social_account_admin_by_account')
    .on('social_account_admin')
    .columns(['org_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('social_account_admin_by_user')
    .on('social_account_admin')
    .columns(['org_id', 'user_id'])
    .execute();

  // Art. 10.1: the usage policy, one row per version, with its structured part.
  t = tenantTable(db, 'social_policy_version');
  t = text(t, 'label', 'effective_on', 'shareable_information', 'private_business_rules');
  t = optText(t, 'document_evidence_id');
  t = text(t, 'created_by', 'created_at');
  await link(t, 'social_policy_version', 'document_evidence_id', 'evidence', false).execute();
  await db.schema
    .createIndex('social_policy_version_by_date')
    .on('social_policy_version')
    .columns(['org_id', 'effective_on', 'created_at'])
    .execute();

  t = tenantTable(db, 'social_policy_ack', false);
  t = text(t, 'policy_version_id', 'user_id', 'acknowledged_at');
  t = t.addPrimaryKeyConstraint('social_policy_ack_pk', ['org_id', 'policy_version_id', 'user_id']);
  await link(t, 'social_policy_ack', 'policy_version_id', 'social_policy_version', true).execute();

  // Art. 10.2: one risk review per platform type employees may use for business.
  t = tenantTable(db, 'social_platform_risk');
  t = text(t, 'platform', 'platform_label', 'risks', 'controls', 'reviewed_on', 'reviewed_by', 'notes');
  t = int(t, 'business_use', 'review_interval_months');
  t = text(t, 'created_at', 'updated_at');
  t = int(t, 'version');
  await t
    .addUniqueConstraint('social_platform_risk_platform', ['org_id', 'platform', 'platform_label'])
    .execute();

  // Art. 11.1: each review of a platform's privacy policy, kept with the reviewed text.
  t = tenantTable(db, 'social_privacy_review');
  t = text(t, 'platform', 'platform_label', 'reviewed_on', 'reviewer_user_id', 'summary', 'conclusion');
  t = text(t, 'policy_url', 'policy_text', 'policy_sha256');
  t = optText(t, 'evidence_id');
  t = int(t, 'interval_months');
  t = text(t, 'next_due_on', 'created_by', 'created_at');
  await link(t, 'social_privacy_review', 'evidence_id', 'evidence', false).execute();
  await db.schema
    .createIndex('social_privacy_review_by_platform')
    .on('social_privacy_review')
    .columns(['org_id', 'platform', 'platform_label', 'reviewed_on', 'created_at'])
    .execute();

  // Art. 11.4 發布內容控管: drafts, submission, a second person's approval, publication.
  t = tenantTable(db, 'social_post');
  t = text(t, 'title', 'body', 'author_user_id', 'status');
  t = optText(t, 'planned_at', 'submitted_at', 'decided_by', 'decided_at', 'decision_comment');
  t = optText(t, 'approved_sha256', 'published_at', 'published_url', 'published_by');
  t = text(t, 'created_at', 'updated_at');
  t = int(t, 'version');
  await t.execute();
  await db.schema
    .createIndex('social_post_by_status')
    .on('social_post')
    .columns(['org_id', 'status', 'updated_at', 'id'])
    .execute();

  t = tenantTable(db, 'social_post_target', false);
  t = text(t, 'post_id', 'account_id');
  t = t.addPrimaryKeyConstraint('social_post_target_pk', ['org_id', 'post_id', 'account_id']);
  t = link(t, 'social_post_target', 'post_id', 'social_post', true);
  await link(t, 'social_post_target', 'account_id', 'social_account', false).execute();

  t = tenantTable(db, 'social_post_image', false);
  t = text(t, 'post_id', 'evidence_id');
  t = int(t, 'position');
  t = t.addPrimaryKeyConstraint('social_post_image_pk', ['org_id', 'post_id', 'evidence_id']);
  t = link(t, 'social_post_image', 'post_id', 'social_post', true);
  await link(t, 'social_post_image', 'evidence_id', 'evidence', false).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'social_post_image',
    'social_post_target',
    'social_post',
    'social_privacy_review',
    'social_platform_risk',
    'social_policy_ack',
    'social_policy_version',
    'social_account_admin',
    'social_account',
  ])
    await db.schema.dropTable(table).execute();
}
