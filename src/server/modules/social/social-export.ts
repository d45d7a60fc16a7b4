import type { Static } from 'typebox';
import { toCsv } from '../../platform/spreadsheet-safety.js';
import type { Account } from './social.schemas.js';

type AccountDto = Static<typeof Account>;

const SCOPE: Record<AccountDto['scope'], string> = {
  in_scope: '適用',
  excluded_internal: '排除（內部溝通平台）',
};
const STATUS: Record<AccountDto['status'], string> = {
  active: '使用中',
  dormant: '停用中',
  closed: '已關閉',
};

/** The accounts register's columns: zh-TW headers as the firms file them. */
const COLUMNS: ReadonlyArray<readonly [string, (a: AccountDto) => string]> = [
  ['平台', (a) => a.platformName],
  ['帳號名稱', (a) => a.handle],
  ['網址', (a) => a.url],
  ['用途', (a) => a.purpose],
  ['適用範圍', (a) => SCOPE[a.scope]],
  ['排除理由', (a) => a.exclusionReason ?? ''],
  ['權責部門', (a) => a.department],
  ['負責人', (a) => a.ownerName],
  [
    '管理者（最近檢視日）',
    (a) =>
      a.administrators
        .filter((x) => x.removedAt === null)
        .map(
          (x) =>
            `${x.name}${x.outsiderOrganisation ? `／${x.outsiderOrganisation}` : ''}（${x.lastReviewedOn}）`,
        )
        .join('\n'),
  ],
  [
    '待確認管理者',
    (a) => String(a.administrators.filter((x) => x.removedAt === null && x.flaggedReason).length),
  ],
  ['雙因子驗證方式', (a) => a.secondFactorMethod],
  ['雙因子驗證確認日', (a) => a.secondFactorVerifiedOn ?? ''],
  ['標示組織名稱及聯絡方式', (a) => (a.profileShowsIdentity ? '是' : '否')],
  ['截圖有效期限', (a) => a.profileEvidenceValidUntil ?? ''],
  ['狀態', (a) => STATUS[a.status]],
];

/** The register as rows of text, one per account. */
function rows(accounts: readonly AccountDto[]): string[][] {
  return accounts.map((a) => COLUMNS.map(([, value]) => value(a)));
}

/** CSV in UTF-8 with BOM; cells beginning = + - @ are prefixed with ' (docs/reports.md). */
export function accountsCsv(accounts: readonly AccountDto[]): string {
  return toCsv([COLUMNS.map(([header]) => header), ...rows(accounts)]);
}

/**
 * XLSX with every cell a typed string (shared strings, never a formula): a spreadsheet does not evaluate
 * one when it opens the file, so formula-like text stays inert (docs/reports.md, "Formula injection").
 */
export async function accountsXlsx(accounts: readonly AccountDto[]): Promise<Buffer> {
  // exceljs loads with the first workbook, not at start.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jianhe';
  const sheet = workbook.addWorksheet('社群媒體帳號清冊', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(([header]) => ({ header, width: Math.max(12, header.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  for (const values of rows(accounts)) {
    const row = sheet.addRow(values);
    row.eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
