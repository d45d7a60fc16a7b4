import { readFile, stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { MDM_SOURCES, type MdmSource } from '../../modules/devices/import/mdm-profiles.js';
import { rowProblemsCsv } from '../../modules/tabular-import/error-report.js';
import { REGISTER_IMPORT_LIMITS } from '../../modules/tabular-import/table-reader.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { withCliContext } from '../context.js';
import { CliError } from '../errors.js';

/** AppErrors become one readable line for operators. */
function explain(error: unknown, locale: Locale): never {
  if (error instanceof AppError) throw new CliError(`${error.code}: ${errorMessage(error.code, locale)}`);
  throw error;
}

export function registerDeviceCommands(program: Command): void {
  const devices = program.command('devices').description('the mobile device register (guideline ch. 4)');

  devices
    .command('import <file>')
    .description(
      'import an MDM export (CSV or XLSX): every row or none; the source is detected from the headers',
    )
    .requiredOption('--org <id-or-name>', 'organisation')
    .option('--source <source>', `one of ${MDM_SOURCES.join(', ')}`)
    .option('--dry-run', 'validate and show the counts without changing anything')
    .option('--report <file>', 'write the row-level error report (CSV) here when rows are rejected')
    .option('--lang <lang>', 'language of messages and the error report: zh-TW or en', 'en')
    .action(
      (
        file: string,
        options: { org: string; source?: string; dryRun?: boolean; report?: string; lang: string },
      ) =>
        withCliContext(async ({ services }) => {
          const locale: Locale = options.lang === 'zh-TW' ? 'zh-TW' : 'en';
          if (options.source && !(MDM_SOURCES as readonly string[]).includes(options.source))
            throw new CliError(`--source must be one of ${MDM_SOURCES.join(', ')}`);
          const org =
            (await services.identity.findOrganization(options.org)) ??
            (await services.identity.findOrganizationByName(options.org));
          if (!org) throw new CliError(`no organisation ${options.org} (see jianhe org list)`);
          const size = await stat(file).then(
            (s) => s.size,
            () => {
              throw new CliError(`cannot read ${file}`);
            },
          );
          // The upload cap, checked before the file is read (the row and unpacking caps apply inside).
          if (size > REGISTER_IMPORT_LIMITS.maxFileBytes)
            throw new CliError(`${file} is larger than ${REGISTER_IMPORT_LIMITS.maxFileBytes} bytes`);
          const content = await readFile(file);
          const outcome = await services.devices.devices
            .importFile({ orgId: org.id, userId: null }, content, file.split(/[\\/]/).at(-1)!, {
              dryRun: options.dryRun === true,
              locale,
              ...(options.source ? { source: options.source as MdmSource } : {}),
            })
            .catch((error) => explain(error, locale));
          const plan = outcome.plan;
          process.stdout.write(
            `source: ${outcome.source}, rows: ${outcome.rows}\n` +
              `added: ${plan?.added ?? 0}, updated: ${plan?.updated ?? 0}, flagged: ${plan?.flagged ?? 0}\n`,
          );
          if (outcome.errors.length > 0) {
            for (const e of outcome.errors)
              process.stderr.write(`row ${e.sheetRow} ${e.column ?? ''}: ${e.code} ${e.message}\n`);
            if (options.report) await writeFile(options.report, rowProblemsCsv(outcome.errors, locale));
            throw new CliError(`${outcome.errors.length} problem(s); nothing was changed`);
          }
          process.stdout.write(outcome.applied ? 'Applied.\n' : 'Dry run: nothing was changed.\n');
        }),
    );
}
