import type { Kysely } from 'kysely';

/**
 * Notification templates of an app (SMS, push, e-mail), checked for unmasked personal data (Art. 16.2).
 * The de-identification result is computed on read from the text, so it always follows the detectors.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_notification_template')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('app_notification_template_org_id_key', ['org_id', 'id'])
    .addForeignKeyConstraint(
      'app_notification_template_app_id_org_fk',
      ['org_id', 'app_id'],
      'mobile_app',
      ['org_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('app_notification_template_by_app')
    .on('app_notification_template')
    .columns(['org_id', 'app_id', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('app_notification_template').execute();
}
