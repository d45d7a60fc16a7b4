import { describe, expect, it } from 'vitest';
import { PostureTally, summarise } from './article-summary.js';
import { CONTROLS, OBSERVED_CONTROLS } from './controls.js';
import {
  compareVersions,
  counts,
  DEFAULT_POLICY,
  type DeviceFacts,
  evaluateDevice,
  exclusionReason,
  type PosturePolicy,
} from './posture-rules.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const observed = (value: 'pass' | 'fail' | 'unknown') => ({
  value,
  source: 'import:x',
  observedAt: '2026-11-30T00:00:00Z',
});
const allPass = Object.fromEntries(OBSERVED_CONTROLS.map((c) => [c, observed('pass')]));
const device = (over: Partial<DeviceFacts> = {}): DeviceFacts => ({
  platform: 'ios',
  osVersion: '17.5',
  handlesSensitive: true,
  connectsDirectly: true,
  lastCheckIn: '2026-11-30T00:00:00Z',
  posture: allPass,
  ...over,
});
const policy: PosturePolicy = { ...DEFAULT_POLICY, minOsVersions: { ios: '17.4', android: '14' } };
const result = (d: DeviceFacts, control: string, p = policy) =>
  evaluateDevice(d, p, NOW).controls.find((c) => c.control === control)!;

describe('posture rules', () => {
  it('a fully observed, current device passes every control, with reasons', () => {
    const e = evaluateDevice(device(), policy, NOW);
    expect(e).toMatchObject({ inScope: true, stale: false, failing: 0, unknown: 0 });
    expect(e.controls.map((c) => c.control)).toEqual([...CONTROLS]);
    expect(result(device(), 'storage_encryption')).toEqual({
      control: 'storage_encryption',
      result: 'pass',
      reason: 'OBSERVED_PASS',
      source: 'import:x',
    });
  });

  it('unknown is never a pass: not observed, observed unknown, stale, and OS without a minimum', () => {
    const { storage_encryption: _, ...withoutEncryption } = allPass;
    expect(result(device({ posture: withoutEncryption }), 'storage_encryption')).toMatchObject({
      result: 'unknown',
      reason: 'NOT_OBSERVED',
    });
    expect(
      result(device({ posture: { ...allPass, jailbreak: observed('unknown') } }), 'jailbreak').result,
    ).toBe('unknown');
    const stale = device({ lastCheckIn: '2026-09-01T00:00:00Z' });
    expect(result(stale, 'passcode')).toMatchObject({ result: 'unknown', reason: 'CHECK_IN_STALE' });
    expect(result(device({ lastCheckIn: null }), 'passcode').result).toBe('unknown');
    // A failure stays a failure however old: it is evidence against, not for.
    expect(
      result(device({ ...stale, posture: { ...allPass, passcode: observed('fail') } }), 'passcode').result,
    ).toBe('fail');
    expect(result(device({ platform: 'windows' }), 'os_version')).toMatchObject({
      result: 'unknown',
      reason: 'NO_MINIMUM_FOR_PLATFORM',
    });
    expect(result(device({ osVersion: null }), 'os_version').reason).toBe('OS_VERSION_UNKNOWN');
    expect(result(device({ osVersion: 'beta' }), 'os_version').reason).toBe('OS_VERSION_UNREADABLE');
    // Whatever the result, only `pass` counts as passing.
    for (const r of ['fail', 'unknown', 'not_required'] as const) expect(counts(r)).toBe(false);
    expect(counts('pass')).toBe(true);
  });

  it('minimum OS versions compare numerically per platform', () => {
    expect(result(device({ osVersion: '17.10' }), 'os_version').result).toBe('pass');
    expect(result(device({ osVersion: '17.3.9' }), 'os_version')).toMatchObject({
      result: 'fail',
      reason: 'OS_BELOW_MINIMUM',
    });
    expect(result(device({ platform: 'android', osVersion: '14' }), 'os_version').result).toBe('pass');
    expect(compareVersions('iOS 17.4', '17.4.0')).toBe(0);
    expect(compareVersions('x', '1')).toBeNull();
  });

  it('a control the policy does not require is reported as not required, and counts neither way', () => {
    const relaxed: PosturePolicy = {
      ...policy,
      required: { ...policy.required, wireless_restricted: false },
    };
    const e = evaluateDevice(
      device({ posture: { ...allPass, wireless_restricted: observed('fail') } }),
      relaxed,
      NOW,
    );
    expect(e.controls.find((c) => c.control === 'wireless_restricted')!.result).toBe('not_required');
    expect(e.failing).toBe(0);
  });

  it('Art. 13: out of scope unless it handles sensitive matters and connects directly, with the reason', () => {
    expect(evaluateDevice(device({ handlesSensitive: false }), policy, NOW).inScope).toBe(false);
    expect(exclusionReason({ handlesSensitive: false, connectsDirectly: true })).toBe(
      'ART13_NO_SENSITIVE_MATTERS',
    );
    expect(exclusionReason({ handlesSensitive: true, connectsDirectly: false })).toBe(
      'ART13_NO_DIRECT_CONNECTION',
    );
    expect(exclusionReason({ handlesSensitive: false, connectsDirectly: false })).toBe('ART13_NEITHER');
    expect(exclusionReason({ handlesSensitive: true, connectsDirectly: true })).toBeNull();
  });

  it('the per-article summary counts in-scope devices only, unknown apart from pass', () => {
    const tally = new PostureTally();
    tally.add(evaluateDevice(device(), policy, NOW), 'company');
    tally.add(
      evaluateDevice(device({ posture: { ...allPass, storage_encryption: observed('fail') } }), policy, NOW),
      'company',
    );
    tally.add(
      evaluateDevice(
        device({ posture: { ...allPass, storage_encryption: observed('unknown') } }),
        policy,
        NOW,
      ),
      'byod',
    );
    tally.add(evaluateDevice(device({ connectsDirectly: false }), policy, NOW), 'company');
    const facts = {
      policyDocuments: 1,
      tasksOpen: 0,
      tasksDone: 0,
      allowedApps: 3,
      byodReviewsCurrent: 0,
      byodReviewsDue: 1,
      byodAccepted: 0,
      byodNotAccepted: 1,
      agreementVersion: 2,
      tetheringRecorded: false,
      tetheringEvidence: 0,
    };
    const summary = summarise(tally, facts);
    expect(summary).toMatchObject({ devices: 4, inScope: 3, excluded: 1, byod: 1, failing: 1, unknown: 1 });
    const art147 = summary.articles.find((a) => a.article === '14.4(7)')!;
    expect(art147).toMatchObject({ item: 50, inScope: 3 });
    expect(art147.controls).toEqual([
      { control: 'storage_encryption', pass: 1, fail: 1, unknown: 1, notRequired: 0 },
    ]);
    expect(summary.articles.map((a) => a.item)).toEqual([
      41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54,
    ]);
    expect(summary.articles.find((a) => a.article === '14.4(3)')!.controls.map((c) => c.control)).toEqual([
      'jailbreak',
      'anti_malware',
      'os_version',
    ]);
  });
});
