import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * The mobile-app register and release gate (guideline Art. 16–17, issue 16): apps, their Art. 16
 * controls with evidence, releases with the gate, findings of the scan filed for each release, risk
 * acceptances and vendor attestations. Tenant tables with the composite-key rule of migration 0009.
 */
type Builder = CreateTableBuilder<string, string>;

const tenant = (db: Kysely<unknown>, table: string): Builder =>
  (db.schema.createTable(table) as unknown as Builder)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addUniqueConstraint(`${table}_org_id_key`, ['org_id', 'id']);
const text = (t: Builder, ...names: string[]) =>
  names.reduce((b, name) => b.addColumn(name, 'text', (c) => c.notNull()), t);
const nullable = (t: Builder, ...names: string[]) => names.reduce((b, name) => b.addColumn(name, 'text'), t);
const integer = (t: Builder, ...names: string[]) =>
  names.reduce((b, name) => b.addColumn(name, 'integer', (c) => c.notNull()), t);
const references = (t: Builder, table: string, column: string, parent: string, cascade: boolean) =>
  t.addForeignKeyConstraint(`${table}_${column}_org_fk`, ['org_id', column], parent, ['org_id', 'id'], (c) =>
    cascade ? c.onDelete('cascade') : c,
  );

export async function up(db: Kysely<unknown>): Promise<void> {
  let t = text(tenant(db, 'mobile_app'), 'name', 'platforms', 'bundle_id', 'vendor_kind', 'vendor_name');
  t = nullable(t, 'owner_user_id');
  t = text(t, 'notes', 'created_at', 'updated_at');
  await integer(t, 'version').addUniqueConstraint('mobile_app_bundle', ['org_id', 'bundle_id']).execute();
  await db.schema
    .createIndex('mobile_app_by_name')
    .on('mobile_app')
    .columns(['org_id', 'name', 'id'])
    .execute();

  await (db.schema.createTable('mobile_app_control') as unknown as Builder)
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('control', 'text', (c) => c.notNull())
    .addColumn('implemented', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mobile_app_control_pk', ['org_id', 'app_id', 'control'])
    .addForeignKeyConstraint(
      'mobile_app_control_app_id_org_fk',
      ['org_id', 'app_id'],
      'mobile_app',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint('mobile_app_control_evidence_id_org_fk', ['org_id', 'evidence_id'], 'evidence', [
      'org_id',
      'id',
    ])
    .execute();

  t = text(tenant(db, 'app_release'), 'app_id', 'app_version', 'build_number');
  t = nullable(t, 'binary_sha256', 'release_date');
  t = text(t, 'status', 'gate', 'fail_on');
  t = nullable(
    t,
    'scanned_at',
    'scan_evidence_id',
    'scan_summary',
    'rule_pack',
    'released_at',
    'released_by',
  );
  t = text(t, 'created_by', 'created_at', 'updated_at');
  t = integer(t, 'version');
  t = references(t, 'app_release', 'app_id', 'mobile_app', true);
  t = references(t, 'app_release', 'scan_evidence_id', 'evidence', false);
  await t
    .addUniqueConstraint('app_release_build', ['org_id', 'app_id', 'app_version', 'build_number'])
    .execute();
  await db.schema
    .createIndex('app_release_by_app')
    .on('app_release')
    .columns(['org_id', 'app_id', 'created_at'])
    .execute();

  t = text(tenant(db, 'app_release_finding'), 'release_id', 'rule_id', 'severity', 'masvs', 'masvs_group');
  t = text(t, 'clause', 'location', 'subject', 'evidence');
  await references(t, 'app_release_finding', 'release_id', 'app_release', true).execute();
  await db.schema
    .createIndex('app_release_finding_by_release')
    .on('app_release_finding')
    .columns(['org_id', 'release_id'])
    .execute();

  t = text(
    tenant(db, 'app_risk_acceptance'),
    'release_id',
    'reason',
    'expires_on',
    'accepted_by',
    'accepted_at',
  );
  await references(t, 'app_risk_acceptance', 'release_id', 'app_release', true).execute();
  await db.schema
    .createIndex('app_risk_acceptance_by_release')
    .on('app_risk_acceptance')
    .columns(['org_id', 'release_id'])
    .execute();

  t = text(tenant(db, 'app_vendor_attestation'), 'release_id', 'subject', 'due_date');
  t = nullable(t, 'received_on', 'evidence_id');
  t = text(t, 'note', 'created_by', 'created_at', 'updated_at');
  t = integer(t, 'version');
  t = references(t, 'app_vendor_attestation', 'release_id', 'app_release', true);
  await references(t, 'app_vendor_attestation', 'evidence_id', 'evidence', false).execute();
  await db.schema
    .createIndex('app_vendor_attestation_by_release')
    .on('app_vendor_attestation')
    .columns(['org_id', 'release_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'app_vendor_attestation',
    'app_risk_acceptance',
    'app_release_finding',
    'app_release',
    'mobile_app_control',
    'mobile_app',
  ])
    await db.schema.dropTable(table).execute();
}
