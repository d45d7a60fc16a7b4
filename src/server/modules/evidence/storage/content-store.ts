import type { Readable } from 'node:stream';
import type { SniffedType } from './sniff.js';

export interface StoredContent {
  sha256: string;
  size: number;
  type: SniffedType;
  /** False when identical bytes were already stored (deduplicated). */
  created: boolean;
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
  open(sha256: string): Promise<Readable>;
  exists(sha256: string): Promise<boolean>;
  /**
   * Removes partial uploads left by a process that died mid-write, older than `olderThanMs` (so uploads in
   * flight on another instance sharing the store are left alone). Returns how many were removed.
   */
  removeStaleUploads(olderThanMs: number): Promise<number>;
}
