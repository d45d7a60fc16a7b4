import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { SniffedType } from './sniff.js';
import type { SpooledUpload } from './spool.js';

export interface StoredContent {
  sha256: string;
  size: number;
  type: SniffedType;
  /** False when identical bytes were already stored (deduplicated). */
  created: boolean;
}

/**
 * Content received and checked but not yet in the store: `place()` puts it under its hash (deduplicated),
 * `discard()` drops it. Callers place it inside the transaction that writes the row referring to it, so a
 * refused or failed write never leaves a blob without a row, and no shared blob ever needs deleting.
 */
export interface StagedContent {
  sha256: string;
  size: number;
  type: SniffedType;
  place(): Promise<{ created: boolean }>;
  /** A no-op once placed; safe to call in `finally`. */
  discard(): Promise<void>;
}

export interface PutOptions {
  maxBytes: number;
}

/**
 * Content-addressed blob storage for evidence files. The local filesystem store is the default; an
 * S3-compatible store implements the same interface (see docs/evidence.md) — callers never see paths.
 */
export interface ContentStore {
  /** Streams `source` in, never holding it whole in memory. Rejects with 413/415 AppErrors and leaves nothing behind. */
  put(source: AsyncIterable<Buffer> | Readable, options: PutOptions): Promise<StoredContent>;
  /** As `put`, but the content only enters the store on `place()`. Same refusals, same cleanup. */
  stage(source: AsyncIterable<Buffer> | Readable, options: PutOptions): Promise<StagedContent>;
  open(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  /**
   * Removes partial uploads left by a process that died mid-write, older than `olderThanMs` (so uploads in
   * flight on another instance sharing the store are left alone). Returns how many were removed.
   */
  removeStaleUploads(olderThanMs: number): Promise<number>;
}

/** A spooled upload as staged content: `place` puts it in the store, and the spool file goes either way. */
export function stagedFromSpool(
  upload: SpooledUpload,
  place: () => Promise<{ created: boolean }>,
): StagedContent {
  let settled = false;
  return {
    sha256: upload.sha256,
    size: upload.size,
    type: upload.type,
    async place() {
      if (settled) throw new Error('staged content already placed or discarded');
      try {
        return await place();
      } finally {
        settled = true;
        await rm(upload.file, { force: true });
      }
    },
    async discard() {
      if (settled) return;
      settled = true;
      await rm(upload.file, { force: true });
    },
  };
}

/** `put` for any store: stage, then place at once. */
export async function putByStaging(
  store: Pick<ContentStore, 'stage'>,
  source: AsyncIterable<Buffer> | Readable,
  options: PutOptions,
): Promise<StoredContent> {
  const staged = await store.stage(source, options);
  try {
    const { created } = await staged.place();
    return { sha256: staged.sha256, size: staged.size, type: staged.type, created };
  } finally {
    await staged.discard();
  }
}
