import type { Kysely } from 'kysely';

/**
 * A register entry can stand for the organisation's own cloud service (the firm as provider, Art. 3
 * and checklist items 19 onward): its questionnaire asks the provider-side questions of the firm itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('provider')
    .addColumn('is_self', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('provider').dropColumn('is_self').execute();
}
