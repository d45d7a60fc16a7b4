import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  TABLE_EMPTY: { 'zh-TW': '檔案中沒有任何資料列。', en: 'The file has no rows.' },
  TABLE_NOT_READABLE: {
    'zh-TW': '無法讀取此 XLSX 檔案。',
    en: 'The XLSX file could not be read.',
  },
  TABLE_NOT_UTF8: {
    'zh-TW': 'CSV 檔須為 UTF-8（或 UTF-16）編碼。',
    en: 'The CSV file must be UTF-8 (or UTF-16) encoded.',
  },
  TABLE_CSV_MALFORMED: {
    'zh-TW': 'CSV 格式錯誤（例如引號未成對）。',
    en: 'The CSV file is malformed (for example an unclosed quote).',
  },
  TABLE_TOO_LARGE: {
    'zh-TW': '檔案解壓縮後過大，已拒絕。',
    en: 'The file unpacks to more than an import may hold; it was refused.',
  },
  TABLE_TOO_MANY_ROWS: {
    'zh-TW': '檔案的資料列超過上限。',
    en: 'The file has more rows than an import accepts.',
  },
  TABLE_SOURCE_UNKNOWN: { 'zh-TW': '不支援的匯入來源。', en: 'Unknown import source.' },
  TABLE_SOURCE_UNRECOGNISED: {
    'zh-TW': '無法從欄位標題辨識檔案來源，請確認為支援的匯出格式或使用 Jianhe 範本。',
    en: 'The source could not be recognised from the headers; use a supported export or the Jianhe template.',
  },
  TABLE_COLUMNS_MISSING: {
    'zh-TW': '檔案缺少必要欄位。',
    en: 'The file lacks a required column.',
  },
  TABLE_VALUE_REQUIRED: { 'zh-TW': '此欄位不可空白。', en: 'This column may not be empty.' },
  TABLE_VALUE_INVALID: { 'zh-TW': '此欄位的值無法辨識。', en: 'The value in this column is not recognised.' },
  TABLE_DATE_INVALID: { 'zh-TW': '日期格式無法辨識。', en: 'The date is not recognised.' },
  TABLE_DUPLICATE_ROW: {
    'zh-TW': '同一筆紀錄在檔案中出現多次。',
    en: 'The same record appears more than once in the file.',
  },
});
