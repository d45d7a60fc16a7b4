import { evaluateRow } from './device-evaluation.js';
import type { DeviceEventRow, DeviceRow } from './devices.repository.js';
import type { Platform } from './domain/controls.js';
import { type EvaluatedDevice, exclusionReason, type PosturePolicy } from './domain/posture-rules.js';

/** "王小明" → "王**"; identifiers keep their last four characters. Masking keeps lengths roughly visible. */
export const maskName = (value: string | null) =>
  value ? `${[...value][0]}${'*'.repeat(Math.max(1, [...value].length - 1))}` : null;
export const maskTail = (value: string | null) =>
  value ? `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}` : null;

/** The public device. Without `personal`, holder name, phone, serial number and IMEI are masked. */
export function toDeviceDto(
  row: DeviceRow,
  policy: PosturePolicy,
  personal: boolean,
  evaluated?: EvaluatedDevice,
) {
  const e = evaluated ?? evaluateRow(row, policy, new Date());
  const facts = {
    handlesSensitive: row.handles_sensitive === 1,
    connectsDirectly: row.connects_directly === 1,
  };
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    type: row.type as 'phone',
    platform: row.platform as Platform,
    osVersion: row.os_version,
    model: row.model,
    serialNumber: personal ? row.serial_number : maskTail(row.serial_number),
    imei: personal ? row.imei : maskTail(row.imei),
    holderUserId: row.holder_user_id,
    holderName: personal ? row.holder_name : maskName(row.holder_name),
    holderPhone: personal ? row.holder_phone : maskTail(row.holder_phone),
    personalDataMasked: !personal,
    department: row.department,
    ownership: row.ownership as 'company',
    ...facts,
    inScope: e.inScope,
    exclusionReason: exclusionReason(facts),
    mdmSource: row.mdm_source,
    enrolled: row.enrolled === null ? null : row.enrolled === 1,
    lastCheckIn: row.last_check_in,
    stale: e.stale,
    status: row.status as 'active',
    missingSince: row.missing_since,
    failing: e.failing,
    unknown: e.unknown,
    controls: e.controls,
    updatedAt: row.updated_at,
  };
}

export const toEventDto = (e: DeviceEventRow) => ({
  id: e.id,
  kind: e.kind as 'issue',
  occurredOn: e.occurred_on,
  personUserId: e.person_user_id,
  personName: e.person_name,
  note: e.note,
  taskId: e.task_id,
  recordedBy: e.recorded_by,
  recordedAt: e.recorded_at,
});
