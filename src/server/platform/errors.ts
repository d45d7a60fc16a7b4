import type { Bilingual } from './i18n.js';

/** Stable, machine-readable error codes. Clients switch on these; never rename one. */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { 'zh-TW': '請求內容格式不正確。', en: 'The request is not valid.' },
  NOT_FOUND: { 'zh-TW': '找不到所要求的資源。', en: 'The requested resource was not found.' },
  METHOD_NOT_ALLOWED: { 'zh-TW': '不支援此操作。', en: 'This method is not allowed here.' },
  PAYLOAD_TOO_LARGE: { 'zh-TW': '上傳內容超過大小限制。', en: 'The request body exceeds the size limit.' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-TW': '不支援的內容類型。', en: 'The content type is not supported.' },
  RATE_LIMITED: { 'zh-TW': '請求過於頻繁，請稍後再試。', en: 'Too many requests; try again later.' },
  SERVICE_UNAVAILABLE: { 'zh-TW': '服務暫時無法使用。', en: 'The service is temporarily unavailable.' },
  DATABASE_UNAVAILABLE: { 'zh-TW': '資料庫目前無法連線。', en: 'The database is unreachable.' },
  INTERNAL_ERROR: { 'zh-TW': '系統發生未預期的錯誤。', en: 'An unexpected error occurred.' },
  WEB_NOT_BUILT: {
    'zh-TW': '網頁介面尚未建置，請執行 npm run build。',
    en: 'The web interface has not been built; run npm run build.',
  },
} satisfies Record<string, Bilingual>;

export type BaseErrorCode = keyof typeof ERROR_MESSAGES;

const registry: Record<string, Bilingual> = { ...ERROR_MESSAGES };

/** Modules add their own codes at import time, so each owns its messages next to its rules. */
export function registerErrorMessages(messages: Record<string, Bilingual>): void {
  for (const [code, text] of Object.entries(messages)) {
    if (registry[code] && registry[code] !== text) throw new Error(`error code ${code} registered twice`);
    registry[code] = text;
  }
}

export function errorMessage(code: string, locale: keyof Bilingual): string {
  return registry[code]?.[locale] ?? registry.INTERNAL_ERROR![locale];
}

/** An error the client caused or may act on: it becomes a 4xx/5xx with `code` and a localised message. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly details?: unknown,
    /**
     * Why it failed, for the operator's log only (never the response): an upstream's error message and code
     * (SMTP, an identity provider, the database). Must hold no secret or personal data.
     */
    readonly internalCause?: { step?: string; message: string; code?: string },
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** The loggable cause of an upstream failure: message and code only, never the request or its body. */
export function causeOf(error: unknown, step?: string): { step?: string; message: string; code?: string } {
  const e = error as { message?: unknown; code?: unknown; cause?: { code?: unknown } };
  const code =
    typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  return {
    ...(step ? { step } : {}),
    message: String(e?.message ?? error).slice(0, 300),
    ...(code ? { code } : {}),
  };
}
