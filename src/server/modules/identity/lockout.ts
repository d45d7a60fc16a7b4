/** Failures allowed before the account locks. */
export const FREE_ATTEMPTS = 5;
const MAX_LOCK_MINUTES = 60;

/**
 * After the fifth consecutive failure the key locks for 1 minute, then 2, 4, 8… up to an hour (an attempt is
 * counted when it is reserved, see login-throttle.ts, so the fifth reservation starts the first lock).
 * Keyed by the e-mail address as typed, whether or not an account exists, so the lock itself never
 * reveals which addresses are registered.
 */
export function lockUntil(consecutiveFailures: number, now: Date): Date | null {
  if (consecutiveFailures < FREE_ATTEMPTS) return null;
  const minutes = Math.min(2 ** (consecutiveFailures - FREE_ATTEMPTS), MAX_LOCK_MINUTES);
  return new Date(now.getTime() + minutes * 60_000);
}
