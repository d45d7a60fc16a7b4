import SqliteDatabase from 'better-sqlite3';
import { Kysely, type KyselyConfig, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/config.js';
import { preparePooledStatements } from './pg-prepared-statements.js';
import type { Database } from './schema.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import { withTenantGuard } from './tenancy/tenant-scope.js';

// COUNT(*) and other int8 results arrive as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export type DatabaseKind = DatabaseConfig['kind'];

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Throws when the database cannot answer a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL only: run every connection inside this schema (used to isolate test runs). */
  schema?: string;
  poolSize?: number;
  /** SQLite only: fail instead of creating the file (read-only CLI commands). */
  mustExist?: boolean;
  /** Where a pooled connection's failure is reported (its cause only: never the connection string). */
  log?: { warn(details: Record<string, unknown>, message: string): void };
  /** Sees every statement executed (the query-plan snapshots record the hot requests' queries with it). */
  onQuery?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

function queryLog(options: OpenDatabaseOptions): KyselyConfig['log'] {
  const { onQuery } = options;
  if (!onQuery) return undefined;
  return (event) => {
    if (event.level === 'query') onQuery(event.query);
  };
}

function openSqlite(file: string, options: OpenDatabaseOptions): Kysely<Database> {
  const connection = new SqliteDatabase(file, { fileMustExist: options.mustExist ?? false });
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(connection) }),
    log: queryLog(options),
  });
}

function openPostgres(url: string, options: OpenDatabaseOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it, and the
  // operator's log says why (message and code only).
  pool.on('error', (error: Error & { code?: string }) =>
    options.log?.warn(
      { cause: { step: 'database-pool', message: error.message, code: error.code } },
      'database pool error',
    ),
  );
  preparePooledStatements(pool);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLog(options) });
}

export function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): DatabaseHandle {
  const db = withTenantGuard(
    config.kind === 'sqlite' ? openSqlite(config.file, options) : openPostgres(config.url, options),
  );
  let closed = false;
  return {
    db,
    kind: config.kind,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
