import { Command } from 'commander';
import { APP_VERSION } from '../config/version.js';
import { registerAppCommands } from './commands/apps.js';
import { registerAssessmentCommands } from './commands/assessment.js';
import { registerCatalogCommands } from './commands/catalog.js';
import { registerCheckCommands } from './commands/check.js';
import { registerIdentityCommands } from './commands/identity.js';
import { registerJobCommands } from './commands/jobs.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerProviderCommands } from './commands/providers.js';
import { registerServeCommand } from './commands/serve.js';

/** Builds the command tree. Each capability adds its command group (catalog, user, audit, …) here. */
export function buildProgram(): Command {
  const program = new Command('jianhe')
    .description('Jianhe (檢核): cloud, social-media and mobile security self-assessment')
    .version(APP_VERSION, '-v, --version')
    .showHelpAfterError()
    .enablePositionalOptions();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerCatalogCommands(program);
  registerIdentityCommands(program);
  registerAssessmentCommands(program);
  registerProviderCommands(program);
  registerCheckCommands(program);
  registerAppCommands(program);
  registerJobCommands(program);
  return program;
}
