/**
 * Check digits for Taiwanese identifiers. Letters map to two-digit area codes (A=10 … Z=33, with the
 * later-added I=34, O=35, W=32, X=30, Y=31, Z=33 out of order), as the Ministry of the Interior publishes.
 */
const AREA_CODES: Record<string, number> = {
  A: 10,
  B: 11,
  C: 12,
  D: 13,
  E: 14,
  F: 15,
  G: 16,
  H: 17,
  I: 34,
  J: 18,
  K: 19,
  L: 20,
  M: 21,
  N: 22,
  O: 35,
  P: 23,
  Q: 24,
  R: 25,
  S: 26,
  T: 27,
  U: 28,
  V: 29,
  W: 32,
  X: 30,
  Y: 31,
  Z: 33,
};

const WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

/** The 11-digit weighted sum: area code (2 digits), then the second character's digit and the 8 digits. */
function weightedSumIsValid(areaLetter: string, secondDigit: number, rest: string): boolean {
  const area = AREA_CODES[areaLetter];
  if (area === undefined || !/^\d{8}$/.test(rest)) return false;
  const digits = [Math.floor(area / 10), area % 10, secondDigit, ...[...rest].map(Number)];
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i++) sum += digits[i]! * WEIGHTS[i]!;
  return sum % 10 === 0;
}

/** 身分證字號: a letter, 1 (male) or 2 (female), 7 digits and a check digit. */
export function isValidNationalId(value: string): boolean {
  return /^[A-Z][12]\d{8}$/.test(value) && weightedSumIsValid(value[0]!, Number(value[1]), value.slice(2));
}

/**
 * 新式統一證號 (resident certificates issued from 2021): the national ID's layout with 8 (male) or 9
 * (female) as the second character, and the same check digit.
 */
export function isValidNewResidentPermit(value: string): boolean {
  return /^[A-Z][89]\d{8}$/.test(value) && weightedSumIsValid(value[0]!, Number(value[1]), value.slice(2));
}

/**
 * 舊式統一證號 (before 2021): two letters and 8 digits. The second letter (A–D) counts as the last digit of
 * its area code (A→0, B→1, C→2, D→3).
 */
export function isValidOldResidentPermit(value: string): boolean {
  if (!/^[A-Z][A-D]\d{8}$/.test(value)) return false;
  return weightedSumIsValid(value[0]!, AREA_CODES[value[1]!]! % 10, value.slice(2));
}

/** Luhn (ISO/IEC 7812-1) over the digits of `value`. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Card network by issuer prefix and length, or null when no network issues such a number. */
export function cardNetwork(digits: string): string | null {
  const n = digits.length;
  const prefix = (k: number) => Number(digits.slice(0, k));
  if (digits.startsWith('4') && (n === 13 || n === 16 || n === 19)) return 'visa';
  if (n === 16 && ((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)))
    return 'mastercard';
  if (n === 15 && (prefix(2) === 34 || prefix(2) === 37)) return 'amex';
  if (n >= 16 && n <= 19 && prefix(4) >= 3528 && prefix(4) <= 3589) return 'jcb';
  if (n >= 16 && n <= 19 && digits.startsWith('62')) return 'unionpay';
  if (n === 14 && (prefix(2) === 36 || prefix(2) === 38 || (prefix(3) >= 300 && prefix(3) <= 305)))
    return 'diners';
  return null;
}
