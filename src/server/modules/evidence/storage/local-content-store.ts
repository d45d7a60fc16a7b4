import { createReadStream } from 'node:fs';
import { access, mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ContentStore, PutOptions, StagedContent, StoredContent } from './content-store.js';
import { putByStaging, stagedFromSpool } from './content-store.js';
import { removeStaleSpools, spoolUpload } from './spool.js';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Where a blob lives below a store's root: sha256/ab/cd/<hash> (also the S3 store's object key). */
export function blobKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('not a sha256 hex digest');
  return `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * Files live at <root>/sha256/ab/cd/<hash>. A write goes to <root>/tmp first, is fsynced, then renamed
 * into place, so a crash or an aborted upload never leaves a partial blob under its hash.
 */
export class LocalContentStore implements ContentStore {
  private readonly tmp: string;

  constructor(private readonly root: string) {
    this.tmp = path.join(root, 'tmp');
  }

  pathFor(sha256: string): string {
    return path.join(this.root, ...blobKey(sha256).split('/'));
  }

  put(source: AsyncIterable<Buffer> | Readable, options: PutOptions): Promise<StoredContent> {
    return putByStaging(this, source, options);
  }

  /** Spooled to <root>/tmp (fsynced), then renamed into place on `place()`: never a partial blob. */
  async stage(source: AsyncIterable<Buffer> | Readable, options: PutOptions): Promise<StagedContent> {
    const upload = await spoolUpload(source, this.tmp, options.maxBytes);
    return stagedFromSpool(upload, async () => {
      if (await this.exists(upload.sha256)) return { created: false };
      const finalPath = this.pathFor(upload.sha256);
      await mkdir(path.dirname(finalPath), { recursive: true });
      await rename(upload.file, finalPath);
      await this.syncDirectory(path.dirname(finalPath));
      return { created: true };
    });
  }

  async open(sha256: string): Promise<Readable> {
    const filePath = this.pathFor(sha256);
    await access(filePath);
    return createReadStream(filePath);
  }

  async exists(sha256: string): Promise<boolean> {
    return access(this.pathFor(sha256)).then(
      () => true,
      () => false,
    );
  }

  removeStaleUploads(olderThanMs: number): Promise<number> {
    return removeStaleSpools(this.tmp, olderThanMs);
  }

  /** Makes the rename itself durable. */
  private async syncDirectory(dir: string): Promise<void> {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
