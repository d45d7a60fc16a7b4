import type { Readable } from 'node:stream';
import type { SniffedType } from './sniff.js';

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
