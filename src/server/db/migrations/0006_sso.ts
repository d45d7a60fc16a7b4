import type { Kysely } from 'kysely';

/** Per-organisation OpenID Connect sign-in: settings, linked external identities, pending login states. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('org_sso_settings')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organization.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    // SecretBox-sealed (AES-256-GCM); null until one is set.
    .addColumn('client_secret', 'text')
    // JSON: [{ "domain": "example.com", "role": "viewer" }]
    .addColumn('domain_roles', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('external_identity')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('external_identity_pk', ['issuer', 'subject'])
    .execute();
  await db.schema
    .createIndex('external_identity_by_user')
    .on('external_identity')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('sso_login_state')
    // SHA-256 of the state value; the raw state only travels in the redirect and a short-lived cookie.
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_login_state_expiry').on('sso_login_state').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['sso_login_state', 'external_identity', 'org_sso_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
