import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../../test/support/cli.js';
import { cliEnvFor, describeEachDatabase } from '../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import { oscalValidator } from '../../../../test/support/oscal.js';
import { deflatedZeros } from '../../../../test/support/zip-bomb.mjs';
import { writeZip } from '../../platform/zip-writer.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

describeEachDatabase('jianhe assessment export / import', (db) => {
  let org: SeededOrg;
  let assessmentId: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'jianhe-cli-export-'));

  beforeAll(async () => {
    org = await seedOrganization(db(), 'CLI Export Futures');
    const created = await db().services.assessments.lifecycle.create(
      { orgId: org.orgId, userId: org.users.assessor.id },
      { catalogRef: CATALOG, name: 'CLI 自評', period: '2026' },
    );
    assessmentId = created.id;
  });

  it('exports every format to a file', async () => {
    const env = cliEnvFor(db());
    const ar = path.join(dir, 'ar.json');
    const result = await runCli(
      ['assessment', 'export', assessmentId, '--format', 'oscal-ar', '-o', ar],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(oscalValidator('assessment-results')(JSON.parse(readFileSync(ar, 'utf8')))).toBe(true);

    const csv = await runCli(['assessment', 'export', assessmentId, '--format', 'csv'], env);
    expect(csv.stdout.startsWith('\uFEFF項次')).toBe(true);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(64);

    const bad = await runCli(['assessment', 'export', assessmentId, '--format', 'docx'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format must be one of');
  });

  it('imports an edited XLSX: dry run changes nothing, --as applies, bad rows are reported', async () => {
    const env = cliEnvFor(db());
    const xlsx = path.join(dir, 'checklist.xlsx');
    expect(
      (await runCli(['assessment', 'export', assessmentId, '--format', 'xlsx', '-o', xlsx], env)).code,
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0]!;
    sheet.getRow(2).getCell(7).value = '離線填寫的說明';
    await workbook.xlsx.writeFile(xlsx);

    const dry = await runCli(['assessment', 'import', assessmentId, xlsx, '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('項次 1: explanation "" → "離線填寫的說明"');
    expect(dry.stdout).toContain('1 change(s) would be applied (dry run)');

    const noActor = await runCli(['assessment', 'import', assessmentId, xlsx], env);
    expect(noActor.code).toBe(1);
    const viewer = await runCli(
      ['assessment', 'import', assessmentId, xlsx, '--as', org.users.viewer.email],
      env,
    );
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toContain('not a member of this organisation allowed to assessment:write');

    const applied = await runCli(
      ['assessment', 'import', assessmentId, xlsx, '--as', org.users.assessor.email],
      env,
    );
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Applied 1 change(s).');
    const { items } = await db().services.assessments.insights.load(org.orgId, assessmentId);
    expect(items.find((entry) => entry.item.item_number === 1)!.item.explanation).toBe('離線填寫的說明');

    sheet.getRow(3).getCell(6).value = '不符合';
    await workbook.xlsx.writeFile(xlsx);
    const report = path.join(dir, 'errors.csv');
    const rejected = await runCli(
      ['assessment', 'import', assessmentId, xlsx, '--as', org.users.assessor.email, '--report', report],
      env,
    );
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('COMPENSATING_CONTROL_REQUIRED');
    expect(readFileSync(report, 'utf8')).toContain('3,2,Compensating controls,COMPENSATING_CONTROL_REQUIRED');
  }, 120_000); // five CLI processes (each compiles through tsx): slow on a loaded 2-core machine

  it('applies the API’s caps: a zip bomb is refused unpacked, a file over the upload limit unread', async () => {
    const env = cliEnvFor(db());
    const zeros = await deflatedZeros(64 * 1024 * 1024);
    const bomb = path.join(dir, 'bomb.xlsx');
    writeFileSync(
      bomb,
      writeZip([
        {
          name: 'xl/worksheets/sheet1.xml',
          method: 8,
          data: zeros.data,
          crc32: zeros.crc32,
          uncompressedSize: 16_384,
        },
      ]),
    );
    const refused = await runCli(['assessment', 'import', assessmentId, bomb, '--dry-run'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('IMPORT_TOO_LARGE');

    const big = path.join(dir, 'big.xlsx');
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024 + 1));
    const tooBig = await runCli(['assessment', 'import', assessmentId, big, '--dry-run'], {
      ...env,
      JIANHE_MAX_UPLOAD_MB: '2',
    });
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toContain('PAYLOAD_TOO_LARGE');
    // Under the limit the same bytes are read, and refused for what they are.
    const read = await runCli(['assessment', 'import', assessmentId, big, '--dry-run'], {
      ...env,
      JIANHE_MAX_UPLOAD_MB: '3',
    });
    expect(read.stderr).toContain('IMPORT_NOT_XLSX');
  }, 120_000); // three CLI processes
});
