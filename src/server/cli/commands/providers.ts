import type { Command } from 'commander';
import { toCsv } from '../../platform/spreadsheet-safety.js';
import { withCliContext, writeOutput } from '../context.js';
import { CliError } from '../errors.js';

const HEADER = [
  '名稱 Name',
  '服務模式 Models',
  '關鍵 Critical',
  '合約明定RTO RTO clause',
  'RTO (h)',
  'SLA',
  'CSA STAR',
  'STAR 到期 Valid until',
  '查核方式 Audit mode',
  '上次查核 Last audit',
  '下次查核 Next due',
  '逾期 Overdue',
];

export function registerProviderCommands(program: Command): void {
  const providers = program.command('providers').description('the cloud service provider register');

  const load = async (org: string) =>
    withCliContext(async ({ services }) => {
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
      const rows = (await load(options.org)).map(({ row, status }) => [
        row.name,
        (JSON.parse(row.service_models) as string[]).join('/'),
        row.critical ? 'Y' : 'N',
        row.contract_states_rto ? 'Y' : 'N',
        row.rto_hours,
        row.sla_result,
        row.star_status,
        row.star_valid_until,
        status.auditMode.mode,
        status.lastAuditDate,
        status.nextAuditDue,
        status.auditOverdue ? 'Y' : 'N',
      ]);
      await writeOutput(toCsv([HEADER, ...rows]), options.output);
    });
}
