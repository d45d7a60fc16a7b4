import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../../src/server/config/config.js';
import { openDatabase } from '../../src/server/db/database.js';
import { createServices } from '../../src/server/modules/services.js';
import { type App, buildApp } from '../../src/server/platform/app.js';

/** Builds the whole app on a throwaway in-memory database, hands it to `work`, and tears it down. */
export async function withThrowawayApp<T>(work: (app: App) => Promise<T> | T): Promise<T> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jianhe-gen-'));
  const database = openDatabase({ kind: 'sqlite', file: ':memory:' });
  try {
    const config: AppConfig = {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logLevel: 'silent',
      database: { kind: 'sqlite', file: ':memory:' },
      smtp: null,
      publicUrl: null,
      maxUploadBytes: 1024,
      session: { idleMinutes: 30, absoluteHours: 12 },
      trustProxy: false,
      outbound: { allowPrivateTargets: false },
      tokenMaxDays: 365,
      readCacheBytes: 0,
    };
    const app = await buildApp(
      { config, database, services: createServices({ config, database }), startedAt: new Date() },
      { logger: false },
    );
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
