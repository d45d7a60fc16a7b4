import { type Kysely, sql } from 'kysely';

/**
 * The last sequence number and hash of each audit chain, written in the same transaction as every entry.
 * Verification compares the chain's end with it, so deleting the newest entries (or a whole chain) no
 * longer goes unnoticed. Existing chains are backfilled from their current last entry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_chain_head')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`
    insert into audit_chain_head (chain, seq, hash, updated_at)
    select a.chain, a.seq, a.hash, a.at from audit_log a
    where a.seq = (select max(b.seq) from audit_log b where b.chain = a.chain)
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_chain_head').execute();
}
