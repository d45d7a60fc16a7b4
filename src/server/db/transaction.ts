import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';

type AfterCommit = () => Promise<void>;

const scope = new AsyncLocalStorage<Map<string, AfterCommit>>();

/**
 * Runs `work` in a transaction, then, once it has committed and before this resolves, whatever the work
 * registered with {@link afterCommit}. Callers that acknowledge a write only after this resolves know
 * the follow-up ran too (the audit chain uses it to chain the entries a transaction wrote).
 */
export async function runTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const callbacks = new Map<string, AfterCommit>();
  const result = await scope.run(callbacks, () => db.transaction().execute(work));
  for (const callback of callbacks.values()) await callback();
  return result;
}

/** Whether code running now is inside {@link runTransaction}, so {@link afterCommit} will be honoured. */
export function inCommitScope(): boolean {
  return scope.getStore() !== undefined;
}

/**
 * Registers `callback` to run after the enclosing {@link runTransaction} commits (not on rollback); one
 * callback per `key`, however often it is registered.
 */
export function afterCommit(key: string, callback: AfterCommit): void {
  const callbacks = scope.getStore();
  if (!callbacks) throw new Error('afterCommit outside runTransaction');
  if (!callbacks.has(key)) callbacks.set(key, callback);
}
