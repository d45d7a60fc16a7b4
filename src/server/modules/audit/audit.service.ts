import { randomUUID } from 'node:crypto';
import { afterCommit, inCommitScope } from '../../db/transaction.js';
import type { ProcessLogger } from '../../platform/process-logger.js';
import { currentRequestContext } from '../../platform/request-context.js';
import type { AuditRecorder } from '../assessments/assessments.ports.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { AuditFilters, AuditRepository, AuditRow } from './audit.repository.js';
import {
  type ChainBreak,
  entryHash,
  firstBreak,
  GENESIS_HASH,
  PLATFORM_CHAIN,
  tailBreak,
} from './audit-chain.js';
import { AuditChainWriter } from './audit-chain-writer.js';

/** Secrets never enter the trail, whatever a caller passes as before/after. */
const SECRET_KEYS = /password|secret|token|totp|code_hash|recovery/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) ? '[redacted]' : redact(v),
      ]),
    );
  }
  return value;
}

export interface AuditEntryInput {
  orgId: string | null;
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * The append-only, hash-chained audit trail. Writes join the caller's transaction.
 *
 * SQLite has one writer, so an entry is chained right there. On PostgreSQL, holding the chain's lock
 * from the append to the commit would serialise every write of an organisation; instead, inside
 * `runTransaction`, the entry is written as pending with the change, and the chain writer chains it
 * after the commit, before the transaction's caller goes on (so before the write is acknowledged).
 */
export class AuditService implements AuditRecorder {
  private readonly writer: AuditChainWriter;

  constructor(
    private readonly repo: AuditRepository,
    private readonly log?: ProcessLogger,
  ) {
    this.writer = new AuditChainWriter(repo.db, repo);
  }

  async record(db: Db, input: AuditEntryInput): Promise<void> {
    const chain = input.orgId ?? PLATFORM_CHAIN;
    const entry = {
      id: randomUUID(),
      chain,
      at: new Date().toISOString(),
      actor_user_id: input.actorUserId,
      ip: currentRequestContext()?.ip ?? null,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId,
      before: input.before === undefined ? null : JSON.stringify(redact(input.before)),
      after: input.after === undefined ? null : JSON.stringify(redact(input.after)),
    };
    if (this.repo.dialect === 'postgres' && (!db.isTransaction || inCommitScope())) {
      await this.repo.insertPending(db, entry);
      if (db.isTransaction) afterCommit(`audit:${chain}`, () => this.chain(chain));
      else await this.chain(chain);
      return;
    }
    // A transaction opened without runTransaction: chain here, holding the chain's lock to its commit.
    await this.repo.lockChain(db, chain);
    const head = await this.repo.head(db, chain);
    const content = {
      ...entry,
      seq: (head?.seq ?? 0) + 1,
      prev_hash: head?.hash ?? GENESIS_HASH,
    };
    await this.repo.insert(db, [{ ...content, hash: entryHash(content) }]);
  }

  /** Chains the pending entries of `chain`. A failure leaves them pending (committed, counted by verify). */
  private async chain(chain: string): Promise<void> {
    try {
      await this.writer.flush(chain);
    } catch (error) {
      this.log?.warn(
        { cause: { step: 'audit-chain', message: (error as Error).message } },
        'audit entries left pending',
      );
    }
  }

  /** Chains entries a stopped process committed but did not chain (run at start-up). */
  flushPending(): Promise<void> {
    return this.writer.flushAll();
  }

  /** Verifies one organisation's chain, or every chain; returns the first break of each broken chain. */
  async verify(
    orgId?: string,
  ): Promise<Array<{ chain: string; entries: number; pending: number; broken: ChainBreak | null }>> {
    const chains = orgId ? [orgId] : await this.repo.chains();
    const pending = new Map((await this.repo.pendingCounts(orgId)).map((p) => [p.chain, p.entries]));
    const results = [];
    for (const chain of chains) {
      const [entries, recorded] = await Promise.all([
        this.repo.chainEntries(chain),
        this.repo.recordedHead(chain),
      ]);
      results.push({
        chain,
        entries: entries.length,
        pending: pending.get(chain) ?? 0,
        broken: firstBreak(entries) ?? tailBreak(entries, recorded),
      });
    }
    return results;
  }

  list(orgId: string, filters: AuditFilters, limit: number, beforeSeq?: number): Promise<AuditRow[]> {
    return this.repo.list(orgId, filters, limit, beforeSeq);
  }
}
