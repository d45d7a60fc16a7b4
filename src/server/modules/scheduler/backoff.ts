/** Retry delay after the `attempt`-th failure: 30 s, 1 min, 2 min … doubling, at most one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}
