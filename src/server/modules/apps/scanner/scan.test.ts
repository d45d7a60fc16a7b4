import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_FIXTURES, PLANTED } from '../../../../../test/support/app-fixtures.js';
import { REPO_ROOT } from '../../../../../test/support/cli.js';
import { loadRulePack } from './rule-pack.js';
import { gateFails, type ScanResult, scanFile } from './scan.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/apps');
const pack = loadRulePack();
const results = new Map<string, ScanResult>();
const fixtureNames = [...Object.keys(APP_FIXTURES), 'mobsf-android.json', 'mobsf-ios.json'];

beforeAll(async () => {
  for (const name of fixtureNames) results.set(name, await scanFile(path.join(FIXTURES, name), { pack }));
});

const ruleIds = (name: string) => [...new Set(results.get(name)!.findings.map((f) => f.ruleId))].sort();

/** Every rule of the pack, the fixture that plants it, and what its evidence must say. */
const PLANTED_BY_RULE: Record<string, [fixture: string, evidence: string | RegExp]> = {
  'android-debuggable': ['debuggable.apk', 'android:debuggable="true"'],
  'android-allow-backup': ['insecure.apk', 'android:allowBackup="true"'],
  'android-cleartext-traffic': ['insecure.apk', 'android:usesCleartextTraffic="true"'],
  'android-test-only': ['insecure.apk', 'android:testOnly="true"'],
  'android-min-sdk': ['insecure.apk', 'minSdkVersion 21 < 28'],
  'android-exported-component': ['insecure.apk', 'com.example.insecure.OpenProvider'],
  'android-nsc-cleartext': ['insecure.apk', '<base-config cleartextTrafficPermitted="true">'],
  'android-nsc-user-certs': ['insecure.apk', 'certificates src="user"'],
  'android-nsc-pinning-override': ['insecure.apk', 'overridePins="true"'],
  'android-nsc-debug-overrides': ['insecure.apk', 'active, because the app is debuggable'],
  'android-unsigned': ['unsigned.apk', 'no v1, v2 or v3 signature'],
  'android-signing-v1-only': ['insecure.apk', 'v1 only'],
  'android-debug-certificate': ['insecure.apk', 'CN=Android Debug'],
  'ios-ats-arbitrary-loads': ['insecure.ipa', 'NSAllowsArbitraryLoads = true'],
  'ios-ats-domain-exception': ['insecure.ipa', 'legacy.example.com: NSExceptionMinimumTLSVersion = TLSv1.0'],
  'ios-get-task-allow': ['insecure.ipa', 'get-task-allow = true'],
  'ios-provisioning-profile': ['insecure.ipa', 'development provisioning profile'],
  'ios-url-scheme': ['insecure.ipa', 'insecurebroker://'],
  'secret-private-key': ['insecure.apk', '-----BEGIN RSA PRIVATE KEY-----'],
  'secret-aws-access-key': ['insecure.apk', 'AKIA…HE (20 chars)'],
  'secret-google-api-key': ['insecure.apk', 'AIza…ab (39 chars)'],
  'secret-azure-storage-key': ['insecure.apk', /^Acco…==/],
  'secret-alibaba-access-key': ['insecure.apk', /^LTAI…9Q/],
  'secret-github-token': ['insecure.apk', /^ghp_…AB/],
  'secret-slack-token': ['insecure.apk', /^xoxb…ok/],
  'secret-stripe-live-key': ['insecure.apk', /^sk_l…cd/],
  'secret-firebase-server-key': ['insecure.apk', /^AAAA…/],
  'secret-jwt': ['insecure.apk', /^eyJh…/],
  'secret-credentials-in-url': ['insecure.apk', '://trader:Fixt…42 (15 chars)@files.example.com'],
  'secret-generic-assignment': ['insecure.apk', 'api_key=Zx9Q…8N (16 chars)'],
  'http-url': ['insecure.apk', 'http://trade.example.com.tw/login'],
  'pii-national-id': ['insecure.apk', 'A12****789'],
  'pii-resident-permit': ['insecure.apk', 'A80****014'],
  'pii-payment-card': ['insecure.apk', '************1111'],
  'pii-phone-number': ['insecure.apk', '0912***678'],
  'pii-email': ['insecure.apk', 'w***@example.com'],
  'mobsf-other': ['mobsf-android.json', 'StrandHogg 2.0'],
};

describe('app scanner rules (one test per rule)', () => {
  it('the table covers every rule of the pack', () => {
    expect(Object.keys(PLANTED_BY_RULE).sort()).toEqual([...pack.rules.keys()].sort());
  });

  it.each(Object.entries(PLANTED_BY_RULE))('%s fires on its fixture', (ruleId, [fixture, evidence]) => {
    const hits = results.get(fixture)!.findings.filter((f) => f.ruleId === ruleId);
    expect(hits.length).toBeGreaterThan(0);
    expect(
      hits.some((f) =>
        typeof evidence === 'string' ? f.evidence.includes(evidence) : evidence.test(f.evidence),
      ),
    ).toBe(true);
    const rule = pack.rule(ruleId);
    for (const hit of hits) expect(hit.clause).toBe(rule.clause);
    if (ruleId !== 'mobsf-other') for (const hit of hits) expect(hit.masvs).toBe(rule.masvs);
  });
});

describe('app scanner fixtures', () => {
  it('finds nothing in the clean APK and the clean IPA', () => {
    expect(results.get('clean.apk')!.findings).toEqual([]);
    expect(results.get('clean.ipa')!.findings).toEqual([]);
    expect(results.get('clean.apk')!.app).toMatchObject({
      signingSchemes: ['v2', 'v3'],
      minSdk: 28,
      targetSdk: 34,
    });
  });

  it('the debuggable and unsigned APKs differ from the clean one by exactly their planted issue', () => {
    expect(ruleIds('debuggable.apk')).toEqual(['android-debuggable']);
    expect(ruleIds('unsigned.apk')).toEqual(['android-unsigned']);
  });

  it('the insecure APK has every Android finding, and no unsigned finding (it is v1-signed)', () => {
    const androidRules = [...pack.rules.values()]
      .filter((r) => r.platform !== 'ios' && r.type !== 'import')
      .map((r) => r.id);
    expect(ruleIds('insecure.apk')).toEqual(androidRules.filter((id) => id !== 'android-unsigned').sort());
    const exported = results
      .get('insecure.apk')!
      .findings.filter((f) => f.ruleId === 'android-exported-component');
    // The launcher, the non-exported receiver and the permission-guarded provider are not reported.
    expect(exported.map((f) => f.subject).sort()).toEqual([
      'activity:com.example.insecure.DeepLinkActivity',
      'provider:com.example.insecure.OpenProvider',
      'service:com.example.insecure.SyncService',
    ]);
  });

  it('the insecure IPA has ATS exceptions, get-task-allow from the code signature and a development profile', () => {
    const result = results.get('insecure.ipa')!;
    expect(result.app).toMatchObject({
      entitlementsSource: 'code-signature',
      provisioningProfile: 'development',
    });
    expect(ruleIds('insecure.ipa')).toEqual([
      'http-url',
      'ios-ats-arbitrary-loads',
      'ios-ats-domain-exception',
      'ios-get-task-allow',
      'ios-provisioning-profile',
      'ios-url-scheme',
      'pii-national-id',
      'secret-aws-access-key',
      'secret-jwt',
    ]);
    expect(result.findings.filter((f) => f.ruleId === 'ios-ats-domain-exception')).toHaveLength(3);
  });

  it('never puts a planted secret or personal data in clear into the result', () => {
    for (const name of ['insecure.apk', 'insecure.ipa']) {
      const json = JSON.stringify(results.get(name));
      for (const [key, value] of Object.entries(PLANTED)) {
        if (key === 'http' || key === 'privateKey') continue;
        expect(json, `${name} leaks ${key}`).not.toContain(value);
      }
    }
  });

  it('records the evidence form: file hash, tool and rule-pack versions and hash', () => {
    const result = results.get('insecure.apk')!;
    const bytes = readFileSync(path.join(FIXTURES, 'insecure.apk'));
    expect(result.input).toEqual({
      file: 'insecure.apk',
      kind: 'apk',
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(result.rulePack).toEqual({
      id: 'jianhe-mobile-app',
      version: pack.document.version,
      sha256: pack.sha256,
    });
    expect(result.tool.name).toBe('jianhe');
    expect(result.summary.total).toBe(result.findings.length);
  });

  it('the gate fails at or above the threshold only', () => {
    const debuggable = results.get('debuggable.apk')!;
    expect(gateFails(debuggable, 'high')).toBe(true);
    expect(gateFails(debuggable, 'critical')).toBe(false);
    expect(gateFails(debuggable, 'none')).toBe(false);
    expect(gateFails(results.get('clean.apk')!, 'low')).toBe(false);
  });
});

describe('MobSF import', () => {
  it('maps MobSF rule keys, texts, secrets and URLs onto the same rules', () => {
    const result = results.get('mobsf-android.json')!;
    expect(result.input.kind).toBe('mobsf-report');
    expect(result.app).toMatchObject({
      platform: 'android',
      packageName: 'com.example.broker',
      source: 'MobSF',
    });
    expect(ruleIds('mobsf-android.json')).toEqual([
      'android-allow-backup',
      'android-debuggable',
      'android-exported-component',
      'android-min-sdk',
      'android-nsc-cleartext',
      'android-nsc-pinning-override',
      'android-nsc-user-certs',
      'android-signing-v1-only',
      'http-url',
      'mobsf-other',
      'secret-google-api-key',
    ]);
    // MobSF's own threshold (API 29) is replaced by the rule pack's (28): minSdk 23 is reported once.
    expect(result.findings.filter((f) => f.ruleId === 'android-min-sdk').map((f) => f.evidence)).toEqual([
      'minSdkVersion 23 < 28',
    ]);
    const other = result.findings.filter((f) => f.ruleId === 'mobsf-other');
    // "secure" items are dropped; unmapped ones keep MobSF's severity and MASVS v2 control.
    expect(other.map((f) => [f.subject, f.severity, f.masvs]).sort()).toEqual(
      [
        ['code_analysis:android_insecure_random', 'medium', 'MASVS-CRYPTO-1'],
        ['certificate:Signed Application', 'info', 'MASVS-CODE-4'],
        ['code_analysis:android_logging', 'info', 'MASVS-STORAGE-2'],
        [
          'task_hijacking2:Activity (com.example.broker.Main) is vulnerable to StrandHogg 2.0',
          'high',
          'MASVS-CODE-4',
        ],
      ].sort(),
    );
  });

  it('maps an iOS report: ATS, URL schemes, binary findings', () => {
    expect(ruleIds('mobsf-ios.json')).toEqual([
      'ios-ats-arbitrary-loads',
      'ios-ats-domain-exception',
      'ios-url-scheme',
      'mobsf-other',
    ]);
    const other = results.get('mobsf-ios.json')!.findings.find((f) => f.ruleId === 'mobsf-other')!;
    expect([other.severity, other.masvs]).toEqual(['high', 'MASVS-CODE-4']);
  });
});
