import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/**
 * Mobile devices and BYOD (guideline ch. 4, Art. 12–15; docs/devices.md). Every table is a tenant table
 * with `UNIQUE (org_id, id)` and composite foreign keys `(org_id, x_id) → x (org_id, id)` (see 0009), so a
 * device, an event or an acceptance can never point into another organisation.
 */
type Table = CreateTableBuilder<string, string>;

const tenantTable = (db: Kysely<unknown>, name: string): Table =>
  db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addUniqueConstraint(`${name}_org_id_key`, ['org_id', 'id']);

const tenantFk = (
  table: Table,
  name: string,
  column: string,
  parent: string,
  onDelete: 'cascade' | 'restrict',
) =>
  table.addForeignKeyConstraint(`${name}_${column}_fk`, ['org_id', column], parent, ['org_id', 'id'], (c) =>
    c.onDelete(onDelete),
  );

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per file imported: the source every imported observation names.
  await tenantTable(db, 'device_import')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('flagged', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  let device = tenantTable(db, 'device')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('os_version', 'text')
    .addColumn('model', 'text')
    // Personal data (docs/devices.md): shown only with device:personal, masked in privacy exports.
    .addColumn('serial_number', 'text')
    .addColumn('imei', 'text')
    .addColumn('holder_name', 'text')
    .addColumn('holder_phone', 'text')
    .addColumn('holder_user_id', 'text')
    .addColumn('department', 'text')
    .addColumn('ownership', 'text', (c) => c.notNull())
    // Art. 13: in scope only when both are 1.
    .addColumn('handles_sensitive', 'integer', (c) => c.notNull())
    .addColumn('connects_directly', 'integer', (c) => c.notNull())
    .addColumn('mdm_source', 'text')
    .addColumn('mdm_device_id', 'text')
    .addColumn('enrolled', 'integer')
    .addColumn('last_check_in', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    // JSON: { control: { value, source, observedAt } }.
    .addColumn('posture', 'text', (c) => c.notNull())
    // Evaluated under the current policy (recomputed when either changes), so lists filter in SQL.
    .addColumn('failing', 'integer', (c) => c.notNull())
    .addColumn('unknown', 'integer', (c) => c.notNull())
    .addColumn('in_scope', 'integer', (c) => c.notNull())
    .addColumn('missing_since', 'text')
    .addColumn('last_import_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());
  device = tenantFk(device, 'device', 'last_import_id', 'device_import', 'restrict');
  await device.execute();
  await sql`create unique index device_serial on device (org_id, serial_number) where serial_number is not null`.execute(
    db,
  );
  await sql`create unique index device_mdm_id on device (org_id, mdm_source, mdm_device_id)
    where mdm_device_id is not null`.execute(db);
  await sql`create index device_by_name on device (org_id, name, id)`.execute(db);
  await sql`create index device_by_holder on device (org_id, holder_user_id)`.execute(db);

  let event = tenantTable(db, 'device_event')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('person_user_id', 'text')
    .addColumn('person_name', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull());
  event = tenantFk(event, 'device_event', 'device_id', 'device', 'cascade');
  event = tenantFk(event, 'device_event', 'task_id', 'register_task', 'restrict');
  await event.execute();
  await sql`create index device_event_by_device on device_event (org_id, device_id, recorded_at)`.execute(db);

  await db.schema
    .createTable('device_policy')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organization.id').onDelete('cascade'))
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Art. 14.1 rules for requesting and returning devices, and the 15.3 tethering control: evidence records.
  let document = tenantTable(db, 'device_document')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('device_document_version', ['org_id', 'kind', 'version']);
  document = tenantFk(document, 'device_document', 'evidence_id', 'evidence', 'restrict');
  await document.execute();

  await tenantTable(db, 'byod_agreement')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('usage_limits', 'text', (c) => c.notNull())
    .addColumn('firm_responsibilities', 'text', (c) => c.notNull())
    .addColumn('holder_responsibilities', 'text', (c) => c.notNull())
    .addColumn('valid_days', 'integer', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('byod_agreement_version', ['org_id', 'version'])
    .execute();

  let acceptance = tenantTable(db, 'byod_acceptance')
    .addColumn('agreement_id', 'text', (c) => c.notNull())
    .addColumn('holder_user_id', 'text')
    .addColumn('holder_name', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'text')
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull());
  acceptance = tenantFk(acceptance, 'byod_acceptance', 'agreement_id', 'byod_agreement', 'restrict');
  acceptance = tenantFk(acceptance, 'byod_acceptance', 'evidence_id', 'evidence', 'restrict');
  await acceptance.execute();

  let review = tenantTable(db, 'byod_review')
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('data_types', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('next_due_on', 'text', (c) => c.notNull());
  review = tenantFk(review, 'byod_review', 'device_id', 'device', 'cascade');
  await review.execute();
  await sql`create index byod_review_by_device on byod_review (org_id, device_id, reviewed_at)`.execute(db);

  await tenantTable(db, 'allowed_app')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('app_identifier', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('reviewer', 'text', (c) => c.notNull())
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('allowed_app_identifier', ['org_id', 'platform', 'app_identifier'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'allowed_app',
    'byod_review',
    'byod_acceptance',
    'byod_agreement',
    'device_document',
    'device_policy',
    'device_event',
    'device',
    'device_import',
  ])
    await db.schema.dropTable(table).execute();
}
