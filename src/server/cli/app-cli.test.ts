import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../../test/support/cli.js';
import { sarifValidator } from '../../../test/support/sarif.js';

const fixture = (name: string) => path.join(REPO_ROOT, 'test/fixtures/apps', name);
const work = mkdtempSync(path.join(tmpdir(), 'jianhe-app-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// A data directory that must stay absent: a scan opens no database.
const env = { JIANHE_DATA_DIR: path.join(work, 'no-database-here') };

describe('jianhe app scan', () => {
  it('--fail-on high exits 1 on the debuggable APK and 0 on the clean one', async () => {
    const debuggable = await runCli(['app', 'scan', fixture('debuggable.apk'), '--fail-on', 'high'], env);
    expect(debuggable.code).toBe(1);
    expect(debuggable.stdout).toContain('android-debuggable');
    expect(debuggable.stderr).toMatch(/gate FAILED at --fail-on high/);
    const clean = await runCli(['app', 'scan', fixture('clean.apk'), '--fail-on', 'high'], env);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toMatch(/0 findings.*gate passed/);
    expect(existsSync(env.JIANHE_DATA_DIR)).toBe(false);
  });

  it('the threshold decides: the debuggable APK passes --fail-on critical and --fail-on none', async () => {
    expect(
      (await runCli(['app', 'scan', fixture('debuggable.apk'), '--fail-on', 'critical'], env)).code,
    ).toBe(0);
    expect((await runCli(['app', 'scan', fixture('insecure.apk'), '--fail-on', 'critical'], env)).code).toBe(
      1,
    );
    expect((await runCli(['app', 'scan', fixture('insecure.apk'), '--fail-on', 'none'], env)).code).toBe(0);
  });

  it('writes JSON and SARIF to a file with -o and prints a summary line', async () => {
    const json = path.join(work, 'scan.json');
    const result = await runCli(
      ['app', 'scan', fixture('insecure.ipa'), '--format', 'json', '-o', json],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^insecure\.ipa: \d+ findings/);
    const evidence = JSON.parse(readFileSync(json, 'utf8'));
    expect(evidence.input.kind).toBe('ipa');
    expect(evidence.rulePack.sha256).toMatch(/^[0-9a-f]{64}$/);
    const sarif = await runCli(
      ['app', 'scan', fixture('insecure.apk'), '--format', 'sarif', '--fail-on', 'none'],
      env,
    );
    expect(sarifValidator()(JSON.parse(sarif.stdout))).toBe(true);
  });

  it('imports a MobSF report given with --mobsf, or detected as FILE', async () => {
    const given = await runCli(
      ['app', 'scan', '--mobsf', fixture('mobsf-android.json'), '--format', 'json', '--fail-on', 'none'],
      env,
    );
    expect(given.code).toBe(0);
    expect(JSON.parse(given.stdout).input.kind).toBe('mobsf-report');
    const detected = await runCli(
      ['app', 'scan', fixture('mobsf-ios.json'), '--fail-on', 'high', '--lang', 'en'],
      env,
    );
    expect(detected.code).toBe(1);
    expect(detected.stdout).toContain('ios-ats-arbitrary-loads');
  });

  it('exits 2 with one clear line for a file it cannot scan', async () => {
    const bad = path.join(work, 'not-an-app.apk');
    writeFileSync(bad, 'this is text, not an archive');
    const result = await runCli(['app', 'scan', bad], env);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^jianhe: APP_SCAN_UNSUPPORTED_FILE: The file is not an APK/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await runCli(['app', 'scan', path.join(work, 'missing.apk')], env)).code).toBe(2);
    expect((await runCli(['app', 'scan'], env)).code).toBe(2);
  });
});

describe('jianhe deid check', () => {
  it('reads standard input, exits 1 when personal data is found and never prints it unmasked', async () => {
    const result = await runCli(
      ['deid', 'check', '--format', 'json'],
      env,
      '【證券】身分證字號A123456789已驗證，手機0912345678',
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map((f: { detector: string }) => f.detector)).toEqual([
      'national-id',
      'mobile-phone',
    ]);
    expect(report.findings[0]).toMatchObject({ line: 1, column: 10, masked: 'A12****789' });
    expect(result.stdout).not.toContain('A123456789');
    expect(result.stdout).not.toContain('0912345678');
  });

  it('reads a file and exits 0 when the text is already de-identified', async () => {
    const file = path.join(work, 'template.txt');
    writeFileSync(file, '【證券】{{name}}您好，身分證字號A12****789已驗證\n客服專線(02)2345-6789\n');
    const result = await runCli(['deid', 'check', file, '--lang', 'en'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No unmasked personal data found.');
  });
});
