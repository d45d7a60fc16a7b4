import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_FIXTURES } from '../../../../../test/support/app-fixtures.js';
import { REPO_ROOT } from '../../../../../test/support/cli.js';
import { sarifValidator } from '../../../../../test/support/sarif.js';
import { buildSarifLog, FINGERPRINT_KEY } from '../../../platform/sarif.js';
import { renderText, toSarif } from './report.js';
import { compileRulePack, loadRulePack } from './rule-pack.js';
import { scanFile } from './scan.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/apps');
const pack = loadRulePack();
const validate = sarifValidator();

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  partialFingerprints: Record<string, string>;
  level: string;
}
const resultsOf = (log: Record<string, unknown>) =>
  (log as { runs: Array<{ results: SarifResult[]; tool: { driver: { rules: Array<{ id: string }> } } }> })
    .runs[0]!;

describe('SARIF output', () => {
  it.each(['insecure.apk', 'clean.apk', 'insecure.ipa', 'mobsf-android.json'])(
    '%s validates against SARIF 2.1.0',
    async (name) => {
      const log = toSarif(await scanFile(path.join(FIXTURES, name), { pack }), pack);
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  it('the schema check bites: a result without a message is refused', () => {
    const log = buildSarifLog([
      {
        toolName: 't',
        toolVersion: '1.0.0',
        rules: [{ id: 'r', shortDescription: 'r', severity: 'high' }],
        results: [
          {
            ruleId: 'r',
            severity: 'high',
            message: 'm',
            locations: [{ uri: 'a.apk' }],
            fingerprintParts: ['x'],
          },
        ],
      },
    ]) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    expect(validate(log)).toBe(true);
    delete log.runs[0]!.results[0]!.message;
    expect(validate(log)).toBe(false);
  });

  it('ruleIds and ruleIndex point into the declared rules; levels follow severity', async () => {
    const run = resultsOf(toSarif(await scanFile(path.join(FIXTURES, 'insecure.apk'), { pack }), pack));
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...pack.rules.keys()]);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    const debuggable = run.results.find((r) => r.ruleId === 'android-debuggable')!;
    expect(debuggable.level).toBe('error');
  });

  it('partialFingerprints are stable across scans and builds, and distinct within one', async () => {
    const first = resultsOf(
      toSarif(await scanFile(path.join(FIXTURES, 'insecure.apk'), { pack }), pack),
    ).results;
    const again = resultsOf(
      toSarif(await scanFile(path.join(FIXTURES, 'insecure.apk'), { pack }), pack),
    ).results;
    const prints = first.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(again.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(prints);
    expect(new Set(prints).size).toBe(prints.length);
    // The debuggable build of another app: its debuggable finding has a different identity.
    const other = resultsOf(
      toSarif(await scanFile(path.join(FIXTURES, 'debuggable.apk'), { pack }), pack),
    ).results;
    expect(other[0]!.partialFingerprints[FINGERPRINT_KEY]).not.toBe(
      first.find((r) => r.ruleId === 'android-debuggable')!.partialFingerprints[FINGERPRINT_KEY],
    );
  });
});

describe('text output and the rule pack', () => {
  it('prints findings in zh-TW or English with remediation and the clause', async () => {
    const result = await scanFile(path.join(FIXTURES, 'debuggable.apk'), { pack });
    const zh = renderText(result, pack, 'zh-TW');
    expect(zh).toContain('[HIGH] android-debuggable — 應用程式可被除錯');
    expect(zh).toContain('MASVS-RESILIENCE-4 · art-17.1.1');
    expect(renderText(result, pack, 'en')).toContain('Fix: Remove android:debuggable');
  });

  it('every rule names a clause that exists in the guideline catalog', () => {
    const catalog = readFileSync(
      path.join(REPO_ROOT, 'catalogs/tw-sfa-cloud-social-mobile/1.0.json'),
      'utf8',
    );
    for (const rule of pack.rules.values()) expect(catalog, rule.id).toContain(`"id": "${rule.clause}"`);
  });

  it('refuses a pack with a duplicate id, an unknown MASVS control, a bad regex or nested quantifiers', () => {
    const doc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'rules/mobile-app/rule-pack.json'), 'utf8'));
    const variant = (change: (d: typeof doc) => void) => {
      const copy = structuredClone(doc);
      change(copy);
      return () => compileRulePack(copy);
    };
    expect(variant((d) => d.rules.push(d.rules[0]))).toThrow(/appears twice/);
    expect(variant((d) => (d.rules[0].masvs = 'MASVS-STORAGE-9'))).toThrow(/masvs/);
    expect(
      variant((d) => (d.rules.find((r: { id: string }) => r.id === 'http-url').pattern.regex = '(http')),
    ).toThrow(/http-url/);
    expect(
      variant((d) => (d.rules.find((r: { id: string }) => r.id === 'http-url').pattern.regex = '(a+)+b')),
    ).toThrow(/nested quantifiers/);
    // RE2's inline flags are not JavaScript: refused on load, not run differently.
    expect(
      variant(
        (d) => (d.rules.find((r: { id: string }) => r.id === 'http-url').pattern.regex = '(?i)http://'),
      ),
    ).toThrow(/http-url: Invalid/);
  });

  it('the pack hash changes with any change to the pack', () => {
    const doc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'rules/mobile-app/rule-pack.json'), 'utf8'));
    expect(compileRulePack(doc).sha256).toBe(pack.sha256);
    doc.parameters.minSdk = 29;
    expect(compileRulePack(doc).sha256).not.toBe(pack.sha256);
  });

  it('the committed fixtures are what scripts/build-app-fixtures.ts builds', () => {
    for (const [name, build] of Object.entries(APP_FIXTURES)) {
      expect(
        readFileSync(path.join(FIXTURES, name)).equals(build()),
        `${name} is stale: run npx tsx scripts/build-app-fixtures.ts`,
      ).toBe(true);
    }
  });
});
