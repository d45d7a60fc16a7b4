import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../../platform/errors.js';
import '../evidence.errors.js';
import type { SniffedType } from './sniff.js';
import { SNIFF_BYTES, sniffContentType } from './sniff.js';

/** An upload written in full to a temporary file, with what is known about it once the last byte is in. */
export interface SpooledUpload {
  file: string;
  sha256: string;
  /** Base64 MD5, for stores that check a Content-MD5 header. */
  md5: string;
  size: number;
  type: SniffedType;
}

/**
 * Streams an upload into `<dir>/<uuid>.part` (fsynced, mode 0600) while hashing it, enforcing the size
 * limit and sniffing its type from the first bytes. Never holds the upload in memory. On any failure
 * (over the limit, refused type, the client going away) the partial file is removed and the error rethrown.
 */
export async function spoolUpload(
  source: AsyncIterable<Buffer> | Readable,
  dir: string,
  maxBytes: number,
): Promise<SpooledUpload> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.part`);
  const handle = await open(file, 'wx', 0o600);
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  const headChunks: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  let closed = false;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxBytes });
      if (headBytes < SNIFF_BYTES) {
        const part = chunk.subarray(0, SNIFF_BYTES - headBytes);
        headChunks.push(part);
        headBytes += part.length;
      }
      sha256.update(chunk);
      md5.update(chunk);
      await handle.write(chunk);
    }
    const type = sniffContentType(Buffer.concat(headChunks));
    if (!type) throw new AppError(415, 'EVIDENCE_TYPE_NOT_ALLOWED');
    await handle.sync();
    await handle.close();
    closed = true;
    return { file, sha256: sha256.digest('hex'), md5: md5.digest('base64'), size, type };
  } catch (error) {
    if (!closed) await handle.close().catch(() => {});
    await rm(file, { force: true });
    throw error;
  }
}

/**
 * Removes `.part` files in `dir` older than `olderThanMs`: left by a process that died mid-upload. Younger
 * ones may be in flight on another instance sharing the directory and are left alone.
 */
export async function removeStaleSpools(dir: string, olderThanMs: number): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith('.part'))) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < cutoff) {
      await rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}
