import type { DeviceRow } from './devices.repository.js';
import type { Control, ObservedControl, Platform } from './domain/controls.js';
import {
  type EvaluatedDevice,
  evaluateDevice,
  type Posture,
  type PosturePolicy,
} from './domain/posture-rules.js';

export const parsePosture = (row: Pick<DeviceRow, 'posture'>): Posture => JSON.parse(row.posture) as Posture;

/** The rules' view of a stored device. */
export function evaluateRow(
  row: Pick<
    DeviceRow,
    'platform' | 'os_version' | 'handles_sensitive' | 'connects_directly' | 'last_check_in' | 'posture'
  >,
  policy: PosturePolicy,
  now: Date,
): EvaluatedDevice {
  return evaluateDevice(
    {
      platform: row.platform as Platform,
      osVersion: row.os_version,
      handlesSensitive: row.handles_sensitive === 1,
      connectsDirectly: row.connects_directly === 1,
      lastCheckIn: row.last_check_in,
      posture: parsePosture(row),
    },
    policy,
    now,
  );
}

/**
 * The evaluated columns stored on the row, so the list filters (failing, unknown, scope) run in SQL.
 * Staleness is left out here — it changes with the clock, not with the row — and is its own filter;
 * the summary evaluates afresh, staleness included.
 */
export function storedEvaluation(
  row: Parameters<typeof evaluateRow>[0],
  policy: PosturePolicy,
): { failing: number; unknown: number; in_scope: number } {
  const e = evaluateRow({ ...row, last_check_in: new Date().toISOString() }, policy, new Date());
  return { failing: e.failing, unknown: e.unknown, in_scope: e.inScope ? 1 : 0 };
}

export type { Control, ObservedControl };
