import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  createPostgresSchema,
  dropPostgresSchema,
  openTestDatabase,
  postgresUrl,
  urlWithSchema,
} from '../../../test/support/databases.js';
import { openDatabase } from './database.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { migrations } from './migrations/index.js';

describe('migrations on SQLite', () => {
  it('apply every migration once, then report nothing pending', async () => {
    const db = await openTestDatabase('sqlite', { migrate: false });
    try {
      expect(await pendingMigrations(db.handle)).toEqual(Object.keys(migrations));
      const first = await migrateToLatest(db.handle);
      expect(first.applied).toEqual(Object.keys(migrations));
      expect((await migrateToLatest(db.handle)).applied).toEqual([]);
      expect(await pendingMigrations(db.handle)).toEqual([]);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.handle.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
    } finally {
      await db.dispose();
    }
  });
});

describe.skipIf(postgresUrl() === null)('migrations on PostgreSQL', () => {
  it('several instances migrating at once apply each migration exactly once', async () => {
    const base = postgresUrl()!;
    const schema = await createPostgresSchema(base);
    const handles = Array.from({ length: 4 }, () =>
      openDatabase({ kind: 'postgres', url: urlWithSchema(base, schema) }, { poolSize: 3 }),
    );
    try {
      const results = await Promise.all(handles.map((handle) => migrateToLatest(handle)));
      const applied = results.flatMap((r) => r.applied);
      expect(applied.sort()).toEqual(Object.keys(migrations).sort());
      const rows = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(
        handles[0]!.db,
      );
      expect(rows.rows[0]?.n).toBe(Object.keys(migrations).length);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await dropPostgresSchema(base, schema);
    }
  });
});
