import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import type { Bilingual } from '../../../platform/i18n.js';
import { isValidBusinessId } from '../../identity/business-id.js';
import {
  cardNetwork,
  isValidNationalId,
  isValidNewResidentPermit,
  isValidOldResidentPermit,
  luhnValid,
} from './checksums.js';
import { maskDigits, maskEmail, maskIdentifier } from './mask.js';

export type DetectorId =
  | 'national-id'
  | 'resident-permit'
  | 'business-id'
  | 'mobile-phone'
  | 'landline-phone'
  | 'bank-account'
  | 'securities-account'
  | 'email'
  | 'payment-card';

export interface PersonalDataMatch {
  detector: DetectorId;
  start: number;
  end: number;
  /** The value as written in the text; callers decide whether it may be shown (never logged). */
  value: string;
  masked: string;
  /** Format detail: "new"/"old" for resident permits, the card network, the phone type. */
  variant?: string;
}

/**
 * An account-number pattern: the number must follow one of the keywords within a few characters
 * (「帳號：」「扣款帳戶為」), because a bare run of digits is as likely an order or reference number.
 */
export interface AccountPattern {
  id: string;
  detector: 'bank-account' | 'securities-account';
  label: Bilingual;
  keywords: string[];
  /** Regular-expression source for the number itself (no capturing groups). */
  number: string;
  /** Digits left visible at the end when masking. */
  keepLast: number;
}

export const DEFAULT_ACCOUNT_PATTERNS: AccountPattern[] = [
  {
    id: 'securities-account',
    detector: 'securities-account',
    label: { 'zh-TW': '證券帳號', en: 'securities account' },
    keywords: [
      '證券帳號',
      '證券戶',
      '交易帳號',
      '集保帳號',
      '證券帳戶',
      'securities account',
      'trading account',
    ],
    // Branch code (4 digits) and account (7 digits), with or without a hyphen.
    number: '\\d{4}-?\\d{7}',
    keepLast: 3,
  },
  {
    id: 'bank-account',
    detector: 'bank-account',
    label: { 'zh-TW': '銀行帳號', en: 'bank account' },
    keywords: [
      '帳號',
      '帳戶',
      '账号',
      '交割帳戶',
      '扣款帳戶',
      '匯款帳號',
      '存款帳號',
      'account no',
      'account number',
      'acct',
    ],
    number: '\\d{3,4}-?\\d{2,4}-?\\d{4,8}|\\d{10,16}',
    keepLast: 4,
  },
];

const BOUNDARY_BEFORE = '(?<![A-Za-z0-9])';
const BOUNDARY_AFTER = '(?![A-Za-z0-9])';

function* regexMatches(text: string, source: string, flags = 'g'): Generator<RegExpExecArray> {
  const regex = new RegExp(source, flags);
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    yield m;
    if (m[0].length === 0) regex.lastIndex++;
  }
}

export function detectIdentityNumbers(text: string): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  // Letters are accepted in either case (people type a123456789); the check digit decides.
  for (const m of regexMatches(text, `${BOUNDARY_BEFORE}[A-Za-z][A-Da-d1289]\\d{8}${BOUNDARY_AFTER}`)) {
    const value = m[0].toUpperCase();
    const base = { start: m.index, end: m.index + value.length, value, masked: maskIdentifier(m[0]) };
    if (isValidNationalId(value)) out.push({ ...base, detector: 'national-id' });
    else if (isValidNewResidentPermit(value))
      out.push({ ...base, detector: 'resident-permit', variant: 'new' });
    else if (isValidOldResidentPermit(value))
      out.push({ ...base, detector: 'resident-permit', variant: 'old' });
  }
  return out;
}

const BUSINESS_ID_KEYWORDS = [
  '統一編號',
  '統編',
  '營利事業統一編號',
  '扣繳編號',
  'tax id',
  'ubn',
  'business id',
  'vat no',
];

/** 統一編號 only after a keyword: any 8 digits pass the check one time in five, so context is required. */
export function detectBusinessIds(text: string): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  const keywords = BUSINESS_ID_KEYWORDS.map(escapeRegex).join('|');
  for (const m of regexMatches(text, `(?:${keywords})[\\s:：為是]{0,4}(\\d{8})${BOUNDARY_AFTER}`, 'gi')) {
    const value = m[1]!;
    if (!isValidBusinessId(value)) continue;
    const start = m.index + m[0].length - value.length;
    out.push({ detector: 'business-id', start, end: start + 8, value, masked: maskDigits(value, 2, 2) });
  }
  return out;
}

const SERVICE_CONTEXT = /(?:客服|服務|專線|總機|免付費|customer service|hotline|call us)[^\n]{0,10}$/i;

/** Mobile and landline numbers, parsed and validated with libphonenumber (Taiwan as the default region). */
export function detectPhoneNumbers(text: string): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  for (const found of findPhoneNumbersInText(text, { defaultCountry: 'TW' })) {
    const type = found.number.getType();
    let startsAt = found.startsAt;
    const endsAt = found.endsAt;
    // An opening parenthesis before a number that has no area code in parentheses belongs to the text.
    if (text[startsAt] === '(' && !text.slice(startsAt, endsAt).includes(')')) startsAt++;
    const value = text.slice(startsAt, endsAt);
    const digits = value.replace(/\D/g, '');
    const digitCount = digits.length;
    // Without a trunk prefix or country code, 7–8 digits are as likely an invoice or extension number.
    if (!value.startsWith('+') && !digits.startsWith('0')) continue;
    if (type === 'MOBILE' || (type === 'FIXED_LINE_OR_MOBILE' && found.number.country !== 'TW')) {
      out.push({
        detector: 'mobile-phone',
        start: startsAt,
        end: endsAt,
        value,
        masked: maskDigits(value, digitCount - 6, 3),
        variant: found.number.country ?? 'intl',
      });
    } else if (type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE') {
      // A firm's published service line is not personal data; a number introduced as one is skipped.
      if (SERVICE_CONTEXT.test(text.slice(Math.max(0, startsAt - 16), startsAt))) continue;
      out.push({
        detector: 'landline-phone',
        start: startsAt,
        end: endsAt,
        value,
        masked: maskDigits(value, 2, 4),
        variant: found.number.country ?? 'intl',
      });
    }
  }
  return out;
}

export function detectAccounts(text: string, patterns: AccountPattern[]): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  for (const pattern of patterns) {
    const keywords = pattern.keywords.map(escapeRegex).join('|');
    const source = `(?:${keywords})[\\s:：#為是]{0,4}(?<![0-9])(${pattern.number})(?![0-9-])`;
    for (const m of regexMatches(text, source, 'gi')) {
      const value = m[1]!;
      const start = m.index + m[0].length - value.length;
      out.push({
        detector: pattern.detector,
        start,
        end: start + value.length,
        value,
        masked: maskDigits(value, 0, pattern.keepLast),
        variant: pattern.id,
      });
    }
  }
  return out;
}

// Local part and domain per the common subset of RFC 5321 that real addresses use.
const EMAIL = `(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])`;

// Role mailboxes (service@, noreply@ …) belong to the firm, not to a person.
const ROLE_MAILBOX =
  /^(?:service|services|support|help|info|contact|cs|customer|noreply|no-reply|do-not-reply|donotreply|admin|webmaster|postmaster|sales|marketing|ir|hr|pr|news|newsletter|notice|notification|notifications)$/i;

const URL_USERINFO = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/@]*$/;

export function detectEmails(text: string): PersonalDataMatch[] {
  return (
    [...regexMatches(text, EMAIL)]
      .filter((m) => !ROLE_MAILBOX.test(m[0].slice(0, m[0].lastIndexOf('@'))))
      // user:password@host inside a URL is a credential (another rule's business), not an address.
      .filter((m) => !URL_USERINFO.test(text.slice(Math.max(0, m.index - 80), m.index)))
      .map((m) => ({
        detector: 'email' as const,
        start: m.index,
        end: m.index + m[0].length,
        value: m[0],
        masked: maskEmail(m[0]),
      }))
  );
}

export function detectPaymentCards(text: string): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  // 13–19 digits, optionally grouped by single spaces or hyphens.
  for (const m of regexMatches(text, '(?<![0-9])\\d(?:[ -]?\\d){12,18}(?![0-9])')) {
    const digits = m[0].replace(/\D/g, '');
    const network = cardNetwork(digits);
    if (!network || !luhnValid(digits)) continue;
    out.push({
      detector: 'payment-card',
      start: m.index,
      end: m.index + m[0].length,
      value: m[0],
      masked: maskDigits(m[0], 0, 4),
      variant: network,
    });
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
