import type { Command } from 'commander';
import { providersCsv } from '../../modules/providers/providers-csv.js';
import { withReadOnlyCliContext, writeOutput } from '../context.js';
import { CliError } from '../errors.js';

export function registerProviderCommands(program: Command): void {
  const providers = program.command('providers').description('the cloud service provider register');

  const load = async (org: string) =>
    withReadOnlyCliContext(async ({ services }) => {
      const target =
        (await services.identity.findOrganization(org)) ??
        (await services.identity.findOrganizationByName(org));
      if (!target) throw new CliError(`no organisation ${org} (see jianhe org list)`);
      return services.providers.providers.list(target.id, 10_000);
    });

  providers
    .command('list')
    .description('list an organisation’s providers with audit status')
    .requiredOption('--org <id-or-name>', 'organisation')
    .action(async (options: { org: string }) => {
      for (const { row, status } of await load(options.org)) {
        const flag = status.auditOverdue ? 'OVERDUE' : `next ${status.nextAuditDue}`;
        process.stdout.write(
          `${row.id}  ${row.name}  ${row.critical ? 'critical' : '-'}  ${row.star_status}  ${status.auditMode.mode}  ${flag}\n`,
        );
      }
    });

  providers
    .command('export')
    .description('export the register as CSV (UTF-8 with BOM, for Excel)')
    .requiredOption('--org <id-or-name>', 'organisation')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (options: { org: string; output?: string }) => {
      await writeOutput(providersCsv(await load(options.org)), options.output);
    });
}
