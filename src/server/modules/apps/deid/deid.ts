import type { Bilingual } from '../../../platform/i18n.js';
import {
  type AccountPattern,
  DEFAULT_ACCOUNT_PATTERNS,
  type DetectorId,
  detectAccounts,
  detectBusinessIds,
  detectEmails,
  detectIdentityNumbers,
  detectPaymentCards,
  detectPhoneNumbers,
  type PersonalDataMatch,
} from './detectors.js';

/**
 * De-identification check (Art. 16.2): finds unmasked Taiwanese personal data in a notification text (SMS,
 * push, e-mail template) and shows how it should read masked. Pure: the CLI and the API call this.
 */

export const DETECTOR_LABELS: Record<DetectorId, Bilingual> = {
  'national-id': { 'zh-TW': '身分證字號', en: 'national ID number' },
  'resident-permit': { 'zh-TW': '居留證統一證號', en: 'resident permit number' },
  'business-id': { 'zh-TW': '統一編號', en: 'business ID (統一編號)' },
  'mobile-phone': { 'zh-TW': '手機號碼', en: 'mobile number' },
  'landline-phone': { 'zh-TW': '市話號碼', en: 'landline number' },
  'bank-account': { 'zh-TW': '銀行帳號', en: 'bank account number' },
  'securities-account': { 'zh-TW': '證券帳號', en: 'securities account number' },
  email: { 'zh-TW': '電子郵件地址', en: 'e-mail address' },
  'payment-card': { 'zh-TW': '信用卡號', en: 'payment card number' },
};

export const ALL_DETECTORS = Object.keys(DETECTOR_LABELS) as DetectorId[];

// When two matches overlap the more specific one wins: a checksummed identifier over a keyword-based
// account, an account over a phone-shaped number after 「帳號」.
const PRIORITY: DetectorId[] = [
  'national-id',
  'resident-permit',
  'payment-card',
  'email',
  'securities-account',
  'bank-account',
  'business-id',
  'mobile-phone',
  'landline-phone',
];

export interface DeidOptions {
  detectors?: DetectorId[];
  accountPatterns?: AccountPattern[];
}

export interface DeidResult {
  matches: PersonalDataMatch[];
  /** The text with every match replaced by its masked form. */
  maskedText: string;
  counts: Partial<Record<DetectorId, number>>;
}

/**
 * Full-width ASCII (U+FF01–FF5E) and the ideographic space become their ASCII forms, one UTF-16 unit for
 * one, so offsets in the normalised text are offsets in the original.
 */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

export function findPersonalData(text: string, options: DeidOptions = {}): PersonalDataMatch[] {
  const enabled = new Set(options.detectors ?? ALL_DETECTORS);
  const normalized = normalizeWidth(text);
  const candidates: PersonalDataMatch[] = [];
  if (enabled.has('national-id') || enabled.has('resident-permit'))
    candidates.push(...detectIdentityNumbers(normalized));
  if (enabled.has('payment-card')) candidates.push(...detectPaymentCards(normalized));
  if (enabled.has('email')) candidates.push(...detectEmails(normalized));
  if (enabled.has('bank-account') || enabled.has('securities-account'))
    candidates.push(...detectAccounts(normalized, options.accountPatterns ?? DEFAULT_ACCOUNT_PATTERNS));
  if (enabled.has('business-id')) candidates.push(...detectBusinessIds(normalized));
  if (enabled.has('mobile-phone') || enabled.has('landline-phone'))
    candidates.push(...detectPhoneNumbers(normalized));

  const ranked = candidates
    .filter((m) => enabled.has(m.detector))
    .sort(
      (x, y) =>
        PRIORITY.indexOf(x.detector) - PRIORITY.indexOf(y.detector) || y.end - y.start - (x.end - x.start),
    );
  const kept: PersonalDataMatch[] = [];
  for (const match of ranked) {
    if (kept.some((k) => match.start < k.end && k.start < match.end)) continue;
    // Report the value as written (full-width digits stay full-width in `value`).
    kept.push({ ...match, value: text.slice(match.start, match.end) });
  }
  return kept.sort((x, y) => x.start - y.start);
}

export function checkDeidentification(text: string, options: DeidOptions = {}): DeidResult {
  const matches = findPersonalData(text, options);
  let maskedText = '';
  let position = 0;
  const counts: Partial<Record<DetectorId, number>> = {};
  for (const match of matches) {
    maskedText += text.slice(position, match.start) + match.masked;
    position = match.end;
    counts[match.detector] = (counts[match.detector] ?? 0) + 1;
  }
  maskedText += text.slice(position);
  return { matches, maskedText, counts };
}
