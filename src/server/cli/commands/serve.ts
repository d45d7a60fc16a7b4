import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { exitOnSignals, startServer } from '../../platform/server.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('migrate the database and serve the web app and API (what `npm start` runs)')
    .action(async () => {
      const config = loadConfig();
      const server = await startServer(config);
      exitOnSignals(server);
      process.stdout.write(`Jianhe is running at ${server.url}\n`);
      if (server.setupUrl) {
        process.stdout.write(
          `First start: create the first administrator at ${server.setupUrl} (one-time link)\n`,
        );
      }
    });
}
