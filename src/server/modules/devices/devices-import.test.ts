import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { createMember, type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import type { DeviceRow } from './devices.repository.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../test/fixtures/devices');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));
const posture = (d: DeviceRow) =>
  Object.fromEntries(
    Object.entries(JSON.parse(d.posture) as Record<string, { value: string }>).map(([k, v]) => [k, v.value]),
  );

describeEachDatabase('device register: MDM imports from each format', (db) => {
  let org: SeededOrg;
  const actor = () => ({ orgId: org.orgId, userId: org.users.assessor.id });
  const run = (
    name: string,
    options: { dryRun?: boolean; source?: 'intune' | 'jamf' | 'google' | 'fleet' | 'jianhe' } = {},
    bytes?: Buffer,
  ) =>
    db().services.devices.devices.importFile(actor(), bytes ?? fixture(name), name, {
      dryRun: false,
      locale: 'en',
      ...options,
    });
  const all = async () => {
    const rows = await db().services.devices.devices.list(org.orgId, {}, 1000);
    return new Map(rows.map((r) => [r.name, r]));
  };

  beforeAll(async () => {
    org = await seedOrganization(db(), 'Device Import Securities');
    await createMember(db(), org.orgId, { email: 'alice@example.com', role: 'viewer' });
  });

  it('Intune (English): columns map, posture follows the facts, the primary user becomes the holder', async () => {
    const preview = await run('intune-en.csv', { dryRun: true });
    expect(preview).toMatchObject({ source: 'intune', rows: 4, applied: false, errors: [] });
    expect((await all()).size).toBe(0);
    const outcome = await run('intune-en.csv');
    expect(outcome.plan).toMatchObject({ added: 4, updated: 0, flagged: 0 });
    const devices = await all();
    const one = devices.get('TPE-IPHONE-001')!;
    expect(one).toMatchObject({
      platform: 'ios',
      type: 'phone',
      os_version: '17.5.1',
      model: 'iPhone 15',
      serial_number: 'F2LXK1AAHG7F',
      imei: '356789101234561',
      holder_phone: '+886912345671',
      holder_name: '陳愛麗',
      department: '資訊部',
      ownership: 'company',
      mdm_source: 'intune',
      mdm_device_id: '6f1c2e1a-0001-4c1b-9d1e-000000000001',
      enrolled: 1,
      last_check_in: '2026-11-30T08:12:45.000Z',
    });
    expect(one.holder_user_id).toBe(
      (await db().services.organizations.members(org.orgId)).find((m) => m.email === 'alice@example.com')!.id,
    );
    expect(posture(one)).toEqual({
      storage_encryption: 'pass',
      jailbreak: 'pass',
      os_settings_restricted: 'pass',
      remote_wipe: 'pass',
    });
    expect(posture(devices.get('TPE-PIXEL-003')!)).toMatchObject({
      storage_encryption: 'pass',
      jailbreak: 'fail',
    });
    expect(devices.get('TPE-PIXEL-003')!.ownership).toBe('byod');
    // Blank "Encrypted" and "Jailbroken: Unknown" are unknown, never a pass.
    expect(posture(devices.get('TPE-IPAD-004')!)).toMatchObject({
      storage_encryption: 'unknown',
      jailbreak: 'unknown',
    });
    expect(devices.get('TPE-IPAD-004')!.type).toBe('tablet');
  });

  it('a second import updates without duplicating, and flags devices missing from it', async () => {
    const text = fixture('intune-en.csv').toString('utf8').split('\n');
    const withoutLast = Buffer.from(
      text
        .filter((line) => !line.includes('TPE-IPAD-004'))
        .join('\n')
        .replace('16.7.8', '17.6'),
    );
    const outcome = await run('intune-en.csv', {}, withoutLast);
    expect(outcome.plan).toMatchObject({ added: 0, updated: 3, flagged: 1 });
    const devices = await all();
    expect(devices.size).toBe(4);
    expect(devices.get('TPE-IPHONE-002')!.os_version).toBe('17.6');
    expect(devices.get('TPE-IPAD-004')!.missing_since).not.toBeNull();
    expect(devices.get('TPE-IPHONE-001')!.missing_since).toBeNull();
  });

  it('Intune in zh-TW headers maps the same columns', async () => {
    const outcome = await run('intune-zh-TW.csv');
    expect(outcome).toMatchObject({ source: 'intune', errors: [] });
    const phone = (await all()).get('台北-Galaxy-02')!;
    expect(phone).toMatchObject({
      platform: 'android',
      os_version: '13',
      serial_number: 'R58N91ABCDE',
      ownership: 'byod',
      department: '財務部',
      last_check_in: '2026-11-29T18:00:00.000Z',
    });
    expect(posture(phone)).toMatchObject({
      storage_encryption: 'fail',
      jailbreak: 'pass',
      os_settings_restricted: 'fail',
    });
  });

  it('Jamf Pro, Google Workspace and Fleet exports map their own columns', async () => {
    expect((await run('jamf.csv')).source).toBe('jamf');
    expect((await run('google.csv')).source).toBe('google');
    expect((await run('fleet.csv')).source).toBe('fleet');
    const d = await all();
    expect(d.get('TPE-JAMF-IPAD-02')).toMatchObject({
      platform: 'ipados',
      type: 'tablet',
      ownership: 'byod',
      department: '業務部',
    });
    expect(posture(d.get('TPE-JAMF-IPAD-02')!)).toMatchObject({
      passcode: 'fail',
      storage_encryption: 'fail',
      jailbreak: 'pass',
    });
    expect(posture(d.get('TPE-JAMF-IPHONE-01')!)).toMatchObject({
      passcode: 'pass',
      os_settings_restricted: 'pass',
    });
    expect(d.get('Jill iPhone')).toMatchObject({
      platform: 'ios',
      os_version: '16.6',
      ownership: 'byod',
      enrolled: 0,
    });
    expect(posture(d.get('Jill iPhone')!)).toMatchObject({
      jailbreak: 'fail',
      storage_encryption: 'fail',
      passcode: 'fail',
      remote_wipe: 'fail',
    });
    expect(posture(d.get('陳小安的手機')!)).toMatchObject({
      jailbreak: 'pass',
      storage_encryption: 'pass',
      passcode: 'pass',
    });
    expect(d.get('Kate MacBook Pro')).toMatchObject({
      platform: 'macos',
      type: 'laptop',
      os_version: '14.2.1',
      model: 'MacBookPro18,3',
    });
    expect(posture(d.get('LEO-WIN11')!)).toMatchObject({ storage_encryption: 'fail', remote_wipe: 'fail' });
  });

  it('the Jianhe CSV carries every control and the Art. 13 scope facts', async () => {
    expect((await run('jianhe.csv')).source).toBe('jianhe');
    const d = await all();
    expect(d.get('交易室平板')).toMatchObject({ in_scope: 1, failing: 1 });
    expect(posture(d.get('交易室平板')!)).toMatchObject({
      wireless_restricted: 'fail',
      anti_malware: 'unknown',
      allowed_apps: 'pass',
    });
    expect(d.get('訪客筆電')).toMatchObject({ in_scope: 0, handles_sensitive: 0, holder_name: '外部顧問' });
  });

  it('XLSX exports import like CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Devices');
    for (const line of fixture('google.csv').toString('utf8').trim().split('\n'))
      sheet.addRow(line.split(','));
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const outcome = await run('google.xlsx', { dryRun: true }, bytes);
    expect(outcome).toMatchObject({ source: 'google', rows: 2, errors: [] });
    expect(outcome.plan).toMatchObject({ added: 0, updated: 2 });
  });

  it('a broken file changes nothing and reports every bad row; the source can be forced', async () => {
    const before = await all();
    const broken = Buffer.from(
      [
        'name,platform,ownership,serial_number,last_check_in,storage_encryption,handles_sensitive',
        'ok-device,android,company,OK000001,2026-11-30,pass,yes',
        ',ios,company,BAD00002,2026-11-30,pass,yes',
        'bad-owner,ios,shared,BAD00003,2026-11-30,pass,yes',
        'bad-date,ios,company,BAD00004,30th of Nov,pass,yes',
        'bad-posture,ios,company,BAD00005,2026-11-30,maybe,perhaps',
        'dup,ios,company,OK000001,2026-11-30,pass,yes',
        'no-id,ios,company,,2026-11-30,pass,yes',
      ].join('\n'),
    );
    const outcome = await run('broken.csv', { source: 'jianhe' }, broken);
    expect(outcome.applied).toBe(false);
    expect(outcome.errors.map((e) => [e.sheetRow, e.column, e.code])).toEqual([
      [3, 'name', 'TABLE_VALUE_REQUIRED'],
      [4, 'ownership', 'TABLE_VALUE_INVALID'],
      [5, 'last_check_in', 'TABLE_DATE_INVALID'],
      [6, 'handles_sensitive', 'TABLE_VALUE_INVALID'],
      [6, 'storage_encryption', 'DEVICE_IMPORT_POSTURE_INVALID'],
      [7, null, 'TABLE_DUPLICATE_ROW'],
      [8, 'serial_number', 'DEVICE_IMPORT_NO_IDENTIFIER'],
    ]);
    const after = await all();
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.has('ok-device')).toBe(false);
    await expect(run('intune-en.csv', { source: 'jamf' })).rejects.toMatchObject({
      code: 'TABLE_SOURCE_UNRECOGNISED',
    });
  });
});
