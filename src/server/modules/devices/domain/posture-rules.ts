import { CONTROLS, type Control, type Observation, type ObservedControl, type Platform } from './controls.js';

/** One observation of a control: the value, where it came from and when. */
export interface PostureObservation {
  value: Observation;
  /** `import:<id>` or `manual:<userId>`. */
  source: string;
  observedAt: string;
}

export type Posture = Partial<Record<ObservedControl, PostureObservation>>;

/** An organisation's posture policy, kept as data (device_policy). */
export interface PosturePolicy {
  /** Controls the firm requires; a control not required is reported as `not_required`, never as a pass. */
  required: Record<Control, boolean>;
  /** Lowest OS version accepted per platform ("17.4", "14"); platforms not listed have no minimum. */
  minOsVersions: Partial<Record<Platform, string>>;
  /** A check-in older than this many days makes a device stale (and its observations unknown). */
  staleAfterDays: number;
  /** Days between BYOD reviews (Art. 15.1). */
  byodReviewIntervalDays: number;
}

export const DEFAULT_POLICY: PosturePolicy = {
  required: Object.fromEntries(CONTROLS.map((c) => [c, true])) as Record<Control, boolean>,
  minOsVersions: {},
  staleAfterDays: 30,
  byodReviewIntervalDays: 180,
};

export type ControlResult = 'pass' | 'fail' | 'unknown' | 'not_required';

export interface ControlEvaluation {
  control: Control;
  result: ControlResult;
  /** Stable reason code, shown translated. */
  reason: string;
  /** The observation's source, when there was one. */
  source: string | null;
}

export interface EvaluatedDevice {
  inScope: boolean;
  stale: boolean;
  controls: ControlEvaluation[];
  failing: number;
  unknown: number;
}

/** The facts of a device the rules look at. */
export interface DeviceFacts {
  platform: Platform;
  osVersion: string | null;
  handlesSensitive: boolean;
  connectsDirectly: boolean;
  lastCheckIn: string | null;
  posture: Posture;
}

/** Compares dotted versions numerically ("17.10" > "17.9"); null when either has no leading number. */
export function compareVersions(a: string, b: string): number | null {
  const parts = (v: string) =>
    v
      .trim()
      .match(/^\D*(\d+(?:\.\d+)*)/)?.[1]
      ?.split('.')
      .map(Number);
  const x = parts(a);
  const y = parts(b);
  if (!x || !y) return null;
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** Art. 13: in scope only when the device handles sensitive matters and connects directly. */
export function inScope(device: Pick<DeviceFacts, 'handlesSensitive' | 'connectsDirectly'>): boolean {
  return device.handlesSensitive && device.connectsDirectly;
}

/** Why a device is out of scope (Art. 13), or null when it is in scope. */
export function exclusionReason(
  device: Pick<DeviceFacts, 'handlesSensitive' | 'connectsDirectly'>,
): string | null {
  if (!device.handlesSensitive && !device.connectsDirectly) return 'ART13_NEITHER';
  if (!device.handlesSensitive) return 'ART13_NO_SENSITIVE_MATTERS';
  if (!device.connectsDirectly) return 'ART13_NO_DIRECT_CONNECTION';
  return null;
}

export function isStale(lastCheckIn: string | null, now: Date, staleAfterDays: number): boolean {
  if (!lastCheckIn) return true;
  const at = Date.parse(lastCheckIn);
  return Number.isNaN(at) || now.getTime() - at > staleAfterDays * 86_400_000;
}

function evaluateOsVersion(device: DeviceFacts, policy: PosturePolicy): Omit<ControlEvaluation, 'control'> {
  const minimum = policy.minOsVersions[device.platform];
  if (!minimum) return { result: 'unknown', reason: 'NO_MINIMUM_FOR_PLATFORM', source: null };
  if (!device.osVersion) return { result: 'unknown', reason: 'OS_VERSION_UNKNOWN', source: null };
  const cmp = compareVersions(device.osVersion, minimum);
  if (cmp === null) return { result: 'unknown', reason: 'OS_VERSION_UNREADABLE', source: null };
  return cmp >= 0
    ? { result: 'pass', reason: 'OS_AT_OR_ABOVE_MINIMUM', source: null }
    : { result: 'fail', reason: 'OS_BELOW_MINIMUM', source: null };
}

/**
 * Evaluates one device against the policy: per control, a result with a reason. Pure. `unknown` is never
 * a pass: a missing observation, an unknown value, a stale check-in (observations older than the policy
 * allows are not trusted) and an OS version without a minimum to compare against all give `unknown`,
 * and counting only ever treats `pass` as passing.
 */
export function evaluateDevice(device: DeviceFacts, policy: PosturePolicy, now: Date): EvaluatedDevice {
  const stale = isStale(device.lastCheckIn, now, policy.staleAfterDays);
  const controls: ControlEvaluation[] = CONTROLS.map((control) => {
    if (!policy.required[control])
      return { control, result: 'not_required', reason: 'NOT_REQUIRED', source: null };
    if (control === 'os_version') return { control, ...evaluateOsVersion(device, policy) };
    const observation = device.posture[control];
    if (!observation || observation.value === 'unknown')
      return { control, result: 'unknown', reason: 'NOT_OBSERVED', source: observation?.source ?? null };
    if (stale && observation.value === 'pass')
      return { control, result: 'unknown', reason: 'CHECK_IN_STALE', source: observation.source };
    return {
      control,
      result: observation.value,
      reason: observation.value === 'pass' ? 'OBSERVED_PASS' : 'OBSERVED_FAIL',
      source: observation.source,
    };
  });
  return {
    inScope: inScope(device),
    stale,
    controls,
    failing: controls.filter((c) => c.result === 'fail').length,
    unknown: controls.filter((c) => c.result === 'unknown').length,
  };
}

/** True only for an evaluated `pass`; the single place the register decides what counts as passing. */
export const counts = (result: ControlResult): result is 'pass' => result === 'pass';
