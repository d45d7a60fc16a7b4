import { AppError, registerErrorMessages } from '../../platform/errors.js';

/** Codes of the app scanner; the ZIP_* codes of platform/bounded-unzip.ts cover the archive itself. */
const APP_SCAN_ERRORS = {
  APP_SCAN_UNSUPPORTED_FILE: [
    422,
    '檔案不是 APK、IPA 或 MobSF JSON 報告。',
    'The file is not an APK, an IPA or a MobSF JSON report.',
  ],
  APP_SCAN_MALFORMED: [422, '應用程式檔案內容損毀或被截斷。', 'The app file is damaged or truncated.'],
  APP_SCAN_MISSING_ENTRY: [
    422,
    '應用程式套件缺少必要的檔案（AndroidManifest.xml 或 Info.plist）。',
    'The app package lacks a required file (AndroidManifest.xml or Info.plist).',
  ],
  APP_SCAN_LIMIT: [
    413,
    '掃描超過限制（檔案大小、解壓縮量或時間），已停止。',
    'The scan hit a limit (file size, unpacked bytes or time) and stopped.',
  ],
  APP_SCAN_RULE_PACK_INVALID: [422, '規則包格式不正確。', 'The rule pack is not valid.'],
  APP_SCAN_MOBSF_INVALID: [
    422,
    'MobSF 報告格式不正確或無法辨識。',
    'The MobSF report is not valid or not recognised.',
  ],
} as const satisfies Record<string, readonly [number, string, string]>;

export type AppScanErrorCode = keyof typeof APP_SCAN_ERRORS;

registerErrorMessages(
  Object.fromEntries(
    Object.entries(APP_SCAN_ERRORS).map(([code, [, zh, en]]) => [code, { 'zh-TW': zh, en }]),
  ),
);

/** A scan that could not finish; `detail` says what exactly (an entry name, a limit), in English. */
export class AppScanError extends AppError {
  declare readonly code: AppScanErrorCode;
  constructor(
    code: AppScanErrorCode,
    readonly detail: string,
  ) {
    super(APP_SCAN_ERRORS[code][0], code, { detail });
    this.name = 'AppScanError';
    this.message = `${APP_SCAN_ERRORS[code][2]} ${detail}`.trim();
  }
}
