export type Locale = 'zh-TW' | 'en';

/** Picks the response language: English when the client asks for it first, zh-TW otherwise. */
export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-TW';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-TW';
}

export type Bilingual = Record<Locale, string>;
