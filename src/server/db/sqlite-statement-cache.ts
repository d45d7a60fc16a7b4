import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

type Statement = SqliteDatabase.Statement<unknown[], unknown>;

/**
 * Kysely's better-sqlite3 driver prepares every statement anew, and compiling SQL cost about a tenth of
 * a full assessment read. Our queries are built from a small set of shapes (values are bound, never
 * inlined), so the same text recurs: this hands the driver one compiled statement per text, kept in
 * least-recently-used order up to `limit` entries so an unusual query mix cannot grow memory.
 */
export function withStatementCache(connection: SqliteDatabase.Database, limit = 500): KyselySqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => connection.close(),
    prepare(sql: string) {
      const cached = statements.get(sql);
      // A statement still iterating (a streamed query) cannot run again until it finishes.
      if (cached && !cached.busy) {
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = connection.prepare(sql);
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > limit) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  } as KyselySqliteDatabase;
}
