import { type Kysely, sql } from 'kysely';

/**
 * Consent and single use (issue: trust by construction):
 * - `invitation`: adding a person to an organisation is an invitation they accept; until then the
 *   organisation holds only the e-mail it typed. A tenant table with the composite-key rule of 0009.
 * - `app_user.totp_last_step`: the last accepted TOTP time step, so no code is accepted twice.
 * - `user_session.scope_org_id`: a session opened by an organisation's identity provider reaches only it.
 * - `sso_domain_claim`: an e-mail domain maps to roles in one organisation only, once a platform
 *   administrator approves the claim (`domain` is the primary key: two organisations cannot hold it).
 * - `external_identity.linked_via`: how an identity was linked (a new account, or a signed-in link);
 *   `sso_login_state.link_user_id`: the signed-in person a link flow is for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('invitation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'text')
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('invitation_org_id_key', ['org_id', 'id'])
    .execute();
  // One open invitation per address and organisation; inviting again replaces it.
  await sql`create unique index invitation_open_per_email on invitation (org_id, email)
    where accepted_at is null and revoked_at is null`.execute(db);
  await sql`create index invitation_by_email on invitation (email)`.execute(db);

  await db.schema.alterTable('app_user').addColumn('totp_last_step', 'bigint').execute();
  await db.schema.alterTable('user_session').addColumn('scope_org_id', 'text').execute();
  await db.schema.alterTable('external_identity').addColumn('linked_via', 'text').execute();
  // A sign-in started from a signed-in session to link this identity provider to that person.
  await db.schema.alterTable('sso_login_state').addColumn('link_user_id', 'text').execute();

  await db.schema
    .createTable('sso_domain_claim')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await sql`create index sso_domain_claim_by_status on sso_domain_claim (status, requested_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sso_domain_claim').execute();
  await db.schema.dropTable('invitation').execute();
}
