import type { Kysely } from 'kysely';

/**
 * The last audit a provider had before it was entered in the register, as the provider form asks for it
 * (a calendar date or null). Audits recorded in the register later take over once they are more recent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('provider').addColumn('last_audit_date', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('provider').dropColumn('last_audit_date').execute();
}
