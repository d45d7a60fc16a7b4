import { AppError } from '../../platform/errors.js';
import type { IdentityRepository } from './identity.repository.js';
import { lockUntil } from './lockout.js';

/**
 * Attempt counting that holds under concurrency. Each attempt is reserved before its secret is checked, in a
 * transaction holding the key's row: the reservation counts it as a failure (and starts the lock when it is
 * the fifth), and only a success clears it. So N parallel attempts count N, and once the allowance is used
 * the rest are refused without ever reaching argon2 or the TOTP check.
 */
export class LoginThrottle {
  constructor(private readonly repo: IdentityRepository) {}

  /** Reserves one attempt for `key`, or throws 429 LOGIN_LOCKED. Returns the failures counted so far. */
  async reserve(key: string, now = new Date()): Promise<number> {
    const outcome = await this.repo.transaction(async (trx) => {
      const row = await this.repo.claimThrottle(trx, key, now.toISOString());
      if (row.locked_until && Date.parse(row.locked_until) > now.getTime())
        return { locked: Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000) };
      const failures = row.failures + 1;
      await this.repo.setThrottle(trx, key, {
        failures,
        locked_until: lockUntil(failures, now)?.toISOString() ?? null,
        updated_at: now.toISOString(),
      });
      return { failures };
    });
    if ('locked' in outcome) throw new AppError(429, 'LOGIN_LOCKED', { retryAfterSeconds: outcome.locked });
    return outcome.failures;
  }

  /** The attempt succeeded: the count starts again. */
  succeeded(key: string): Promise<void> {
    return this.repo.clearThrottle(key);
  }
}
