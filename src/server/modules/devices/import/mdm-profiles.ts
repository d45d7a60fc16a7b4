import type { ImportProfile } from '../../tabular-import/column-mapping.js';

/** Every field a device import can fill; each source maps the columns it has. */
export const DEVICE_FIELDS = [
  'deviceId',
  'name',
  'type',
  'os',
  'platform',
  'osVersion',
  'model',
  'serial',
  'imei',
  'phone',
  'holderEmail',
  'holderName',
  'department',
  'ownership',
  'managed',
  'lastCheckIn',
  'handlesSensitive',
  'connectsDirectly',
  'encrypted',
  'jailbroken',
  'supervised',
  'passcode',
  'passcodeRequired',
  'antiMalware',
  'remoteWipe',
  'wireless',
  'transport',
  'screenLock',
  'allowedApps',
  'osSettings',
] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];

export const MDM_SOURCES = ['intune', 'jamf', 'google', 'fleet', 'jianhe'] as const;
export type MdmSource = (typeof MDM_SOURCES)[number];

type Columns = Partial<Record<DeviceField, { headers: readonly string[]; required?: boolean }>>;
const profile = (
  id: MdmSource,
  signature: ReadonlyArray<readonly string[]>,
  columns: Columns,
): ImportProfile<DeviceField> => ({
  id,
  signature,
  columns: Object.fromEntries(
    DEVICE_FIELDS.map((f) => [f, columns[f] ?? { headers: [] }]),
  ) as ImportProfile<DeviceField>['columns'],
});

/**
 * Microsoft Intune, Devices › All devices › Export (CSV), in English and as the zh-TW console labels the
 * same columns. Column names from Microsoft's documented export; see docs/devices.md.
 */
const INTUNE = profile(
  'intune',
  [
    ['Device name', 'Managed by'],
    ['裝置名稱', '管理者'],
  ],
  {
    deviceId: { headers: ['Device ID', '裝置識別碼'] },
    name: { headers: ['Device name', '裝置名稱'], required: true },
    os: { headers: ['OS', '作業系統'] },
    osVersion: { headers: ['OS version', '作業系統版本'] },
    model: { headers: ['Model', '型號'] },
    serial: { headers: ['Serial number', '序號'] },
    imei: { headers: ['IMEI'] },
    phone: { headers: ['Phone number', '電話號碼'] },
    holderEmail: {
      headers: ['Primary user UPN', 'Primary user email address', '主要使用者 UPN', '主要使用者電子郵件地址'],
    },
    holderName: { headers: ['Primary user display name', '主要使用者顯示名稱'] },
    department: { headers: ['Category', '類別'] },
    ownership: { headers: ['Ownership', '擁有權'] },
    managed: { headers: ['Managed by', '管理者'] },
    lastCheckIn: { headers: ['Last check-in', '上次簽入'] },
    encrypted: { headers: ['Encrypted', '已加密'] },
    jailbroken: { headers: ['Jailbroken', '已越獄'] },
    supervised: { headers: ['Supervised', '受監督'] },
  },
);

/** Jamf Pro, Mobile Devices › advanced search › export (CSV) of the inventory fields named here. */
const JAMF = profile('jamf', [['Mobile Device ID'], ['Serial Number', 'Last Inventory Update']], {
  deviceId: { headers: ['Mobile Device ID', 'Jamf Pro ID'] },
  name: { headers: ['Display Name', 'Device Name', 'Mobile Device Name'], required: true },
  model: { headers: ['Model', 'Model Identifier'] },
  os: { headers: ['Device Type'] },
  osVersion: { headers: ['iOS Version', 'OS Version', 'iPadOS Version'] },
  serial: { headers: ['Serial Number'] },
  imei: { headers: ['IMEI'] },
  phone: { headers: ['Phone Number'] },
  holderEmail: { headers: ['Email Address'] },
  holderName: { headers: ['Full Name', 'Real Name', 'Username'] },
  department: { headers: ['Department'] },
  ownership: { headers: ['Device Ownership Type', 'Device Ownership Level'] },
  managed: { headers: ['Managed'] },
  lastCheckIn: { headers: ['Last Inventory Update'] },
  supervised: { headers: ['Supervised'] },
  passcode: { headers: ['Passcode Compliance', 'Passcode Status', 'Passcode Present'] },
  encrypted: { headers: ['Data Protection', 'Hardware Encryption'] },
  jailbroken: { headers: ['Jailbreak Detected'] },
});

/** Google Workspace Admin console, Devices › Mobile devices › Download (CSV). */
const GOOGLE = profile('google', [['Compromised Status'], ['Device Id', 'Last Sync']], {
  deviceId: { headers: ['Device Id', 'Device ID', 'Resource Id'] },
  name: { headers: ['Name', 'Device Name'], required: true },
  holderEmail: { headers: ['Email'] },
  holderName: { headers: ['User Name', 'Full Name'] },
  model: { headers: ['Model'] },
  os: { headers: ['OS', 'Type'] },
  osVersion: { headers: ['OS Version'] },
  serial: { headers: ['Serial Number'] },
  imei: { headers: ['IMEI'] },
  ownership: { headers: ['Ownership', 'Owner Type', 'Device Ownership'] },
  managed: { headers: ['Management Type'] },
  lastCheckIn: { headers: ['Last Sync'] },
  jailbroken: { headers: ['Compromised Status'] },
  encrypted: { headers: ['Encryption Status'] },
  passcode: { headers: ['Password Status', 'Device Password Status'] },
});

/** Fleet, Hosts › Export hosts (CSV), with the host fields named here. */
const FLEET = profile(
  'fleet',
  [
    ['hardware_serial', 'osquery_version'],
    ['hardware_serial', 'seen_time'],
  ],
  {
    deviceId: { headers: ['id', 'uuid'] },
    name: { headers: ['display_name', 'computer_name', 'hostname'], required: true },
    platform: { headers: ['platform'] },
    os: { headers: ['os_version'] },
    model: { headers: ['hardware_model'] },
    serial: { headers: ['hardware_serial'] },
    department: { headers: ['team_name'] },
    managed: { headers: ['mdm.enrollment_status', 'mdm_enrollment_status'] },
    lastCheckIn: { headers: ['seen_time'] },
    encrypted: { headers: ['disk_encryption_enabled'] },
  },
);

/** Jianhe's own CSV (docs/devices.md#jianhe-csv), in English or zh-TW headers; every control a column. */
const JIANHE = profile(
  'jianhe',
  [
    ['name', 'platform', 'ownership'],
    ['裝置名稱', '平台', '所有權'],
  ],
  {
    deviceId: { headers: ['device_id', '裝置識別碼'] },
    name: { headers: ['name', '裝置名稱'], required: true },
    type: { headers: ['type', '類型'] },
    platform: { headers: ['platform', '平台'], required: true },
    osVersion: { headers: ['os_version', '作業系統版本'] },
    model: { headers: ['model', '型號'] },
    serial: { headers: ['serial_number', '序號'] },
    imei: { headers: ['imei'] },
    phone: { headers: ['holder_phone', '持有人電話'] },
    holderEmail: { headers: ['holder_email', '持有人電子郵件'] },
    holderName: { headers: ['holder_name', '持有人'] },
    department: { headers: ['department', '部門'] },
    ownership: { headers: ['ownership', '所有權'], required: true },
    managed: { headers: ['mdm_enrolled', '已納管'] },
    lastCheckIn: { headers: ['last_check_in', '最後回報'] },
    handlesSensitive: { headers: ['handles_sensitive', '處理敏感性事務'] },
    connectsDirectly: { headers: ['connects_directly', '直接連接組織網路'] },
    passcode: { headers: ['passcode', '身分識別'] },
    osSettings: { headers: ['os_settings_restricted', '系統設定限授權者變更'] },
    jailbroken: { headers: ['jailbreak', '越獄偵測'] },
    antiMalware: { headers: ['anti_malware', '防毒'] },
    remoteWipe: { headers: ['remote_wipe', '遠端清除'] },
    wireless: { headers: ['wireless_restricted', '無線連線限制'] },
    transport: { headers: ['transport_encryption', '傳輸加密'] },
    encrypted: { headers: ['storage_encryption', '儲存加密'] },
    screenLock: { headers: ['screen_lock', '螢幕鎖定'] },
    allowedApps: { headers: ['allowed_apps', '僅安裝核可程式'] },
  },
);

/** Checked in this order; a tie goes to the earlier, more specific vendor. */
export const DEVICE_PROFILES: ReadonlyArray<ImportProfile<DeviceField>> = [
  INTUNE,
  JAMF,
  GOOGLE,
  FLEET,
  JIANHE,
];
