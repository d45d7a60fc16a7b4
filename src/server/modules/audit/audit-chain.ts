import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);
export const PLATFORM_CHAIN = 'platform';

export interface ChainEntry {
  id: string;
  chain: string;
  seq: number;
  at: string;
  actor_user_id: string | null;
  ip: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
}

/** SHA-256 over the canonical form of every stored field plus the previous entry's hash. */
export function entryHash(entry: ChainEntry): string {
  return createHash('sha256').update(canonicalJson(entry), 'utf8').digest('hex');
}

export type ChainBreak =
  | { seq: number; id: string; reason: 'altered' }
  | { seq: number; id: string; reason: 'link-broken' }
  | { seq: number; id: string | null; reason: 'missing' }
  | { seq: number; id: string; reason: 'head-mismatch' };

/** Walks one chain in sequence order and reports the first entry that does not verify. */
export function firstBreak(entries: Array<ChainEntry & { hash: string }>): ChainBreak | null {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { seq: expectedSeq, id: null, reason: 'missing' };
    const { hash, ...content } = entry;
    if (entryHash(content) !== hash) return { seq: entry.seq, id: entry.id, reason: 'altered' };
    if (entry.prev_hash !== expectedPrev) return { seq: entry.seq, id: entry.id, reason: 'link-broken' };
    expectedPrev = hash;
    expectedSeq += 1;
  }
  return null;
}

/**
 * After `firstBreak` passes, checks the chain reaches the end recorded with the last append: entries
 * deleted from the end (or the whole chain) show as missing, a rewritten last entry as a head mismatch.
 */
export function tailBreak(
  entries: ReadonlyArray<{ seq: number; id: string; hash: string }>,
  recorded: { seq: number; hash: string } | undefined,
): ChainBreak | null {
  if (!recorded) return null;
  const last = entries.at(-1);
  if (!last || last.seq < recorded.seq) return { seq: (last?.seq ?? 0) + 1, id: null, reason: 'missing' };
  if (last.seq === recorded.seq && last.hash !== recorded.hash)
    return { seq: last.seq, id: last.id, reason: 'head-mismatch' };
  return null;
}
