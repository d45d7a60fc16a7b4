import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../../test/support/cli.js';
import {
  cardNetwork,
  isValidNationalId,
  isValidNewResidentPermit,
  isValidOldResidentPermit,
  luhnValid,
} from './checksums.js';
import { checkDeidentification, findPersonalData, normalizeWidth } from './deid.js';
import type { DetectorId } from './detectors.js';

describe('check digits', () => {
  it('身分證字號: letter, 1 or 2, weighted sum divisible by 10', () => {
    expect(isValidNationalId('A123456789')).toBe(true);
    expect(isValidNationalId('A123456788')).toBe(false);
    expect(isValidNationalId('A323456789')).toBe(false); // second digit must be 1 or 2
    expect(isValidNationalId('B120863158')).toBe(true);
    // I, O, W–Z sit out of alphabetical order in the area table (I=34, O=35, W=32 …).
    expect(isValidNationalId('I100000003')).toBe(true);
    expect(isValidNationalId('O100000004')).toBe(true);
  });

  it('居留證: the 2021 format (8/9) uses the same sum; the old format counts its second letter A–D as 0–3', () => {
    expect(isValidNewResidentPermit('A800000014')).toBe(true);
    expect(isValidNewResidentPermit('A800000015')).toBe(false);
    expect(isValidNewResidentPermit('A123456789')).toBe(false);
    expect(isValidOldResidentPermit('AC01234567')).toBe(true);
    expect(isValidOldResidentPermit('AC01234568')).toBe(false);
    expect(isValidOldResidentPermit('AE01234567')).toBe(false);
  });

  it('payment cards: Luhn and a real issuer prefix and length', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(cardNetwork('4111111111111111')).toBe('visa');
    expect(cardNetwork('378282246310005')).toBe('amex');
    expect(cardNetwork('2221000000000009')).toBe('mastercard');
    expect(cardNetwork('9111111111111111')).toBeNull();
  });
});

describe('de-identification check', () => {
  it('finds a national ID inside Chinese text without spaces and shows the masked form', () => {
    const result = checkDeidentification('身分證字號A123456789已驗證');
    expect(result.matches).toEqual([
      { detector: 'national-id', start: 5, end: 15, value: 'A123456789', masked: 'A12****789' },
    ]);
    expect(result.maskedText).toBe('身分證字號A12****789已驗證');
  });

  it('reads full-width characters, keeping offsets in the original text', () => {
    const text = '身分證字號Ａ１２３４５６７８９。';
    expect(normalizeWidth(text).length).toBe(text.length);
    const [match] = findPersonalData(text);
    expect(match).toMatchObject({
      detector: 'national-id',
      start: 5,
      end: 15,
      value: 'Ａ１２３４５６７８９',
    });
  });

  it('does not report masked values, invalid check digits or digits inside longer identifiers', () => {
    expect(findPersonalData('身分證字號A12****789已驗證')).toEqual([]);
    expect(findPersonalData('身分證字號A123456788')).toEqual([]);
    expect(findPersonalData('序號XA123456789Z')).toEqual([]);
    expect(findPersonalData('驗證碼已傳送至0912-***-678')).toEqual([]);
  });

  it('統一編號 needs a keyword before it and a valid check digit (7th-digit rule included)', () => {
    expect(findPersonalData('統編：04595257')).toMatchObject([
      { detector: 'business-id', masked: '04****57' },
    ]);
    expect(findPersonalData('統一編號10458570')).toMatchObject([{ detector: 'business-id' }]); // 7th digit 7
    expect(findPersonalData('分機04595257')).toEqual([]);
    expect(findPersonalData('統編04595258')).toEqual([]);
  });

  it('phone numbers through libphonenumber: mobile and landline, not service lines or bare digits', () => {
    expect(findPersonalData('手機0912-345-678')).toMatchObject([
      { detector: 'mobile-phone', masked: '0912-***-678' },
    ]);
    expect(findPersonalData('請撥+886 912 345 678')).toMatchObject([{ detector: 'mobile-phone' }]);
    expect(findPersonalData('住家電話(02)2345-6789')).toMatchObject([
      { detector: 'landline-phone', masked: '(02)****-6789' },
    ]);
    expect(findPersonalData('客服專線(02)2345-6789')).toEqual([]);
    expect(findPersonalData('免付費0800-000-123')).toEqual([]);
    expect(findPersonalData('發票號碼AB-75411505')).toEqual([]);
  });

  it('accounts by configurable patterns, only after a keyword', () => {
    expect(findPersonalData('扣款帳戶為012-345-67890123，')).toMatchObject([
      { detector: 'bank-account', masked: '***-***-****0123' },
    ]);
    expect(findPersonalData('證券帳號9800-1234567成交')).toMatchObject([{ detector: 'securities-account' }]);
    expect(findPersonalData('訂單編號012345678901')).toEqual([]);
    const custom = findPersonalData('會員編號M12345678', {
      accountPatterns: [
        {
          id: 'member',
          detector: 'bank-account',
          label: { 'zh-TW': '會員編號', en: 'member number' },
          keywords: ['會員編號M'],
          number: '\\d{8}',
          keepLast: 2,
        },
      ],
    });
    expect(custom).toMatchObject([{ detector: 'bank-account', variant: 'member', masked: '******78' }]);
  });

  it('e-mail addresses, except role mailboxes; cards pass Luhn and a network prefix', () => {
    expect(findPersonalData('信箱wang.xiaoming@example.com.tw已')).toMatchObject([
      { detector: 'email', value: 'wang.xiaoming@example.com.tw', masked: 'w***@example.com.tw' },
    ]);
    expect(findPersonalData('請寄service@example.com')).toEqual([]);
    expect(findPersonalData('卡號4111 1111 1111 1111')).toMatchObject([
      { detector: 'payment-card', variant: 'visa', masked: '**** **** **** 1111' },
    ]);
    expect(findPersonalData('參考編號4111111111111112')).toEqual([]);
  });

  it('runs only the detectors asked for', () => {
    const text = 'A123456789 0912345678';
    expect(findPersonalData(text, { detectors: ['mobile-phone'] }).map((m) => m.detector)).toEqual([
      'mobile-phone',
    ]);
  });
});

interface CorpusCase {
  text: string;
  expect: Array<{ detector: DetectorId; value: string }>;
}
const corpus = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/deid/corpus.json'), 'utf8')) as {
  cases: CorpusCase[];
};

// Known misses are listed here, so the corpus stays honest and a fix shows up as a failing expectation.
const KNOWN_MISSES = new Set(['【國泰證券】海外電話：886-2-2345-6789']);

describe('de-identification corpus', () => {
  it('holds true and false positives for every detector', () => {
    const detectors = new Set(corpus.cases.flatMap((c) => c.expect.map((e) => e.detector)));
    expect([...detectors].sort()).toEqual([
      'bank-account',
      'business-id',
      'email',
      'landline-phone',
      'mobile-phone',
      'national-id',
      'payment-card',
      'resident-permit',
      'securities-account',
    ]);
    expect(corpus.cases.filter((c) => c.expect.length === 0).length).toBeGreaterThan(50);
  });

  it.each(corpus.cases.map((c) => [c.text, c] as const))('%s', (_text, c) => {
    const found = findPersonalData(c.text).map((m) => ({ detector: m.detector, value: m.value }));
    if (KNOWN_MISSES.has(c.text)) expect(found).not.toEqual(c.expect);
    else expect(found).toEqual(c.expect);
  });
});
