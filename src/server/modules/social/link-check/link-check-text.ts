import type { Locale } from '../../../platform/i18n.js';
import type { reportJson } from './run-link-check.js';

type Report = ReturnType<typeof reportJson>;

const TEXT = {
  title: { 'zh-TW': '外部連結提示檢查（第 11.2 條）', en: 'Exit-notice link check (Art. 11.2)' },
  page: { 'zh-TW': '頁面', en: 'Page' },
  error: { 'zh-TW': '無法檢查', en: 'could not be checked' },
  none: { 'zh-TW': '未發現社群媒體連結', en: 'no social-media links' },
  ok: { 'zh-TW': '有提示', en: 'notice shown' },
  missing: { 'zh-TW': '缺少提示', en: 'NO NOTICE' },
  skipped: { 'zh-TW': '未檢查', en: 'not checked' },
  summary: {
    'zh-TW': '連結 {found} 個，缺少提示 {missing} 個',
    en: '{found} links, {missing} without a notice',
  },
} as const;

const NOTICE: Record<string, Record<Locale, string>> = {
  confirm_dialog: { 'zh-TW': '確認視窗', en: 'confirmation dialog' },
  in_page_dialog: { 'zh-TW': '頁面內提示視窗', en: 'in-page dialog' },
  interstitial_page: { 'zh-TW': '轉址提示頁', en: 'interstitial page' },
};

/** The report as lines a person reads in a terminal. */
export function formatLinkCheckText(report: Report, lang: Locale): string {
  const lines = [TEXT.title[lang], ''];
  for (const page of report.pages) {
    lines.push(`${TEXT.page[lang]} ${page.url}${page.error ? ` — ${TEXT.error[lang]}: ${page.error}` : ''}`);
    if (!page.error && page.links.length === 0) lines.push(`  ${TEXT.none[lang]}`);
    for (const link of page.links) {
      const verdict = link.notice
        ? `${TEXT.ok[lang]} (${NOTICE[link.notice]?.[lang] ?? link.notice})`
        : link.lacksNotice
          ? TEXT.missing[lang]
          : TEXT.skipped[lang];
      lines.push(
        `  [${verdict}] ${link.href}${link.text ? ` “${link.text}”` : ''} (${link.foundIn}, ${link.outcome})`,
      );
    }
  }
  lines.push(
    '',
    TEXT.summary[lang]
      .replace('{found}', String(report.linksFound))
      .replace('{missing}', String(report.linksWithoutNotice)),
  );
  return `${lines.join('\n')}\n`;
}
