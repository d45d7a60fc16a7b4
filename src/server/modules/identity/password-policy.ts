/** A small list of the most common and breached-pattern passwords of 12+ characters. */
const COMMON = [
  'password1234',
  'password12345',
  'password123456',
  'passw0rd1234',
  'p@ssw0rd1234',
  '123456789012',
  '1234567890123',
  'qwertyuiop12',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'abcdefghijkl',
  'abc123456789',
  'iloveyou1234',
  'administrator',
  'admin1234567',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'football1234',
  'baseball1234',
  'sunshine1234',
  'trustno11234',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  'zaq12wsxcde3',
  'asdfghjkl123',
  'qazwsxedcrfv',
  'taiwan123456',
  'taipei123456',
  'jianhe123456',
  'securities12',
  'password!234',
];

export const MIN_PASSWORD_LENGTH = 12;

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTAINS_IDENTITY' | 'REPETITIVE';

const normalise = (text: string) => text.toLowerCase().replace(/[\s._-]/g, '');

/** Checks length, a common-password list, repetition, and the user's own e-mail or name. */
export function passwordProblem(
  password: string,
  identity: { email: string; name?: string },
): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'TOO_SHORT';
  if (password.length > 256) return 'TOO_LONG';
  const plain = normalise(password);
  if (COMMON.includes(plain) || COMMON.some((c) => plain.startsWith(c.slice(0, 10)) && plain.length <= 14))
    return 'COMMON';
  if (new Set(plain).size <= 3) return 'REPETITIVE';
  const local = normalise(identity.email.split('@')[0] ?? '');
  const parts = [local, ...(identity.name ? identity.name.split(/\s+/).map(normalise) : [])].filter(
    (p) => p.length >= 3,
  );
  if (parts.some((part) => plain.includes(part))) return 'CONTAINS_IDENTITY';
  return null;
}
