import {
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type Kysely,
  type Migration,
  type MigrationResultSet,
  Migrator,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';
import type { DatabaseHandle } from './database.js';
import { migrations } from './migrations/index.js';

/**
 * Arbitrary but fixed: the first half of a two-key PostgreSQL advisory lock whose second half is the
 * schema's name, so instances of one deployment contend for it, while deployments (or test suites) in other
 * schemas of the same database do not wait for each other. (Two-key locks are a separate space from the
 * one-key locks the audit chain takes.)
 */
const STARTUP_LOCK_CLASS = 724_511_030;

export interface MigrationSummary {
  applied: string[];
}

/**
 * Kysely's PostgreSQL introspector lists every column of every table in the whole database (and calls
 * `pg_get_serial_sequence` on each) just to learn whether the migration tables exist. In a database shared
 * with other installations that is slow, and it fails with "schema … does not exist" whenever another
 * installation drops its schema at the same moment. The migrator only needs table names in our schema.
 */
class CurrentSchemaIntrospector implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly schema: string,
  ) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const found = await sql<SchemaMetadata>`
      select nspname as name from pg_catalog.pg_namespace where nspname = ${this.schema}`.execute(this.db);
    return found.rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const found = await sql<{ name: string; isView: boolean }>`
      select c.relname as name, c.relkind = 'v' as "isView"
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${this.schema} and c.relkind in ('r', 'p', 'v')`.execute(this.db);
    return found.rows.map((row) => ({ ...row, schema: this.schema, columns: [] }));
  }

  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
}

/** The same Kysely instance, answering `introspection` from our own schema only. */
function withIntrospector(db: Kysely<unknown>, introspection: DatabaseIntrospector): Kysely<unknown> {
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * On PostgreSQL the migration bookkeeping tables are pinned to the connection's current schema. Without
 * this, Kysely looks for them in every schema of the database, so an installation sharing a database
 * with another one (a different search_path) would mistake the other's tables for its own.
 */
async function migratorFor(handle: DatabaseHandle): Promise<Migrator> {
  const db = handle.db as unknown as Kysely<unknown>;
  if (handle.kind !== 'postgres') {
    return new Migrator({
      db,
      provider: { getMigrations: async () => migrations as Record<string, Migration> },
    });
  }
  const schema = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]
    ?.schema;
  if (!schema) throw new Error('database migration failed: the search_path names no existing schema');
  return new Migrator({
    db: withIntrospector(db, new CurrentSchemaIntrospector(db, schema)),
    provider: { getMigrations: async () => migrations as Record<string, Migration> },
    migrationTableSchema: schema,
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
    await sql`select pg_advisory_lock(${STARTUP_LOCK_CLASS}, hashtext(current_schema()))`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK_CLASS}, hashtext(current_schema()))`.execute(
        connection,
      );
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
