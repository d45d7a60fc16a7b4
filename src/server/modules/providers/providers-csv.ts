import { toCsv } from '../../platform/spreadsheet-safety.js';
import type { providerStatus } from './domain/provider-status.js';
import type { ProviderRow } from './providers.repository.js';

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

/** The provider register as CSV (UTF-8 with BOM, formula cells neutralised), for the CLI and the API. */
export function providersCsv(
  entries: ReadonlyArray<{ row: ProviderRow; status: ReturnType<typeof providerStatus> }>,
): string {
  const rows = entries.map(({ row, status }) => [
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
  return toCsv([HEADER, ...rows]);
}
