import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { LocalContentStore } from './local-content-store.js';
import { sniffContentType } from './sniff.js';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

function chunked(buffer: Buffer, size = 1024): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) parts.push(buffer.subarray(i, i + size));
  return Readable.from(parts);
}

describe('LocalContentStore', () => {
  let root: string;
  let store: LocalContentStore;
  const leftovers = () => readdirSync(path.join(root, 'tmp'));

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'jianhe-blobs-'));
    store = new LocalContentStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores by SHA-256 and reads back the same bytes', async () => {
    const stored = await store.put(chunked(PDF, 7), { maxBytes: 1024 });
    expect(stored).toMatchObject({ size: PDF.length, created: true, type: { mime: 'application/pdf' } });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(store.pathFor(stored.sha256))).toEqual(PDF);
    const chunks: Buffer[] = [];
    for await (const chunk of await store.open(stored.sha256)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(PDF);
  });

  it('stores identical content once', async () => {
    const first = await store.put(chunked(PDF), { maxBytes: 1024 });
    const second = await store.put(chunked(PDF), { maxBytes: 1024 });
    expect(second).toMatchObject({ sha256: first.sha256, created: false });
    const dir = path.dirname(store.pathFor(first.sha256));
    expect(readdirSync(dir)).toEqual([first.sha256]);
    expect(leftovers()).toEqual([]);
  });

  it('refuses content over the limit with 413 and leaves no partial file', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10_000, 0x20)]);
    const error = await store.put(chunked(big), { maxBytes: 4096 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(leftovers()).toEqual([]);
    expect(readdirSync(root)).toEqual(['tmp']);
  });

  it('leaves nothing behind when the upload dies midway', async () => {
    async function* dying() {
      yield PDF;
      yield Buffer.alloc(2048, 0x41);
      throw new Error('connection reset');
    }
    await expect(store.put(dying(), { maxBytes: 1 << 20 })).rejects.toThrow('connection reset');
    expect(leftovers()).toEqual([]);
    expect(readdirSync(root)).toEqual(['tmp']);
  });

  it('stages content outside the store until it is placed, and discards it without a trace', async () => {
    const blobs = () => readdirSync(root).filter((name) => name !== 'tmp');
    const dropped = await store.stage(chunked(PDF), { maxBytes: 1024 });
    expect(await store.exists(dropped.sha256)).toBe(false);
    await dropped.discard();
    expect(blobs()).toEqual([]);
    expect(leftovers()).toEqual([]);

    const kept = await store.stage(chunked(PDF), { maxBytes: 1024 });
    const twin = await store.stage(chunked(PDF), { maxBytes: 1024 });
    expect(blobs()).toEqual([]);
    expect(await kept.place()).toEqual({ created: true });
    await kept.discard(); // a no-op once placed
    expect(readFileSync(store.pathFor(kept.sha256))).toEqual(PDF);
    // The same bytes placed again are deduplicated, and the staging file goes.
    expect(await twin.place()).toEqual({ created: false });
    expect(leftovers()).toEqual([]);
    await expect(twin.place()).rejects.toThrow('already placed');
  });

  it('refuses a type outside the allow-list, whatever the name says', async () => {
    const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]);
    await expect(store.put(chunked(elf), { maxBytes: 1024 })).rejects.toMatchObject({
      statusCode: 415,
      code: 'EVIDENCE_TYPE_NOT_ALLOWED',
    });
    expect(leftovers()).toEqual([]);
  });
});

describe('sniffContentType', () => {
  it('recognises allowed document, image and text types by content', () => {
    expect(sniffContentType(PDF)?.mime).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.kind).toBe(
      'image',
    );
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe('image/jpeg');
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.from('....[Content_Types].xml...word/document.xml'),
    ]);
    expect(sniffContentType(docx)?.mime).toContain('wordprocessingml');
    expect(sniffContentType(Buffer.from('項次,自評結果\n1,符合\n'))?.kind).toBe('text');
  });

  it('refuses HTML, SVG, executables and binary junk', () => {
    expect(sniffContentType(Buffer.from('<!DOCTYPE html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffContentType(Buffer.from('<svg onload="x()">'))).toBeUndefined();
    expect(sniffContentType(Buffer.from([0x4d, 0x5a, 0x90, 0x00]))).toBeUndefined();
    expect(sniffContentType(Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe]))).toBeUndefined();
  });
});

describe('attachmentDisposition', () => {
  it('keeps a Chinese name RFC 5987-encoded and strips header-breaking characters', async () => {
    const { attachmentDisposition } = await import('../content-disposition.js');
    const header = attachmentDisposition('合約\r\nSet-Cookie: x=1/../委外.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="[A-Za-z0-9._ -]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe('合約Set-Cookie: x=1_.._委外.pdf');
  });
});

describe('LocalContentStore start-up sweep', () => {
  it('removes partial uploads a dead process left behind, but not ones still being written', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'jianhe-sweep-'));
    const store = new LocalContentStore(root);
    const tmp = path.join(root, 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(path.join(tmp, 'old.part'), 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(path.join(tmp, 'old.part'), twoHoursAgo, twoHoursAgo);
    writeFileSync(path.join(tmp, 'fresh.part'), 'in flight');
    expect(await store.removeStaleUploads(3_600_000)).toBe(1);
    expect(readdirSync(tmp)).toEqual(['fresh.part']);
    rmSync(root, { recursive: true, force: true });
  });
});
