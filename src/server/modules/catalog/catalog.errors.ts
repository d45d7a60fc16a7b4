import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  CATALOG_NOT_FOUND: { 'zh-TW': '找不到此指引版本。', en: 'Catalog not found.' },
  CATALOG_INVALID: { 'zh-TW': '指引檔案格式不正確。', en: 'The catalog file is not valid.' },
  CATALOG_VERSION_CONFLICT: {
    'zh-TW': '此指引版本已存在且內容不同；請使用新的版本號。',
    en: 'This catalog version already exists with different content; use a new version number.',
  },
});
