import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditRepository, AuditRow } from './audit.repository.js';
import { entryHash, GENESIS_HASH } from './audit-chain.js';

/** Entries chained per transaction of the writer; a backlog larger than this takes several. */
const BATCH = 500;

interface ChainState {
  running: Promise<void> | null;
  /** The flush that starts once `running` ends; every caller arriving meanwhile joins it. */
  next: Promise<void> | null;
}

/**
 * Chains pending audit entries on PostgreSQL: one writer per organisation chain in this process, and the
 * chain's advisory lock across processes, held only for the short transaction that moves a batch of
 * committed entries into the chain (never across a request). Entries get their place in the order the
 * writer finds them committed, so the chain stays one verifiable sequence.
 *
 * A request's transaction writes its entry to `audit_pending` with the change and then calls
 * {@link flush} after committing; the flush it waits for starts after its commit, so the entry is chained
 * before the write is acknowledged. Concurrent requests share flushes, which is what lifts the limit.
 */
export class AuditChainWriter {
  private readonly chains = new Map<string, ChainState>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: AuditRepository,
  ) {}

  /** Resolves once every entry committed before this call is in the chain. */
  flush(chain: string): Promise<void> {
    let state = this.chains.get(chain);
    if (!state) {
      state = { running: null, next: null };
      this.chains.set(chain, state);
    }
    // A running flush may have read the pending rows before our commit: wait for the one after it.
    if (state.next) return state.next;
    if (state.running) {
      const current = state;
      const after = state.running.then(
        () => this.start(chain, current),
        () => this.start(chain, current),
      );
      state.next = after;
      return after;
    }
    return this.start(chain, state);
  }

  /** Chains whatever is pending in every chain (at start-up: entries left by a process that stopped). */
  async flushAll(): Promise<void> {
    for (const { chain } of await this.repo.pendingCounts()) await this.flush(chain);
  }

  private start(chain: string, state: ChainState): Promise<void> {
    const run = this.drain(chain).finally(() => {
      if (state.running === run) state.running = null;
      if (!state.running && !state.next) this.chains.delete(chain);
    });
    state.running = run;
    state.next = null;
    return run;
  }

  private async drain(chain: string): Promise<void> {
    for (;;) {
      const moved = await this.db.transaction().execute(async (trx) => {
        await this.repo.lockChain(trx, chain);
        const pending = await this.repo.takePending(trx, chain, BATCH);
        if (pending.length === 0) return 0;
        const head = await this.repo.head(trx, chain);
        let seq = head?.seq ?? 0;
        let prev = head?.hash ?? GENESIS_HASH;
        const rows: AuditRow[] = pending.map((entry) => {
          seq += 1;
          const content = {
            id: entry.id,
            chain,
            seq,
            at: entry.at,
            actor_user_id: entry.actor_user_id,
            ip: entry.ip,
            action: entry.action,
            target_type: entry.target_type,
            target_id: entry.target_id,
            before: entry.before,
            after: entry.after,
            prev_hash: prev,
          };
          prev = entryHash(content);
          return { ...content, hash: prev };
        });
        await this.repo.insert(trx, rows);
        return pending.length;
      });
      if (moved < BATCH) return;
    }
  }
}
