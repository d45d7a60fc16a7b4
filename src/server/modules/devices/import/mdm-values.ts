import type { DeviceType, Observation, Ownership, Platform } from '../domain/controls.js';

const norm = (text: string) => text.normalize('NFKC').trim().toLowerCase();

const TRUE = new Set([
  'yes',
  'y',
  'true',
  '1',
  'on',
  'enabled',
  'enable',
  'present',
  'set',
  'managed',
  'compliant',
  'encrypted',
  'detected',
  'supervised',
  '是',
  '有',
  '已啟用',
  '啟用',
  '已加密',
  '合規',
  '符合',
  '已受監督',
  '受監督',
  '已偵測',
]);
const FALSE = new Set([
  'no',
  'n',
  'false',
  '0',
  'off',
  'disabled',
  'disable',
  'not present',
  'not set',
  'unmanaged',
  'not managed',
  'noncompliant',
  'not compliant',
  'non-compliant',
  'not encrypted',
  'unencrypted',
  'not detected',
  'none',
  '否',
  '無',
  '未啟用',
  '停用',
  '未加密',
  '不合規',
  '不符合',
  '未受監督',
  '未偵測',
]);

/** A yes/no cell in any vendor's wording; null when it says neither (blank, "Unknown", "N/A"). */
export function yesNo(text: string): boolean | null {
  const value = norm(text).replace(/\s+/g, ' ');
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return null;
}

/** A fact that passes when true ("Encrypted: Yes" → pass); blank or unreadable is `unknown`, never a pass. */
export const passWhen = (fact: boolean | null): Observation =>
  fact === null ? 'unknown' : fact ? 'pass' : 'fail';

/** A fact that passes when false ("Jailbroken: No" → pass). */
export const passUnless = (fact: boolean | null): Observation =>
  fact === null ? 'unknown' : fact ? 'fail' : 'pass';

/** Jianhe's own posture cells: pass / fail / unknown in English or zh-TW; anything else is invalid. */
export function observation(text: string): Observation | null {
  const value = norm(text);
  if (value === '') return 'unknown';
  if (['pass', 'passed', 'ok', '通過', '符合'].includes(value)) return 'pass';
  if (['fail', 'failed', '未通過', '不符合'].includes(value)) return 'fail';
  if (['unknown', '未知', '不明'].includes(value)) return 'unknown';
  return null;
}

/** The platform from an OS, model or platform cell ("iOS", "Android 14", "darwin", "Windows 11 Pro"). */
export function platformOf(...texts: string[]): Platform | null {
  const text = norm(texts.join(' '));
  if (/ipados|\bipad/.test(text)) return 'ipados';
  if (/\bios\b|iphone/.test(text)) return 'ios';
  if (/android/.test(text)) return 'android';
  if (/windows/.test(text)) return 'windows';
  if (/mac ?os|darwin|os x|macbook|imac/.test(text)) return 'macos';
  if (/chrome/.test(text)) return 'chromeos';
  if (/linux|ubuntu|debian|rhel|centos|fedora|suse/.test(text)) return 'linux';
  return text === '' ? null : 'other';
}

/** The version number in an OS cell ("Android 14" → "14", "macOS 14.2.1" → "14.2.1"), or the cell itself. */
export function versionOf(text: string): string | null {
  const match = text.match(/\d+(?:\.\d+)*/);
  return match ? match[0] : text.trim() || null;
}

/** Type from what the export says about the device, falling back on its platform. */
export function deviceTypeOf(platform: Platform, ...texts: string[]): DeviceType {
  const text = norm(texts.join(' '));
  if (/ipad|tablet|tab\b|平板/.test(text)) return 'tablet';
  if (/iphone|phone|手機|pixel|galaxy s/.test(text)) return 'phone';
  if (/laptop|notebook|macbook|筆電|筆記型/.test(text)) return 'laptop';
  if (platform === 'ipados') return 'tablet';
  if (platform === 'ios' || platform === 'android') return 'phone';
  if (platform === 'windows' || platform === 'macos' || platform === 'chromeos' || platform === 'linux')
    return 'laptop';
  return 'other';
}

/** Ownership in any vendor's wording: Intune "Corporate"/"Personal", Jamf "Institutional", Google "Company owned". */
export function ownershipOf(text: string): Ownership | null {
  const value = norm(text);
  if (value === '') return null;
  if (/personal|byod|user owned|employee|個人|員工|自攜/.test(value)) return 'byod';
  if (/corporate|company|institutional|organization|organisation|公司|企業|組織|公務/.test(value))
    return 'company';
  return null;
}

const MONTH_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i;

/**
 * A timestamp as MDM consoles write it: ISO 8601, "2026-11-30 08:12:45", US "11/30/2026 8:12:45 AM" (Intune,
 * Jamf in en-US). Times without a zone are read as UTC, as Intune and Fleet export them. Null when blank;
 * undefined when unreadable.
 */
export function timestampOf(text: string): string | null | undefined {
  // zh-TW consoles write 2026/11/30 08:12:45: the ISO order with slashes.
  const value = text
    .trim()
    .replace(
      /^(\d{4})\/(\d{1,2})\/(\d{1,2})/,
      (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`,
    );
  if (value === '') return null;
  const us = value.match(MONTH_FIRST);
  if (us) {
    const [, m, d, y, h = '0', min = '0', s = '0', ampm] = us;
    let hour = Number(h);
    if (ampm) hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
    const at = Date.UTC(Number(y), Number(m) - 1, Number(d), hour, Number(min), Number(s));
    return Number.isNaN(at) ? undefined : new Date(at).toISOString();
  }
  const iso = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value)
    ? `${value.replace(' ', 'T')}Z`
    : value;
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : iso);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}
