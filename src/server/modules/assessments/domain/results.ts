import type { Bilingual } from '../../../platform/i18n.js';

/** 自評結果. Stored as these codes; the labels are what the checklist form prints. */
export const ASSESSMENT_RESULTS = [
  'compliant',
  'partially_compliant',
  'non_compliant',
  'not_applicable',
  'not_assessed',
] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];

export const RESULT_LABELS: Record<AssessmentResult, Bilingual> = {
  compliant: { 'zh-TW': '符合', en: 'Compliant' },
  partially_compliant: { 'zh-TW': '部分符合', en: 'Partially compliant' },
  non_compliant: { 'zh-TW': '不符合', en: 'Non-compliant' },
  not_applicable: { 'zh-TW': '不適用', en: 'Not applicable' },
  not_assessed: { 'zh-TW': '未評', en: 'Not assessed' },
};

/** Parses either the code or its zh-TW/en label (offline spreadsheets carry labels). */
export function parseResult(value: string): AssessmentResult | undefined {
  const text = value.trim();
  if ((ASSESSMENT_RESULTS as readonly string[]).includes(text)) return text as AssessmentResult;
  const lower = text.toLowerCase();
  return ASSESSMENT_RESULTS.find(
    (r) => RESULT_LABELS[r]['zh-TW'] === text || RESULT_LABELS[r].en.toLowerCase() === lower,
  );
}

/** Results that leave a gap, for which Art. 4.1's 補償性措施 (compensating control) must be stated. */
export function requiresCompensatingControl(result: AssessmentResult): boolean {
  return result === 'partially_compliant' || result === 'non_compliant';
}
