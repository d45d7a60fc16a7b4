import { existsSync } from 'node:fs';
import { type AppConfig, loadConfig } from '../config/config.js';
import { type DatabaseHandle, openDatabase } from '../db/database.js';
import { pendingMigrations, runMigrations, withStartupLock } from '../db/migrate.js';
import { createServices, type Services } from '../modules/services.js';
import { CliError } from './errors.js';

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

/** Read-only commands refuse to conjure a database: a missing SQLite file is an error naming where it was looked for. */
export function existingDatabaseOrExplain(config: AppConfig): void {
  if (config.database.kind === 'sqlite' && !existsSync(config.database.file))
    throw new CliError(
      `no Jianhe database at ${config.database.file} (set JIANHE_DATA_DIR or DATABASE_URL, or run "jianhe migrate" first)`,
    );
}

/**
 * For commands that only read (list, show, export, verify): opens the existing installation as it is. It
 * never migrates, loads bundled catalogs, or creates a file or directory (no database file, data
 * directory or secret key); a missing database or a schema behind this version is an error saying so.
 * An export still records itself in the audit trail, as through the API.
 */
export async function withReadOnlyCliContext<T>(work: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env, { readOnly: true });
  existingDatabaseOrExplain(config);
  const database = openDatabase(config.database, { mustExist: true });
  try {
    const pending = await pendingMigrations(database);
    if (pending.length > 0)
      throw new CliError(
        `the database schema is behind this version (${pending.length} pending migration(s)); run "jianhe migrate" first`,
      );
    const services = createServices({ config, database, readOnly: true });
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
