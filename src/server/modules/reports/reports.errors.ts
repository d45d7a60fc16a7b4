import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  EXPORT_FORMAT_UNKNOWN: {
    'zh-TW': '不支援的匯出格式。',
    en: 'Unknown export format.',
  },
  IMPORT_FILE_MISSING: { 'zh-TW': '請上傳一個 XLSX 檔案。', en: 'Upload one XLSX file.' },
  IMPORT_NOT_XLSX: {
    'zh-TW': '無法讀取此檔案，請上傳由 Jianhe 匯出的 XLSX 檔。',
    en: 'The file could not be read; upload an XLSX file exported from Jianhe.',
  },
  IMPORT_NOT_A_JIANHE_EXPORT: {
    'zh-TW': '此檔案不是 Jianhe 匯出的檢核表（缺少識別資料工作表）。',
    en: 'This file is not a checklist exported from Jianhe (its identifying sheet is missing).',
  },
  IMPORT_LAYOUT_CHANGED: {
    'zh-TW': '檢核表的欄位順序或標題已被變更，請使用原匯出格式。',
    en: 'The checklist columns were moved or renamed; keep the exported layout.',
  },
  IMPORT_WRONG_ASSESSMENT: {
    'zh-TW': '此檔案屬於另一份自評。',
    en: 'This file belongs to a different assessment.',
  },
  IMPORT_TOO_LARGE: {
    'zh-TW': '檔案解壓縮後過大，不像是本系統匯出的檢核表。',
    en: 'The file unpacks to far more than a checklist export; it was refused.',
  },
  IMPORT_REJECTED: {
    'zh-TW': '匯入檔有錯誤，未做任何變更；請依錯誤報告修正後重新上傳。',
    en: 'The file has errors and nothing was changed; fix the rows in the error report and upload again.',
  },
  IMPORT_UNKNOWN_ITEM: {
    'zh-TW': '此項次不屬於這份自評。',
    en: 'This item number is not part of the assessment.',
  },
  IMPORT_DUPLICATE_ITEM: {
    'zh-TW': '同一項次在檔案中出現多次。',
    en: 'This item number appears more than once in the file.',
  },
  IMPORT_INVALID_RESULT: {
    'zh-TW': '自評結果須為：符合、部分符合、不符合、不適用或未評。',
    en: 'The result must be one of: compliant, partially compliant, non-compliant, not applicable, not assessed.',
  },
  IMPORT_ITEM_CHANGED_SINCE_EXPORT: {
    'zh-TW': '此項目在匯出後已於 Jianhe 中被修改，請重新匯出後再填寫。',
    en: 'This item was changed in Jianhe after the export; export again and redo the change.',
  },
});

registerErrorMessages({
  POAM_NOTHING_TO_REMEDIATE: {
    'zh-TW': '此自評沒有不符合或部分符合的項目，無需改善計畫（POA&M）。',
    en: 'The assessment has no non-compliant or partially compliant items, so there is no POA&M to export.',
  },
});
