import { randomUUID } from 'node:crypto';
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

/** The append-only, hash-chained audit trail. Writes join the caller's transaction. */
export class AuditService implements AuditRecorder {
  constructor(private readonly repo: AuditRepository) {}

  async record(db: Db, input: AuditEntryInput): Promise<void> {
    const chain = input.orgId ?? PLATFORM_CHAIN;
    await this.repo.lockChain(db, chain);
    const head = await this.repo.head(db, chain);
    const content = {
      id: randomUUID(),
      chain,
      seq: (head?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actor_user_id: input.actorUserId,
      ip: currentRequestContext()?.ip ?? null,
      action: input.action,
      target_type: input.targetType,
      target_id: input.targetId,
      before: input.before === undefined ? null : JSON.stringify(redact(input.before)),
      after: input.after === undefined ? null : JSON.stringify(redact(input.after)),
      prev_hash: head?.hash ?? GENESIS_HASH,
    };
    await this.repo.insert(db, { ...content, hash: entryHash(content) });
  }

  /** Verifies one organisation's chain, or every chain; returns the first break of each broken chain. */
  async verify(
    orgId?: string,
  ): Promise<Array<{ chain: string; entries: number; broken: ChainBreak | null }>> {
    const chains = orgId ? [orgId] : await this.repo.chains();
    const results = [];
    for (const chain of chains) {
      const [entries, recorded] = await Promise.all([
        this.repo.chainEntries(chain),
        this.repo.recordedHead(chain),
      ]);
      results.push({
        chain,
        entries: entries.length,
        broken: firstBreak(entries) ?? tailBreak(entries, recorded),
      });
    }
    return results;
  }

  list(orgId: string, filters: AuditFilters, limit: number, beforeSeq?: number): Promise<AuditRow[]> {
    return this.repo.list(orgId, filters, limit, beforeSeq);
  }
}
