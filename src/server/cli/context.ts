import { type AppConfig, loadConfig } from '../config/config.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { runMigrations, withStartupLock } from '../db/migrate.js';
import { createServices, type Services } from '../modules/services.js';

export interface CliContext {
  config: AppConfig;
  database: DatabaseHandle;
  services: Services;
}

/**
 * Opens the configured database the way `serve` does (migrated, bundled catalogs loaded) for the
 * duration of one command, and always closes it.
 */
export async function withCliContext<T>(work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.database);
  try {
    const services = createServices({ config, database });
    await withStartupLock(database, async () => {
      await runMigrations(database);
      await services.catalogs.syncBundled();
    });
    return await work({ config, database, services });
  } finally {
    await database.close();
  }
}

/** Writes to a file when given, else to stdout. */
export async function writeOutput(text: string, file: string | undefined): Promise<void> {
  if (!file) {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  const { writeFile } = await import('node:fs/promises');
  await writeFile(file, text);
}
