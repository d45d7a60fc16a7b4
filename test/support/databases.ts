import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { AppConfig } from '../../src/server/config/config.js';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { createServices, type Services } from '../../src/server/modules/services.js';

export interface TestDatabase {
  handle: DatabaseHandle;
  config: AppConfig;
  /** PostgreSQL only: the schema this suite owns. */
  schema?: string;
  /** PostgreSQL only: a DATABASE_URL that lands in this suite's schema (for child processes). */
  url?: string;
  dataDir: string;
  /** The real module services over this database (present once migrated). */
  services: Services;
  dispose(): Promise<void>;
}

export function postgresUrl(): string | null {
  // Outside vitest (bench/ scripts run through tsx) there is no injected value: the environment's URL.
  if (!process.env.VITEST) return process.env.TEST_DATABASE_URL ?? null;
  return inject('postgresUrl');
}

/** A connection string whose sessions use `schema` as search_path (pg honours the options parameter). */
export function urlWithSchema(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function createPostgresSchema(base: string): Promise<string> {
  const schema = `jianhe_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return schema;
}

export async function dropPostgresSchema(base: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
}

function baseConfig(dataDir: string): Omit<AppConfig, 'database'> {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    smtp: null,
    publicUrl: null,
    maxUploadBytes: 50 * 1024 * 1024,
    session: { idleMinutes: 30, absoluteHours: 12 },
    trustProxy: false,
    // Test servers (OIDC provider, TLS endpoints) listen on loopback.
    outbound: { allowPrivateTargets: true },
    tokenMaxDays: 365,
    // As in production (the default of JIANHE_READ_CACHE_MB): every test's reads go through the cache.
    readCacheBytes: 32 * 1024 * 1024,
  };
}

/** A fresh, migrated database: a temp SQLite file, or a new schema in the test PostgreSQL. */
export async function openTestDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jianhe-test-'));
  let result: TestDatabase;
  if (kind === 'sqlite') {
    const config: AppConfig = {
      ...baseConfig(dataDir),
      database: { kind: 'sqlite', file: path.join(dataDir, 'jianhe.db') },
    };
    const handle = openDatabase(config.database);
    result = {
      handle,
      config,
      dataDir,
      services: createServices({ config, database: handle }),
      async dispose() {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } else {
    const base = postgresUrl();
    if (!base) throw new Error('PostgreSQL is not available for this run');
    const schema = await createPostgresSchema(base);
    const url = urlWithSchema(base, schema);
    const config: AppConfig = { ...baseConfig(dataDir), database: { kind: 'postgres', url } };
    const handle = openDatabase(config.database, { poolSize: 5 });
    result = {
      handle,
      config,
      schema,
      url,
      dataDir,
      services: createServices({ config, database: handle }),
      async dispose() {
        await handle.close();
        await dropPostgresSchema(base, schema);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (options.migrate !== false) {
    // As at server start: migrate, then load the bundled guideline catalogs.
    await migrateToLatest(result.handle);
    await result.services.catalogs.syncBundled();
  }
  return result;
}

/**
 * Runs the same suite on SQLite and, when available, on PostgreSQL, each with its own fresh database.
 * The callback receives a getter because the database only exists once beforeAll has run.
 */
export function describeEachDatabase(title: string, suite: (db: () => TestDatabase) => void): void {
  const targets: DatabaseKind[] = ['sqlite', 'postgres'];
  for (const kind of targets) {
    const available = kind === 'sqlite' || postgresUrl() !== null;
    describe.skipIf(!available)(`${title} [${kind}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(kind);
      });
      afterAll(async () => {
        await database?.dispose();
      });
      suite(() => {
        if (!database) throw new Error('test database is not open yet');
        return database;
      });
    });
  }
}

/** Environment that points a spawned `jianhe` CLI at this test database. */
export function cliEnvFor(db: TestDatabase): Record<string, string> {
  return db.url ? { DATABASE_URL: db.url, JIANHE_DATA_DIR: db.dataDir } : { JIANHE_DATA_DIR: db.dataDir };
}
