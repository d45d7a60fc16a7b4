import { type Kysely, sql } from 'kysely';

/**
 * Automated technical checks (issue 17):
 * - `check_endpoint`: what an organisation registered for checking, under a provider (the firm's own
 *   service is its `is_self` provider): host, port, purpose, kind (tls, ssh, reachability), the checklist
 *   items a result supports, extra trust anchors for a private PKI, its owner, and its schedule (`next_run_at`, `interval_hours`). Only these
 *   targets are ever connected to.
 * - `check_run`: one run of one endpoint, kept as it was: time, target, raw observations, the verdict of
 *   each rule, and the rule set's name and version. `evidence_id` is the evidence record made from it.
 * Both follow the tenant-key rule of 0009: UNIQUE (org_id, id) and composite foreign keys.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('check_endpoint')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('http_port', 'integer')
    .addColumn('trusted_ca', 'text')
    .addColumn('supported_items', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text')
    .addColumn('interval_hours', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_id', 'text')
    .addColumn('expiry_notified_fingerprint', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('check_endpoint_org_id_key', ['org_id', 'id'])
    .addUniqueConstraint('check_endpoint_target_key', ['org_id', 'kind', 'host', 'port'])
    .addForeignKeyConstraint(
      'check_endpoint_provider_fk',
      ['org_id', 'provider_id'],
      'provider',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await sql`create index check_endpoint_due on check_endpoint (enabled, next_run_at)`.execute(db);
  await sql`create index check_endpoint_by_provider on check_endpoint (org_id, provider_id, host)`.execute(
    db,
  );

  await db.schema
    .createTable('check_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('profile_name', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('observations', 'text', (c) => c.notNull())
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('certificate_not_after', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('evidence_id', 'text')
    .addUniqueConstraint('check_run_org_id_key', ['org_id', 'id'])
    .addForeignKeyConstraint(
      'check_run_endpoint_fk',
      ['org_id', 'endpoint_id'],
      'check_endpoint',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('check_run_evidence_fk', ['org_id', 'evidence_id'], 'evidence', ['org_id', 'id'])
    .execute();
  await sql`create index check_run_by_endpoint on check_run (org_id, endpoint_id, started_at, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('check_run').execute();
  await db.schema.dropTable('check_endpoint').execute();
}
