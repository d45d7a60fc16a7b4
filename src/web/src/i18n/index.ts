import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

type Messages = Record<string, unknown>;

/**
 * Each feature owns `locales/<language>/<feature>.json`; their top-level keys merge into one namespace,
 * so adding a feature never edits another feature's strings.
 */
const localeFiles = import.meta.glob<Messages>('./locales/*/*.json', { eager: true, import: 'default' });

function messagesFor(language: string): Messages {
  const merged: Messages = {};
  for (const [file, messages] of Object.entries(localeFiles)) {
    if (file.startsWith(`./locales/${language}/`)) Object.assign(merged, messages);
  }
  return merged;
}

export const supportedLanguages = ['zh-TW', 'en'] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

const STORAGE_KEY = 'jianhe.language';

function initialLanguage(): SupportedLanguage {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-TW';
}

function reflectInDocument(language: string) {
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-Hant-TW';
}

export function setLanguage(language: SupportedLanguage) {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-TW': { translation: messagesFor('zh-TW') },
    en: { translation: messagesFor('en') },
  },
  lng: initialLanguage(),
  fallbackLng: 'zh-TW',
  supportedLngs: [...supportedLanguages],
  interpolation: { escapeValue: false },
});
reflectInDocument(i18n.language);
i18n.on('languageChanged', reflectInDocument);

export default i18n;
