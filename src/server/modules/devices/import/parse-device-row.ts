import type { MappedRow, RowResult } from '../../tabular-import/import-pipeline.js';
import {
  DEVICE_TYPES,
  type DeviceType,
  type Observation,
  type ObservedControl,
  type Ownership,
  PLATFORMS,
  type Platform,
} from '../domain/controls.js';
import type { DeviceField } from './mdm-profiles.js';
import {
  deviceTypeOf,
  observation,
  ownershipOf,
  passUnless,
  passWhen,
  platformOf,
  timestampOf,
  versionOf,
  yesNo,
} from './mdm-values.js';

/** One device as an import row describes it, before it is matched to the register. */
export interface ImportedDevice {
  mdmDeviceId: string | null;
  name: string;
  type: DeviceType;
  platform: Platform;
  osVersion: string | null;
  model: string | null;
  serialNumber: string | null;
  imei: string | null;
  holderPhone: string | null;
  holderEmail: string | null;
  holderName: string | null;
  department: string | null;
  ownership: Ownership;
  /** Null when the file does not say (a new device is then assumed in scope, Art. 13). */
  handlesSensitive: boolean | null;
  connectsDirectly: boolean | null;
  enrolled: boolean | null;
  lastCheckIn: string | null;
  /** Only the controls the file speaks to; others keep their earlier observation. */
  posture: Partial<Record<ObservedControl, Observation>>;
}

type Problem = { field: DeviceField | null; code: string };

/** Serial numbers compare without case or spacing: "c39x k1" and "C39XK1" are the same device. */
export const normaliseSerial = (text: string): string | null =>
  text.replace(/\s+/g, '').toUpperCase() || null;

/** Intune "Managed by: Intune / Co-managed / MDM", Fleet "On (automatic)", Google "Advanced" mean enrolled. */
function enrolledOf(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (/^(intune|co-?managed|mdm|configmgr|advanced|on\b|jamf)/.test(value)) return true;
  if (/^(eas|basic|off|unmanaged|none)/.test(value)) return false;
  return yesNo(value);
}

/** Google's "Compromised Status": "No compromise detected" passes, "Compromised"/"Device compromised" fails. */
function compromisedOf(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (/no compromise|not compromised|未遭入侵/.test(value)) return false;
  if (/compromised|rooted|jailbroken|遭入侵/.test(value)) return true;
  return yesNo(value);
}

/** Jamf "Passcode Compliance: Compliant", Google "Password Status: Password set". */
function passcodeOf(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (/not compliant|noncompliant|no password|not set|not present|none/.test(value)) return false;
  if (/compliant|password set|present|enabled|strong/.test(value)) return true;
  return yesNo(value);
}

function vendorPosture(row: MappedRow<DeviceField>, enrolled: boolean | null): ImportedDevice['posture'] {
  const posture: ImportedDevice['posture'] = {};
  const set = (control: ObservedControl, field: DeviceField, value: Observation) => {
    if (row.has(field)) posture[control] = value;
  };
  set('storage_encryption', 'encrypted', passWhen(yesNo(row.text('encrypted'))));
  set(
    'jailbreak',
    'jailbroken',
    passUnless(
      row.source === 'google' ? compromisedOf(row.text('jailbroken')) : yesNo(row.text('jailbroken')),
    ),
  );
  // Supervised (iOS) or fully managed: OS settings change only through the MDM's administrators.
  set('os_settings_restricted', 'supervised', passWhen(yesNo(row.text('supervised'))));
  set('passcode', 'passcode', passWhen(passcodeOf(row.text('passcode'))));
  // An enrolled device can be wiped remotely by the MDM; one that is not enrolled cannot be.
  if (row.has('managed')) posture.remote_wipe = passWhen(enrolled);
  return posture;
}

const JIANHE_CONTROLS: Array<[ObservedControl, DeviceField]> = [
  ['passcode', 'passcode'],
  ['os_settings_restricted', 'osSettings'],
  ['jailbreak', 'jailbroken'],
  ['anti_malware', 'antiMalware'],
  ['remote_wipe', 'remoteWipe'],
  ['wireless_restricted', 'wireless'],
  ['transport_encryption', 'transport'],
  ['storage_encryption', 'encrypted'],
  ['screen_lock', 'screenLock'],
  ['allowed_apps', 'allowedApps'],
];

function jianhePosture(row: MappedRow<DeviceField>, problems: Problem[]): ImportedDevice['posture'] {
  const posture: ImportedDevice['posture'] = {};
  for (const [control, field] of JIANHE_CONTROLS) {
    if (!row.has(field)) continue;
    const value = observation(row.text(field));
    if (value === null) problems.push({ field, code: 'DEVICE_IMPORT_POSTURE_INVALID' });
    else posture[control] = value;
  }
  return posture;
}

const optional = (text: string) => text || null;

/** Turns one mapped row into a device, or says everything wrong with it. Pure. */
export function parseDeviceRow(row: MappedRow<DeviceField>): RowResult<DeviceField, ImportedDevice> {
  const problems: Problem[] = [];
  const name = row.text('name');
  if (!name) problems.push({ field: 'name', code: 'TABLE_VALUE_REQUIRED' });
  else if (name.length > 200) problems.push({ field: 'name', code: 'TABLE_VALUE_INVALID' });

  const platformText = row.text('platform');
  let platform: Platform | null;
  if (row.source === 'jianhe') {
    platform = (PLATFORMS as readonly string[]).includes(platformText.toLowerCase())
      ? (platformText.toLowerCase() as Platform)
      : platformOf(platformText);
    if (!platformText) problems.push({ field: 'platform', code: 'TABLE_VALUE_REQUIRED' });
  } else platform = platformOf(platformText, row.text('os'), row.text('model')) ?? 'other';

  const ownershipText = row.text('ownership');
  const ownership = ownershipText ? ownershipOf(ownershipText) : row.source === 'jianhe' ? null : 'company';
  if (ownership === null)
    problems.push({
      field: 'ownership',
      code: ownershipText ? 'TABLE_VALUE_INVALID' : 'TABLE_VALUE_REQUIRED',
    });

  const lastCheckIn = timestampOf(row.text('lastCheckIn'));
  if (lastCheckIn === undefined) problems.push({ field: 'lastCheckIn', code: 'TABLE_DATE_INVALID' });

  const typeText = row.text('type').toLowerCase();
  if (typeText && !(DEVICE_TYPES as readonly string[]).includes(typeText))
    problems.push({ field: 'type', code: 'TABLE_VALUE_INVALID' });

  const flag = (field: DeviceField): boolean | null => {
    if (!row.text(field)) return null;
    const value = yesNo(row.text(field));
    if (value === null) problems.push({ field, code: 'TABLE_VALUE_INVALID' });
    return value;
  };
  const handlesSensitive = flag('handlesSensitive');
  const connectsDirectly = flag('connectsDirectly');
  const enrolled = row.source === 'jianhe' ? flag('managed') : enrolledOf(row.text('managed'));
  const posture = row.source === 'jianhe' ? jianhePosture(row, problems) : vendorPosture(row, enrolled);

  const serialNumber = normaliseSerial(row.text('serial'));
  const mdmDeviceId = optional(row.text('deviceId'));
  if (!serialNumber && !mdmDeviceId) problems.push({ field: 'serial', code: 'DEVICE_IMPORT_NO_IDENTIFIER' });

  if (problems.length > 0 || !platform || !ownership || lastCheckIn === undefined)
    return { ok: false, problems };
  const osCell =
    row.text('osVersion') || (row.source === 'fleet' || !row.has('osVersion') ? row.text('os') : '');
  return {
    ok: true,
    value: {
      mdmDeviceId,
      name,
      type: typeText
        ? (typeText as DeviceType)
        : deviceTypeOf(platform, row.text('model'), row.text('os'), name),
      platform,
      osVersion: osCell ? versionOf(osCell) : null,
      model: optional(row.text('model')),
      serialNumber,
      imei: optional(row.text('imei').replace(/\s+/g, '')),
      holderPhone: optional(row.text('phone')),
      holderEmail: optional(row.text('holderEmail').toLowerCase()),
      holderName: optional(row.text('holderName')),
      department: optional(row.text('department')),
      ownership,
      handlesSensitive,
      connectsDirectly,
      enrolled,
      lastCheckIn,
      posture,
    },
  };
}
