import type { Locale } from '../../platform/i18n.js';
import { toCsv } from '../../platform/spreadsheet-safety.js';
import { toDeviceDto } from './devices.mappers.js';
import type { DeviceRow } from './devices.repository.js';
import type { PosturePolicy } from './domain/posture-rules.js';

const HEADINGS = {
  'zh-TW': [
    '裝置名稱',
    '類型',
    '平台',
    '作業系統版本',
    '型號',
    '序號',
    'IMEI',
    '持有人',
    '持有人電話',
    '部門',
    '所有權',
    '適用範圍',
    '最後回報',
    '狀態',
    '未通過',
    '未知',
  ],
  en: [
    'Name',
    'Type',
    'Platform',
    'OS version',
    'Model',
    'Serial number',
    'IMEI',
    'Holder',
    'Holder phone',
    'Department',
    'Ownership',
    'In scope',
    'Last check-in',
    'Status',
    'Failing',
    'Unknown',
  ],
} as const;

/**
 * The register as CSV (UTF-8 with BOM, formula cells neutralised like every export). `privacy` masks the
 * holder's name and phone, the serial number and the IMEI whoever asks; `full` is only reachable with
 * device:personal.
 */
export function devicesCsv(
  rows: DeviceRow[],
  policy: PosturePolicy,
  mode: 'privacy' | 'full',
  locale: Locale,
): string {
  return toCsv([
    [...HEADINGS[locale]],
    ...rows.map((row) => {
      const d = toDeviceDto(row, policy, mode === 'full');
      return [
        d.name,
        d.type,
        d.platform,
        d.osVersion,
        d.model,
        d.serialNumber,
        d.imei,
        d.holderName,
        d.holderPhone,
        d.department,
        d.ownership,
        d.inScope ? 'Y' : 'N',
        d.lastCheckIn,
        d.status,
        d.failing,
        d.unknown,
      ];
    }),
  ]);
}
