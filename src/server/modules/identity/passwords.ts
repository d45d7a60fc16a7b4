import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { AppError } from '../../platform/errors.js';
import { randomToken } from '../../platform/secrets.js';
import { passwordProblem } from './password-policy.js';

export function hashPassword(password: string): Promise<string> {
  return argonHash(password);
}

// A real argon2id hash of a random string: unknown users are verified against it so their timing matches.
const DUMMY_HASH = argonHash(randomToken(24));

/** Verifies against the stored hash, or against a dummy of the same cost when there is none. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  const ok = await argonVerify(stored ?? (await DUMMY_HASH), password).catch(() => false);
  return Boolean(stored) && ok;
}

export function ensureStrongPassword(password: string, identity: { email: string; name?: string }): void {
  const problem = passwordProblem(password, identity);
  if (problem) throw new AppError(400, 'PASSWORD_TOO_WEAK', { reason: problem });
}
