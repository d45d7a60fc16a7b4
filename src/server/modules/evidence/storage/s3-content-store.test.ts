import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startObjectStore, type TestObjectStore } from '../../../../../test/support/s3.js';
import { AppError } from '../../../platform/errors.js';
import { blobKey } from './local-content-store.js';
import { ContentStoreError, S3ContentStore } from './s3-content-store.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function chunked(buffer: Buffer, size = 1024): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) parts.push(buffer.subarray(i, i + size));
  return Readable.from(parts);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A few MB of a valid PDF header followed by varied bytes, so nothing compresses it away. */
function largePdf(bytes: number): Buffer {
  const body = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 32) createHash('sha256').update(String(i)).digest().copy(body, i);
  PDF.copy(body, 0);
  return body;
}

describe('S3ContentStore against a real S3-compatible server on loopback', () => {
  let server: TestObjectStore;
  let spool: string;
  let store: S3ContentStore;
  let raw: S3Client;
  beforeAll(async () => {
    server = await startObjectStore();
    spool = mkdtempSync(path.join(tmpdir(), 'jianhe-spool-'));
    store = new S3ContentStore(server.settings, spool);
    raw = new S3Client({
      region: 'us-east-1',
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: server.settings.credentials!,
    });
  });
  afterAll(async () => {
    await store?.close();
    raw?.destroy();
    await server?.close();
    rmSync(spool, { recursive: true, force: true });
  });

  it('stores under the SHA-256 address and streams the same bytes back', async () => {
    const stored = await store.put(chunked(PDF, 7), { maxBytes: 1024 });
    expect(stored).toMatchObject({ sha256: sha256(PDF), size: PDF.length, created: true });
    expect(stored.type.mime).toBe('application/pdf');
    expect(await store.exists(stored.sha256)).toBe(true);
    expect(await readAll(await store.open(stored.sha256))).toEqual(PDF);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('streams a large upload through and back (8 MB, 64 kB chunks)', async () => {
    const big = largePdf(8 * 1024 * 1024);
    const stored = await store.put(chunked(big, 64 * 1024), { maxBytes: 16 * 1024 * 1024 });
    expect(stored).toMatchObject({ sha256: sha256(big), size: big.length, created: true });
    const back = await readAll(await store.open(stored.sha256));
    expect(sha256(back)).toBe(sha256(big));
  });

  it('stores identical content once', async () => {
    const text = Buffer.from('項次,自評結果\n1,符合\n');
    const first = await store.put(chunked(text), { maxBytes: 1024 });
    const second = await store.put(chunked(text), { maxBytes: 1024 });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ sha256: first.sha256, created: false });
  });

  it('refuses content over the limit with 413 and sends nothing to the bucket', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10_000, 0x20)]);
    const error = await store.put(chunked(big), { maxBytes: 4096 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(await store.exists(sha256(big))).toBe(false);
    expect(readdirSync(spool)).toEqual([]);
  });

  it('refuses a type outside the allow-list with 415, and an upload that dies leaves nothing', async () => {
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]);
    await expect(store.put(chunked(elf), { maxBytes: 1024 })).rejects.toMatchObject({
      statusCode: 415,
      code: 'EVIDENCE_TYPE_NOT_ALLOWED',
    });
    expect(await store.exists(sha256(elf))).toBe(false);
    async function* dying() {
      yield PDF;
      throw new Error('connection reset');
    }
    await expect(store.put(dying(), { maxBytes: 1 << 20 })).rejects.toThrow('connection reset');
    expect(await store.exists(sha256(PDF))).toBe(true); // from the first test, not from this one
    expect(readdirSync(spool)).toEqual([]);
  });

  it('fails the read when the object no longer matches its hash', async () => {
    const original = Buffer.from('%PDF-1.7\n% the signed evidence\n%%EOF\n');
    const stored = await store.put(chunked(original), { maxBytes: 1024 });
    // Someone with bucket access replaces the object behind Jianhe's back.
    await raw.send(
      new PutObjectCommand({
        Bucket: server.settings.bucket,
        Key: blobKey(stored.sha256),
        Body: Buffer.from('%PDF-1.7\n% a forged replacement\n%%EOF\n'),
      }),
    );
    await expect(readAll(await store.open(stored.sha256))).rejects.toThrow(/does not match its hash/);
  });

  it('reports a missing object as absent, and a wrong key pair as a store failure', async () => {
    const missing = sha256(Buffer.from('never stored'));
    expect(await store.exists(missing)).toBe(false);
    await expect(store.open(missing)).rejects.toBeInstanceOf(ContentStoreError);
    const stranger = new S3ContentStore(
      { ...server.settings, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'wrong-secret' } },
      spool,
    );
    await expect(stranger.exists(missing)).rejects.toBeInstanceOf(ContentStoreError);
    const refused = await stranger.put(chunked(PDF), { maxBytes: 1024 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ContentStoreError);
    expect(String(refused)).not.toContain('wrong-secret');
    expect(readdirSync(spool)).toEqual([]);
    await stranger.close();
  });
});
