import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import type { DatabaseHandle } from './database.js';
import { migrations } from './migrations/index.js';

/** Arbitrary but fixed: every Jianhe instance contends for the same PostgreSQL advisory lock. */
const MIGRATION_LOCK_KEY = 7_245_110_301;

export interface MigrationSummary {
  applied: string[];
}

/**
 * On PostgreSQL the migration bookkeeping tables are pinned to the connection's current schema. Without
 * this, Kysely looks for them in every schema of the database, so an installation sharing a database
 * with another one (a different search_path) would mistake the other's tables for its own.
 */
async function migratorFor(handle: DatabaseHandle): Promise<Migrator> {
  const db = handle.db as unknown as Kysely<unknown>;
  const schema =
    handle.kind === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations as Record<string, Migration> },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

function unwrap(result: MigrationResultSet): MigrationSummary {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`database migration failed${name}: ${(result.error as Error).message ?? result.error}`);
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}

/**
 * Runs start-up work (migrations, loading bundled data) so that instances starting at the same moment
 * never race: on PostgreSQL a session-level advisory lock serialises them, and the later ones find the
 * work done. SQLite serialises writers itself.
 */
export async function withStartupLock<T>(handle: DatabaseHandle, work: () => Promise<T>): Promise<T> {
  if (handle.kind === 'sqlite') return work();
  return handle.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}

/** Applies pending migrations. Call it inside `withStartupLock` (the lock is not re-entrant across connections). */
export async function runMigrations(handle: DatabaseHandle): Promise<MigrationSummary> {
  return unwrap(await (await migratorFor(handle)).migrateToLatest());
}

/** Brings the schema to the latest version, under the start-up lock. */
export function migrateToLatest(handle: DatabaseHandle): Promise<MigrationSummary> {
  return withStartupLock(handle, () => runMigrations(handle));
}

/** Applies migrations up to and including `name` (tests of a migration over older data use it). */
export async function migrateTo(handle: DatabaseHandle, name: string): Promise<MigrationSummary> {
  return withStartupLock(handle, async () => unwrap(await (await migratorFor(handle)).migrateTo(name)));
}

export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const all = await (await migratorFor(handle)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
