import { type Kysely, sql } from 'kysely';

/**
 * Mechanisms shared by the registers (devices, social accounts, apps …):
 * - `register_task`: one table of follow-up tasks raised when a member leaves the organisation or changes
 *   role or department ("re-provision the phone they hold", "hand over the account they administer").
 *   `register` + `subject_id` name the register record the task is about; it is not a foreign key because
 *   the subject lives in whichever register raised the task. A task is closed only together with the
 *   register event that did the work (`done_event_id`). At most one open task per subject, kind and member,
 *   so a repeated departure does not pile up duplicates.
 * - `membership.department`: the member's department, whose change raises the same tasks as a role change.
 * Snapshots need no table: a frozen register snapshot is an evidence record (content-addressed file).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('register_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organization.id').onDelete('cascade'))
    .addColumn('register', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('subject_label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('member_user_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text')
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_event_id', 'text')
    .addUniqueConstraint('register_task_org_id_key', ['org_id', 'id'])
    .execute();
  await sql`create unique index register_task_open_once on register_task
    (org_id, register, subject_id, kind, member_user_id) where status = 'open'`.execute(db);
  await sql`create index register_task_by_status on register_task (org_id, status, raised_at, id)`.execute(
    db,
  );
  await sql`create index register_task_by_subject on register_task (org_id, register, subject_id)`.execute(
    db,
  );

  await db.schema.alterTable('membership').addColumn('department', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('membership').dropColumn('department').execute();
  await db.schema.dropTable('register_task').execute();
}
