import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

type Messages = Record<string, unknown>;

export const supportedLanguages = ['zh-TW', 'en'] as const;
export type SupportedLanguage = (typeof supportedLanguages)[number];

/**
 * Each feature owns `locales/<language>/<feature>.json`; their top-level keys merge into one namespace,
 * so adding a feature never edits another feature's strings. What travels in the first download is kept
 * small: the shell's features in zh-TW (the default) come with the app and English arrives when chosen;
 * the page-specific features (apps, assessments, audit, campaigns, catalog, checks, devices, invitations, providers, remediation,
 * questionnaire, reports, social, sso) register themselves from
 * `i18n/<feature>.ts`, which the components using their keys import, so their strings ride in those
 * pages' chunks.
 */
const zhShell = import.meta.glob<Messages>(
  [
    './locales/zh-TW/*.json',
    '!./locales/zh-TW/{abilities,apps,assessments,audit,campaigns,catalog,checks,devices,invitations,providers,questionnaire,remediation,reports,social,sso}.json',
  ],
  { eager: true, import: 'default' },
);

const LANGUAGE_OF_FILE = /^\.\/locales\/([^/]+)\//;

/** Adds messages (`./locales/<language>/<feature>.json` → messages) to their languages. */
export function registerMessages(files: Record<string, Messages>) {
  for (const [file, messages] of Object.entries(files)) {
    const language = LANGUAGE_OF_FILE.exec(file)?.[1];
    if (language) i18n.addResourceBundle(language, 'translation', messages, true, false);
  }
}

let english: Promise<void> | undefined;
function loadEnglish(): Promise<void> {
  english ??= import('./english').then(({ englishShell }) => registerMessages(englishShell));
  return english;
}

const STORAGE_KEY = 'jianhe.language';

function storedLanguage(): SupportedLanguage {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-TW';
}

function reflectInDocument(language: string) {
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-Hant-TW';
}

export async function setLanguage(language: SupportedLanguage): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  if (language === 'en') await loadEnglish();
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  // zh-TW's shell strings are in place from the start (so resolvedLanguage is zh-TW at once).
  resources: {
    'zh-TW': { translation: Object.assign({}, ...Object.values(zhShell)) },
    en: { translation: {} },
  },
  lng: 'zh-TW',
  fallbackLng: 'zh-TW',
  supportedLngs: [...supportedLanguages],
  interpolation: { escapeValue: false },
});
reflectInDocument(i18n.language);
i18n.on('languageChanged', reflectInDocument);

/** Settles once the visitor's language is ready; the app renders after it, so no key ever shows raw. */
export const languageReady: Promise<void> =
  storedLanguage() === 'en' ? setLanguage('en').catch(() => undefined) : Promise.resolve();

export default i18n;
