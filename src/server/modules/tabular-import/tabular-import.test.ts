import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import { deflatedZeros } from '../../../../test/support/zip-bomb.mjs';
import { Tenants } from '../../db/tenancy/tenant-scope.js';
import { readZipEntries } from '../../platform/bounded-unzip.js';
import { storedEntry, writeZip } from '../../platform/zip-writer.js';
import { detectColumns, type ImportProfile, normaliseHeader } from './column-mapping.js';
import { rowProblemsCsv } from './error-report.js';
import { type ImportDefinition, runImport } from './import-pipeline.js';
import { REGISTER_IMPORT_LIMITS, readTable } from './table-reader.js';

type Field = 'name' | 'serial' | 'owner' | 'encrypted';
const ALPHA: ImportProfile<Field> = {
  id: 'alpha',
  signature: [
    ['Device name', 'Managed by'],
    ['裝置名稱', '管理者'],
  ],
  columns: {
    name: { headers: ['Device name', '裝置名稱'], required: true },
    serial: { headers: ['Serial number', '序號'], required: true },
    owner: { headers: ['Primary user UPN'] },
    encrypted: { headers: ['Encrypted', '已加密'] },
  },
};
const BETA: ImportProfile<Field> = {
  id: 'beta',
  signature: [['Serial', 'Owner']],
  columns: {
    name: { headers: ['Name'] },
    serial: { headers: ['Serial'], required: true },
    owner: { headers: ['Owner'] },
    encrypted: { headers: ['FileVault'] },
  },
};
const PROFILES = [ALPHA, BETA];

const csv = (text: string) => Buffer.from(text, 'utf8');
async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Devices');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading tables', () => {
  it('reads CSV with BOM, quoted commas and line breaks, numbering rows as Excel shows them', async () => {
    const rows = await readTable(
      csv(
        '\uFEFFDevice name,Serial number,Managed by\r\n"Phone, A",S1,Intune\r\n\r\n"Multi\nline",S2,Intune\r\n',
      ),
    );
    expect(rows).toEqual([
      { sheetRow: 1, cells: ['Device name', 'Serial number', 'Managed by'] },
      { sheetRow: 2, cells: ['Phone, A', 'S1', 'Intune'] },
      { sheetRow: 4, cells: ['Multi\nline', 'S2', 'Intune'] },
    ]);
  });

  it('reads semicolon CSV, UTF-16LE text and the first sheet of an XLSX as the same cells', async () => {
    const expected = [
      ['Serial', 'Owner'],
      ['S1', '王小明'],
    ];
    const semicolon = await readTable(csv('Serial;Owner\nS1;王小明\n'));
    const utf16 = await readTable(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Serial\tOwner\r\nS1\t王小明\r\n', 'utf16le')]),
    );
    const book = await readTable(await xlsx(expected));
    for (const rows of [semicolon, utf16, book]) expect(rows.map((r) => r.cells)).toEqual(expected);
  });

  it('refuses malformed, non-UTF-8, empty, oversized and too-long files with 4xx codes', async () => {
    await expect(readTable(csv('a,b\n"unclosed,1\n'))).rejects.toMatchObject({ code: 'TABLE_CSV_MALFORMED' });
    await expect(readTable(Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a]))).rejects.toMatchObject({
      code: 'TABLE_NOT_UTF8',
    });
    await expect(readTable(csv('\n\n'))).rejects.toMatchObject({ code: 'TABLE_EMPTY' });
    const limits = { ...REGISTER_IMPORT_LIMITS, maxRows: 2, maxFileBytes: 64 };
    await expect(readTable(csv('a\n1\n2\n3\n'), limits)).rejects.toMatchObject({
      statusCode: 413,
      code: 'TABLE_TOO_MANY_ROWS',
    });
    await expect(readTable(csv('x'.repeat(65)), limits)).rejects.toMatchObject({ statusCode: 413 });
    await expect(readTable(Buffer.from('PK\x03\x04garbage'))).rejects.toMatchObject({
      statusCode: 422,
      code: 'TABLE_NOT_READABLE',
    });
  });

  it('an XLSX that inflates past the caps is refused before exceljs reads it', async () => {
    const small = await xlsx([['Serial'], ['S1']]);
    const zeros = await deflatedZeros(64 * 1024 * 1024);
    const entries = await readZipEntries(small, REGISTER_IMPORT_LIMITS.unpacked);
    const bomb = writeZip(
      [...entries].map(([name, data]) =>
        name === 'xl/worksheets/sheet1.xml'
          ? { name, method: 8, data: zeros.data, crc32: zeros.crc32, uncompressedSize: 4096 }
          : storedEntry(name, data),
      ),
    );
    const limits = {
      ...REGISTER_IMPORT_LIMITS,
      unpacked: { ...REGISTER_IMPORT_LIMITS.unpacked, maxTotalBytes: 8 * 1024 * 1024 },
    };
    await expect(readTable(bomb, limits)).rejects.toMatchObject({ statusCode: 413, code: 'TABLE_TOO_LARGE' });
  });
});

describe('detecting the source by its headers', () => {
  it('finds the header below title lines, ignores case, width and spacing, and lists unused headers', async () => {
    const rows = await readTable(
      csv('Exported devices 2026-12-01\n\nＤＥＶＩＣＥ  NAME,序號,Managed_by,Extra\nPhone,S1,Intune,x\n'),
    );
    const mapping = detectColumns(rows, PROFILES);
    expect(mapping.profile.id).toBe('alpha');
    expect(mapping.headerIndex).toBe(1);
    expect(mapping.columns).toEqual({ name: 0, serial: 1 });
    expect(mapping.unmapped).toEqual(['Managed_by', 'Extra']);
    expect(normaliseHeader(' Last check-in (UTC) ')).toBe('last check in utc');
    const zh = detectColumns(await readTable(csv('裝置名稱,序號,管理者\n手機,S1,Intune\n')), PROFILES);
    expect([zh.profile.id, zh.columns]).toEqual(['alpha', { name: 0, serial: 1 }]);
  });

  it('picks another source by its signature, honours a forced source, and refuses unknown files', async () => {
    const rows = await readTable(csv('Serial,Owner,Device name\nS1,a,Phone\n'));
    expect(detectColumns(rows, PROFILES).profile.id).toBe('beta');
    expect(() => detectColumns(rows, PROFILES, 'alpha')).toThrowError(
      expect.objectContaining({ code: 'TABLE_COLUMNS_MISSING' }),
    );
    expect(() => detectColumns(rows, PROFILES, 'gamma')).toThrowError(
      expect.objectContaining({ statusCode: 400, code: 'TABLE_SOURCE_UNKNOWN' }),
    );
    const unknown = await readTable(csv('Foo,Bar\n1,2\n'));
    expect(() => detectColumns(unknown, PROFILES)).toThrowError(
      expect.objectContaining({ statusCode: 422, code: 'TABLE_SOURCE_UNRECOGNISED' }),
    );
  });

  it('the error report is localised, formula-safe and leaves cell values out', () => {
    const report = rowProblemsCsv(
      [{ sheetRow: 3, column: '=HYPERLINK("x")', code: 'TABLE_VALUE_REQUIRED' }],
      'en',
    );
    expect(report).toBe(
      '\uFEFFRow,Column,Code,Message\r\n3,"\'=HYPERLINK(""x"")",TABLE_VALUE_REQUIRED,This column may not be empty.\r\n',
    );
    expect(rowProblemsCsv([], 'zh-TW').startsWith('\uFEFF列,欄位')).toBe(true);
  });
});

/**
 * The pipeline against a real tenant table. The definition below writes register tasks (any tenant table
 * would do): one per row, keyed by serial, so a row that fails mid-apply shows that nothing stays written.
 */
describeEachDatabase('import pipeline: preview, then every row or none', (db) => {
  let org: SeededOrg;
  let tenants: Tenants;
  beforeAll(async () => {
    org = await seedOrganization(db(), 'Tabular Import Securities');
    tenants = new Tenants(db().handle.db);
  });

  const definition = (
    failOn?: string,
  ): ImportDefinition<Field, { serial: string; name: string }, string[]> => ({
    profiles: PROFILES,
    parseRow(row) {
      if (row.text('serial') === '')
        return { ok: false, problems: [{ field: 'serial', code: 'TABLE_VALUE_REQUIRED' }] };
      return { ok: true, value: { serial: row.text('serial'), name: row.text('name') } };
    },
    async plan(t, rows) {
      const existing = new Set(
        (
          await t.db
            .selectFrom('register_task')
            .select('subject_id')
            .where('register', '=', 'import_test')
            .execute()
        ).map((r) => r.subject_id),
      );
      const seen = new Set<string>();
      const problems = rows
        .filter((r) => {
          const repeated = seen.has(r.value.serial);
          seen.add(r.value.serial);
          return repeated;
        })
        .map((r) => ({ sheetRow: r.sheetRow, column: null, code: 'TABLE_DUPLICATE_ROW' }));
      return { plan: rows.map((r) => r.value.serial).filter((s) => !existing.has(s)), problems };
    },
    async apply(t, serials) {
      for (const serial of serials) {
        if (serial === failOn) throw new Error('storage failed mid-import');
        await t.db
          .insertInto('register_task')
          .values({
            id: randomUUID(),
            org_id: t.orgId,
            register: 'import_test',
            subject_id: serial,
            subject_label: serial,
            kind: 'check',
            member_user_id: org.users.admin.id,
            reason: 'removed',
            detail: '{}',
            status: 'open',
            raised_at: new Date().toISOString(),
          })
          .execute();
      }
    },
  });
  const count = async () =>
    (
      await tenants
        .scope(org.orgId)
        .db.selectFrom('register_task')
        .select('id')
        .where('register', '=', 'import_test')
        .execute()
    ).length;
  const file = csv('Device name,Serial number,Managed by\nA,S1,Intune\nB,S2,Intune\nC,S3,Intune\n');

  it('a dry run previews without writing; an apply writes every row; a second apply adds none', async () => {
    const preview = await runImport(tenants, org.orgId, file, definition(), { dryRun: true, locale: 'en' });
    expect(preview).toMatchObject({
      source: 'alpha',
      rows: 3,
      applied: false,
      plan: ['S1', 'S2', 'S3'],
      errors: [],
    });
    expect(await count()).toBe(0);
    const applied = await runImport(tenants, org.orgId, file, definition(), { dryRun: false, locale: 'en' });
    expect(applied.applied).toBe(true);
    expect(await count()).toBe(3);
    const again = await runImport(tenants, org.orgId, file, definition(), { dryRun: false, locale: 'en' });
    expect(again.plan).toEqual([]);
    expect(await count()).toBe(3);
  });

  it('row errors (parsing and planning) are reported together, sorted, localised, and nothing is written', async () => {
    const bad = csv('Device name,Serial number,Managed by\nD,S4,Intune\nE,,Intune\nF,S4,Intune\n');
    const outcome = await runImport(tenants, org.orgId, bad, definition(), {
      dryRun: false,
      locale: 'zh-TW',
    });
    expect(outcome.applied).toBe(false);
    expect(outcome.errors).toEqual([
      { sheetRow: 3, column: 'Serial number', code: 'TABLE_VALUE_REQUIRED', message: '此欄位不可空白。' },
      { sheetRow: 4, column: null, code: 'TABLE_DUPLICATE_ROW', message: '同一筆紀錄在檔案中出現多次。' },
    ]);
    expect(await count()).toBe(3);
  });

  it('a failure while writing rolls back the rows already written', async () => {
    const more = csv('Device name,Serial number,Managed by\nG,S7,Intune\nH,S8,Intune\nI,S9,Intune\n');
    await expect(
      runImport(tenants, org.orgId, more, definition('S9'), { dryRun: false, locale: 'en' }),
    ).rejects.toThrow('storage failed mid-import');
    expect(await count()).toBe(3);
  });
});
