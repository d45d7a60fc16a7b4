import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../../platform/errors.js';
import '../evidence.errors.js';
import type { ContentStore, PutOptions, StagedContent, StoredContent } from './content-store.js';
import { SNIFF_BYTES, sniffContentType } from './sniff.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Files live at <root>/sha256/ab/cd/<hash>. A write goes to <root>/tmp first, is fsynced, then renamed
 * into place, so a crash or an aborted upload never leaves a partial blob under its hash.
 */
export class LocalContentStore implements ContentStore {
  private readonly blobs: string;
  private readonly tmp: string;

  constructor(root: string) {
    this.blobs = path.join(root, 'sha256');
    this.tmp = path.join(root, 'tmp');
  }

  pathFor(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error('not a sha256 hex digest');
    return path.join(this.blobs, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: AsyncIterable<Buffer> | Readable, options: PutOptions): Promise<StoredContent> {
    const staged = await this.stage(source, options);
    try {
      const { created } = await staged.place();
      return { sha256: staged.sha256, size: staged.size, type: staged.type, created };
    } finally {
      await staged.discard();
    }
  }

  async stage(source: AsyncIterable<Buffer> | Readable, options: PutOptions): Promise<StagedContent> {
    await mkdir(this.tmp, { recursive: true });
    const tmpPath = path.join(this.tmp, `${randomUUID()}.part`);
    const file = await open(tmpPath, 'wx', 0o600);
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    let closed = false;
    try {
      for await (const chunk of source) {
        size += chunk.length;
        if (size > options.maxBytes)
          throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxBytes: options.maxBytes });
        if (headBytes < SNIFF_BYTES) {
          const part = chunk.subarray(0, SNIFF_BYTES - headBytes);
          headChunks.push(part);
          headBytes += part.length;
        }
        hash.update(chunk);
        await file.write(chunk);
      }
      const type = sniffContentType(Buffer.concat(headChunks));
      if (!type) throw new AppError(415, 'EVIDENCE_TYPE_NOT_ALLOWED');
      await file.sync();
      await file.close();
      closed = true;
      const sha256 = hash.digest('hex');
      let settled = false;
      return {
        sha256,
        size,
        type,
        place: async () => {
          if (settled) throw new Error('staged content already placed or discarded');
          const finalPath = this.pathFor(sha256);
          let created = false;
          if (await this.exists(sha256)) await rm(tmpPath, { force: true });
          else {
            await mkdir(path.dirname(finalPath), { recursive: true });
            await rename(tmpPath, finalPath);
            await this.syncDirectory(path.dirname(finalPath));
            created = true;
          }
          settled = true;
          return { created };
        },
        discard: async () => {
          if (settled) return;
          settled = true;
          await rm(tmpPath, { force: true });
        },
      };
    } catch (error) {
      if (!closed) await file.close().catch(() => {});
      await rm(tmpPath, { force: true });
      throw error;
    }
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

  async removeStaleUploads(olderThanMs: number): Promise<number> {
    const names = await readdir(this.tmp).catch(() => [] as string[]);
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const file = path.join(this.tmp, name);
      const info = await stat(file).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
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
