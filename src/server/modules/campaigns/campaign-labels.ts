import type { Bilingual, Locale } from '../../platform/i18n.js';
import type { SegmentFigures } from './domain/aggregates.js';
import type { ParticipantStatus } from './domain/participant-status.js';

export const STATUS_LABELS: Record<ParticipantStatus, Bilingual> = {
  not_started: { 'zh-TW': '尚未開始', en: 'Not started' },
  in_progress: { 'zh-TW': '進行中', en: 'In progress' },
  submitted: { 'zh-TW': '已提交', en: 'Submitted' },
  late: { 'zh-TW': '逾期', en: 'Late' },
};

const INDUSTRY_LABELS: Record<string, Bilingual> = {
  securities: { 'zh-TW': '證券商', en: 'Securities' },
  futures: { 'zh-TW': '期貨商', en: 'Futures' },
  investment_trust_advisory: { 'zh-TW': '投信投顧', en: 'Investment trust / advisory' },
  association: { 'zh-TW': '公會', en: 'Association' },
  other: { 'zh-TW': '其他', en: 'Other' },
};

const BAND_LABELS: Record<string, Bilingual> = {
  small: { 'zh-TW': '小型', en: 'Small' },
  medium: { 'zh-TW': '中型', en: 'Medium' },
  large: { 'zh-TW': '大型', en: 'Large' },
  unassigned: { 'zh-TW': '未分級', en: 'Unassigned' },
};

export const industryLabel = (code: string | null, locale: Locale) =>
  code ? (INDUSTRY_LABELS[code]?.[locale] ?? code) : '';
export const bandLabel = (code: string | null, locale: Locale) =>
  code ? (BAND_LABELS[code]?.[locale] ?? code) : '';

export function segmentLabel(s: SegmentFigures['segment'], locale: Locale): string {
  if (s.kind === 'all') return locale === 'zh-TW' ? '全體' : 'All';
  if (s.kind === 'industry') return industryLabel(s.industry, locale);
  if (s.kind === 'size') return bandLabel(s.sizeBand, locale);
  return `${industryLabel(s.industry, locale)} × ${bandLabel(s.sizeBand, locale)}`;
}

export const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;

/** The method, stated in every benchmark document. */
export function methodStatement(k: number, locale: Locale): string[] {
  return locale === 'zh-TW'
    ? [
        '計算方式：僅計入本次調查中已提交、且為最新版本之回覆；每一回覆來自一份已核定（簽核）之自評。',
        '符合率：符合計 1 分、部分符合計 0.5 分、不符合計 0 分，不適用不計入分母。',
        `同業比較不含貴公司本身。任一區隔少於 ${k} 家公司時不顯示（小格抑制，k = ${k}，不得低於 3）；`,
        '另以互補抑制隱藏其他區隔，使被隱藏之數字無法由總數或重疊區隔相減推得。',
        '公會僅取得各項目之結果與自評指紋，不取得說明、補償性措施或佐證，除非公司逐項同意分享。',
      ]
    : [
        'Method: only the latest submitted response of each firm in this campaign counts; each comes from an approved (signed-off) assessment.',
        'Compliance rate: compliant 1, partially compliant 0.5, non-compliant 0; not applicable is left out of the denominator.',
        `Peer figures leave your firm out. A segment with fewer than ${k} firms is not shown (small-cell suppression, k = ${k}, never below 3);`,
        'complementary suppression hides further segments so that no hidden figure can be worked out from totals or overlapping segments.',
        'The association receives each item’s result and the assessment fingerprint only; explanations, compensating controls and evidence only where the firm agreed item by item.',
      ];
}
