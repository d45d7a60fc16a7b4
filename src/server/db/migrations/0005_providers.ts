import type { CreateTableBuilder, Kysely } from 'kysely';

type Builder = CreateTableBuilder<string, never>;
const id = (t: Builder) =>
  t.addColumn('id', 'text', (c) => c.primaryKey()).addColumn('org_id', 'text', (c) => c.notNull());
const str = (t: Builder, name: string) => t.addColumn(name, 'text', (c) => c.notNull());
const opt = (t: Builder, name: string) => t.addColumn(name, 'text');
const int = (t: Builder, name: string) => t.addColumn(name, 'integer', (c) => c.notNull());

export async function up(db: Kysely<unknown>): Promise<void> {
  let t = id(db.schema.createTable('provider') as Builder);
  for (const c of ['name', 'service_models', 'service_description']) t = str(t, c);
  t = int(t, 'critical');
  for (const c of ['contract_start', 'contract_end']) t = opt(t, c);
  t = int(t, 'contract_states_rto').addColumn('rto_hours', 'integer');
  for (const c of ['sla_evaluated_on', 'sla_result']) t = opt(t, c);
  t = str(t, 'sla_compensating_measures');
  t = str(t, 'star_status');
  for (const c of ['star_valid_until', 'star_report_evidence_id']) t = opt(t, c);
  for (const c of ['audit_interval_months', 'incident_notice_hours']) t = int(t, c);
  for (const c of ['notes', 'created_at', 'updated_at']) t = str(t, c);
  await int(t, 'version').execute();
  await db.schema.createIndex('provider_org_name').on('provider').columns(['org_id', 'name', 'id']).execute();

  t = id(db.schema.createTable('provider_contact') as Builder);
  t = t.addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id').onDelete('cascade'));
  for (const c of ['name', 'email', 'phone', 'title', 'created_at']) t = str(t, c);
  await t.execute();
  await db.schema
    .createIndex('provider_contact_by_provider')
    .on('provider_contact')
    .column('provider_id')
    .execute();

  t = id(db.schema.createTable('provider_audit') as Builder);
  t = t.addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id').onDelete('cascade'));
  for (const c of ['audit_date', 'audit_type', 'result', 'findings']) t = str(t, c);
  t = opt(t, 'evidence_id');
  for (const c of ['created_by', 'created_at']) t = str(t, c);
  await t.execute();
  await db.schema
    .createIndex('provider_audit_by_provider')
    .on('provider_audit')
    .columns(['provider_id', 'audit_date'])
    .execute();

  t = id(db.schema.createTable('provider_incident') as Builder);
  t = t.addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id').onDelete('cascade'));
  for (const c of ['kind', 'occurred_at']) t = str(t, c);
  t = opt(t, 'notified_at');
  for (const c of ['summary', 'status']) t = str(t, c);
  t = opt(t, 'closed_at');
  for (const c of ['created_by', 'created_at', 'updated_at']) t = str(t, c);
  await t.execute();
  await db.schema
    .createIndex('provider_incident_by_provider')
    .on('provider_incident')
    .columns(['provider_id', 'occurred_at'])
    .execute();

  t = id(db.schema.createTable('provider_incident_update') as Builder);
  t = t.addColumn('incident_id', 'text', (c) =>
    c.notNull().references('provider_incident.id').onDelete('cascade'),
  );
  for (const c of ['at', 'note', 'created_by']) t = str(t, c);
  await t.execute();

  t = id(db.schema.createTable('questionnaire') as Builder);
  t = t.addColumn('provider_id', 'text', (c) => c.notNull().references('provider.id').onDelete('cascade'));
  t = t.addColumn('contact_id', 'text', (c) => c.notNull().references('provider_contact.id'));
  t = opt(t, 'assessment_id');
  t = t.addColumn('token_hash', 'text', (c) => c.notNull().unique());
  for (const c of ['expires_at', 'status']) t = str(t, c);
  t = opt(t, 'sent_at');
  t = str(t, 'delivery');
  for (const c of ['last_saved_at', 'submitted_at', 'reviewed_by', 'reviewed_at', 'review_comment'])
    t = opt(t, c);
  for (const c of ['created_by', 'created_at']) t = str(t, c);
  await int(t, 'version').execute();
  await db.schema
    .createIndex('questionnaire_by_provider')
    .on('questionnaire')
    .columns(['org_id', 'provider_id'])
    .execute();

  await db.schema
    .createTable('questionnaire_answer')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'text', (c) =>
      c.notNull().references('questionnaire.id').onDelete('cascade'),
    )
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('questionnaire_answer_pk', ['questionnaire_id', 'item_id'])
    .execute();

  t = id(db.schema.createTable('questionnaire_attachment') as Builder);
  t = t.addColumn('questionnaire_id', 'text', (c) =>
    c.notNull().references('questionnaire.id').onDelete('cascade'),
  );
  for (const c of ['item_id', 'sha256', 'filename', 'mime_type']) t = str(t, c);
  t = t.addColumn('size_bytes', 'bigint', (c) => c.notNull());
  await str(t, 'created_at').execute();
  await db.schema
    .createIndex('questionnaire_attachment_by_questionnaire')
    .on('questionnaire_attachment')
    .column('questionnaire_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'questionnaire_attachment',
    'questionnaire_answer',
    'questionnaire',
    'provider_incident_update',
    'provider_incident',
    'provider_audit',
    'provider_contact',
    'provider',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
