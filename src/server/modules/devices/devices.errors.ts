import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  DEVICE_NOT_FOUND: { 'zh-TW': '找不到此行動裝置。', en: 'Device not found.' },
  DEVICE_SERIAL_TAKEN: {
    'zh-TW': '已有其他裝置使用此序號或 MDM 裝置識別碼。',
    en: 'Another device already has this serial number or MDM device id.',
  },
  DEVICE_IMPORT_NO_IDENTIFIER: {
    'zh-TW': '此列沒有序號，也沒有 MDM 裝置識別碼，無法比對既有裝置。',
    en: 'The row has neither a serial number nor an MDM device id, so it cannot be matched.',
  },
  DEVICE_IMPORT_POSTURE_INVALID: {
    'zh-TW': '控管狀態須為 pass、fail 或 unknown（通過、未通過、未知）。',
    en: 'A control must be pass, fail or unknown.',
  },
  DEVICE_TASK_KIND_MISMATCH: {
    'zh-TW': '此待辦事項須以相同類型的事件（重新配置或清除配置）完成。',
    en: 'This task is done only by an event of its own kind (re-provision or wipe).',
  },
  DEVICE_EVENT_PERSON_REQUIRED: {
    'zh-TW': '請指明經手人（成員或姓名）。',
    en: 'Name the person: a member or a name.',
  },
  BYOD_AGREEMENT_NOT_FOUND: { 'zh-TW': '找不到此 BYOD 使用協議。', en: 'BYOD agreement not found.' },
  BYOD_AGREEMENT_NOT_CURRENT: {
    'zh-TW': '只能接受目前版本的使用協議。',
    en: 'Only the current version of the agreement can be accepted.',
  },
  BYOD_NOT_A_BYOD_DEVICE: {
    'zh-TW': '此裝置不是員工自攜裝置（BYOD）。',
    en: 'This device is not an employee-owned (BYOD) device.',
  },
  BYOD_ACCEPTANCE_HOLDER_REQUIRED: {
    'zh-TW': '紙本簽署須指明持有人（成員或姓名）及掃描檔。',
    en: 'A paper acceptance names the holder (a member or a name) and its scan.',
  },
  BYOD_REVIEW_PERIOD_INVALID: {
    'zh-TW': '使用期間的結束日不可早於開始日。',
    en: 'The period of use cannot end before it starts.',
  },
  ALLOWED_APP_NOT_FOUND: { 'zh-TW': '找不到此核可程式。', en: 'Allowed app not found.' },
  ALLOWED_APP_EXISTS: {
    'zh-TW': '此應用程式已在核可清單中。',
    en: 'This app is already on the allowed list.',
  },
});
