import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  CHECK_ENDPOINT_NOT_FOUND: { 'zh-TW': '找不到此檢查端點。', en: 'Check endpoint not found.' },
  CHECK_RUN_NOT_FOUND: { 'zh-TW': '找不到此檢查結果。', en: 'Check result not found.' },
  CHECK_ENDPOINT_DUPLICATE: {
    'zh-TW': '此主機、連接埠與檢查類型已登錄。',
    en: 'An endpoint with this host, port and kind is already registered.',
  },
  CHECK_ENDPOINT_DISABLED: {
    'zh-TW': '此端點已停用，請先啟用再執行檢查。',
    en: 'This endpoint is disabled; enable it before running a check.',
  },
  CHECK_ITEM_INVALID: {
    'zh-TW': '檢核項目代碼格式不正確（應為 item-編號，例如 item-7）。',
    en: 'Checklist item ids must look like item-7.',
  },
  CHECK_CA_INVALID: {
    'zh-TW': '信任的根憑證須為 PEM 格式的 X.509 憑證。',
    en: 'Trusted certificates must be PEM-encoded X.509 certificates.',
  },
  CHECK_ORG_BUSY: {
    'zh-TW': '此組織的檢查已達同時執行上限，請稍後再試。',
    en: 'This organisation already runs as many checks as it may at once; try again shortly.',
  },
});
