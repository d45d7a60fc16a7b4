import type { AppConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { runMigrations, withStartupLock } from '../db/migrate.js';
import { createServices } from '../modules/services.js';
import { type App, buildApp } from './app.js';
import { createProcessLogger } from './process-logger.js';
import { randomToken, sha256Hex } from './secrets.js';

/** Longest we wait for in-flight requests before cutting connections; under the 10 s the platform allows. */
const DRAIN_TIMEOUT_MS = 8_000;

export interface RunningServer {
  app: App;
  url: string;
  /** On first start with no users: the one-time link that creates the first platform administrator. */
  setupUrl: string | null;
  stop(): Promise<void>;
}

export async function startServer(config: AppConfig): Promise<RunningServer> {
  const log = createProcessLogger(config.logLevel);
  const database = openDatabase(config.database, { log });
  const services = createServices({ config, database, log });
  try {
    // Migrations and the bundled catalogs load under one lock, so parallel instances never race.
    await withStartupLock(database, async () => {
      await runMigrations(database);
      await services.catalogs.syncBundled();
    });
    await services.assessments.evidence.removeStaleUploads();
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp({ config, database, services, startedAt: new Date() });
  await app.listen({ port: config.port, host: config.host });
  // Background work (reminders, the mail outbox) runs in every instance; the jobs table shares it out.
  if (config.scheduler?.enabled !== false) services.scheduler.start(config.scheduler?.intervalMs);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = config.publicUrl ?? `http://${host}:${port}`;
  let setupUrl: string | null = null;
  if ((await services.identity.countUsers()) === 0) {
    const token = randomToken();
    await services.identity.insertSetupToken(sha256Hex(token));
    setupUrl = `${base}/setup?token=${token}`;
  }
  let stopping: Promise<void> | undefined;
  return {
    app,
    url: `http://${host}:${port}`,
    setupUrl,
    stop() {
      stopping ??= (async () => {
        const force = setTimeout(() => app.server.closeAllConnections(), DRAIN_TIMEOUT_MS);
        force.unref();
        try {
          await services.scheduler.stop();
          await app.close();
        } finally {
          clearTimeout(force);
          await database.close();
        }
      })();
      return stopping;
    },
  };
}

/** SIGTERM/SIGINT: stop accepting, drain, close the database, exit 0. A second signal exits at once. */
export function exitOnSignals(server: RunningServer): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(1);
    received = true;
    server.app.log.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
