import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest, pendingMigrations } from '../../db/migrate.js';
import { existingDatabaseOrExplain } from '../context.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema to the latest version')
    .option('--status', 'list pending migrations without applying them')
    .action(async (options: { status?: boolean }) => {
      // --status only reads: it creates neither the data directory nor the database file.
      const config = loadConfig(process.env, { readOnly: options.status === true });
      if (options.status) existingDatabaseOrExplain(config);
      const database = openDatabase(config.database, { mustExist: options.status === true });
      try {
        if (options.status) {
          const pending = await pendingMigrations(database);
          process.stdout.write(
            pending.length === 0 ? 'Database is up to date.\n' : `Pending: ${pending.join(', ')}\n`,
          );
          return;
        }
        const { applied } = await migrateToLatest(database);
        process.stdout.write(
          applied.length === 0
            ? `Database (${database.kind}) is already up to date.\n`
            : `Applied ${applied.length} migration(s) to ${database.kind}: ${applied.join(', ')}\n`,
        );
      } finally {
        await database.close();
      }
    });
}
