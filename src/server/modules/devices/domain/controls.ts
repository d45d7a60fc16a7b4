/**
 * The posture controls of guideline Art. 14 a device is checked against, each tied to the article (and
 * checklist item) it evidences. Art. 14.4(3) asks for two things, jailbreak/root detection and
 * anti-malware, and its "OS checked regularly" is the minimum OS version of the policy.
 */
export const CONTROLS = [
  'passcode',
  'os_settings_restricted',
  'jailbreak',
  'anti_malware',
  'os_version',
  'remote_wipe',
  'wireless_restricted',
  'transport_encryption',
  'storage_encryption',
  'screen_lock',
  'allowed_apps',
] as const;
export type Control = (typeof CONTROLS)[number];

/** Controls an MDM export or a person observes; `os_version` is derived from the OS version by policy. */
export const OBSERVED_CONTROLS = CONTROLS.filter(
  (c): c is Exclude<Control, 'os_version'> => c !== 'os_version',
);
export type ObservedControl = (typeof OBSERVED_CONTROLS)[number];

export const OBSERVATIONS = ['pass', 'fail', 'unknown'] as const;
export type Observation = (typeof OBSERVATIONS)[number];

/** Articles of chapter 4, with the checklist item each one is assessed under. */
export const ARTICLES = [
  { article: '14.1', item: 41 },
  { article: '14.2', item: 42 },
  { article: '14.3', item: 43 },
  { article: '14.4(1)', item: 44 },
  { article: '14.4(2)', item: 45 },
  { article: '14.4(3)', item: 46 },
  { article: '14.4(4)', item: 47 },
  { article: '14.4(5)', item: 48 },
  { article: '14.4(6)', item: 49 },
  { article: '14.4(7)', item: 50 },
  { article: '14.5', item: 51 },
  { article: '15.1', item: 52 },
  { article: '15.2', item: 53 },
  { article: '15.3', item: 54 },
] as const;
export type Article = (typeof ARTICLES)[number]['article'];

export const CONTROL_ARTICLE: Record<Control, Article> = {
  passcode: '14.4(1)',
  os_settings_restricted: '14.4(2)',
  jailbreak: '14.4(3)',
  anti_malware: '14.4(3)',
  os_version: '14.4(3)',
  remote_wipe: '14.4(4)',
  wireless_restricted: '14.4(5)',
  transport_encryption: '14.4(6)',
  storage_encryption: '14.4(7)',
  screen_lock: '14.3',
  allowed_apps: '14.5',
};

export const DEVICE_TYPES = ['phone', 'tablet', 'laptop', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];
export const PLATFORMS = [
  'ios',
  'ipados',
  'android',
  'windows',
  'macos',
  'chromeos',
  'linux',
  'other',
] as const;
export type Platform = (typeof PLATFORMS)[number];
export const OWNERSHIPS = ['company', 'byod'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const DEVICE_STATUSES = ['active', 'returned', 'retired', 'lost'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
