import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  EVIDENCE_TYPE_NOT_ALLOWED: {
    'zh-TW': '不接受此檔案類型。允許：PDF、圖片（PNG、JPEG、GIF、WebP）、Office 文件、ZIP 及純文字。',
    en: 'This file type is not accepted. Allowed: PDF, images (PNG, JPEG, GIF, WebP), Office documents, ZIP and plain text.',
  },
});

registerErrorMessages({
  EVIDENCE_NOT_FOUND: { 'zh-TW': '找不到此佐證資料。', en: 'Evidence not found.' },
  EVIDENCE_URL_INVALID: {
    'zh-TW': '連結必須是 http:// 或 https:// 開頭的網址。',
    en: 'A link must be an http:// or https:// URL.',
  },
  EVIDENCE_FILE_MISSING: { 'zh-TW': '請選擇要上傳的檔案。', en: 'Choose a file to upload.' },
});
