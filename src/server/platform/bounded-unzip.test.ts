import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflatedZeros } from '../../../test/support/zip-bomb.js';
import { BoundedZip, readZipEntries, withZip, type ZipLimits } from './bounded-unzip.js';
import { errorMessage } from './errors.js';
import { type RawZipEntry, storedEntry, writeZip } from './zip-writer.js';

const LIMITS: ZipLimits = { maxEntries: 100, maxEntryBytes: 1 << 20, maxTotalBytes: 4 << 20 };
const MB = 1 << 20;

function deflated(name: string, content: Buffer): RawZipEntry {
  return {
    name,
    method: 8,
    data: deflateRawSync(content),
    crc32: crc32(content),
    uncompressedSize: content.length,
  };
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; statusCode: number }> {
  try {
    await work;
  } catch (error) {
    return error as { code: string; statusCode: number };
  }
  throw new Error('expected a refusal');
}

const codeOf = async (work: Promise<unknown>) => (await refusal(work)).code;

describe('BoundedZip', () => {
  let workbook: Buffer;
  let dir: string;
  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRow(['項次', '說明']);
    workbook = Buffer.from(await book.xlsx.writeBuffer());
    dir = await mkdtemp(path.join(tmpdir(), 'bounded-unzip-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists a real XLSX and reads selected entries by name', async () => {
    await withZip(workbook, LIMITS, async (zip) => {
      const names = zip.entries.map((entry) => entry.name);
      expect(names).toContain('[Content_Types].xml');
      expect(names).toContain('xl/worksheets/sheet1.xml');
      expect(zip.entry('nope.xml')).toBeUndefined();
      const sheet = (await zip.read('xl/worksheets/sheet1.xml')).toString('utf8');
      expect(sheet).toContain('<sheetData>');
      expect(zip.bytesInflated).toBe(zip.entry('xl/worksheets/sheet1.xml')!.declaredSize);
      expect(await codeOf(zip.read('nope.xml'))).toBe('ZIP_ENTRY_NOT_FOUND');
    });
  });

  it('reads stored and deflated entries back byte for byte, from memory and from a file', async () => {
    const text = Buffer.from('雲端運算、社群媒體、行動裝置資訊安全管控指引\n'.repeat(500));
    const archive = writeZip([
      storedEntry('docs/a.txt', text),
      deflated('docs/b.txt', text),
      storedEntry('docs/', Buffer.alloc(0)),
    ]);
    const fromMemory = await readZipEntries(archive, LIMITS);
    expect([...fromMemory.keys()]).toEqual(['docs/a.txt', 'docs/b.txt']);
    expect(fromMemory.get('docs/b.txt')!.equals(text)).toBe(true);

    const file = path.join(dir, 'plain.zip');
    await writeFile(file, archive);
    const onlyB = await readZipEntries({ path: file }, LIMITS, (entry) => entry.name.endsWith('b.txt'));
    expect([...onlyB.keys()]).toEqual(['docs/b.txt']);
    expect(onlyB.get('docs/b.txt')!.equals(text)).toBe(true);
  });

  it('stops a zip bomb that declares 16 KB after 16 KB, though it would inflate to 64 MB', async () => {
    const bomb = await deflatedZeros(64 * MB);
    const archive = writeZip([
      {
        name: 'xl/worksheets/sheet1.xml',
        method: 8,
        data: bomb.data,
        crc32: bomb.crc32,
        uncompressedSize: 16_384,
      },
    ]);
    expect(archive.length).toBeLessThan(100_000);
    const zip = await BoundedZip.open(archive, {
      maxEntries: 10,
      maxEntryBytes: 100 * MB,
      maxTotalBytes: 100 * MB,
    });
    let received = 0;
    const error = await refusal(
      (async () => {
        for await (const chunk of zip.stream('xl/worksheets/sheet1.xml')) received += chunk.length;
      })(),
    );
    expect(error).toMatchObject({ code: 'ZIP_SIZE_MISMATCH', statusCode: 422 });
    // The consumer never sees more than was declared, and inflation stopped within one zlib chunk of it.
    expect(received).toBeLessThanOrEqual(16_384);
    expect(zip.bytesInflated).toBeLessThan(16_384 + 128 * 1024);
  });

  it('refuses an honestly declared bomb before inflating anything', async () => {
    const bomb = await deflatedZeros(8 * MB);
    const archive = writeZip([
      { name: 'big.bin', method: 8, data: bomb.data, crc32: bomb.crc32, uncompressedSize: 8 * MB },
    ]);
    const zip = await BoundedZip.open(archive, LIMITS);
    expect(await refusal(zip.read('big.bin'))).toMatchObject({
      code: 'ZIP_ENTRY_TOO_LARGE',
      statusCode: 413,
    });
    expect(zip.bytesInflated).toBe(0);
    // A per-read cap below the archive's cap applies too.
    const small = writeZip([storedEntry('a.bin', Buffer.alloc(2_000, 1))]);
    await withZip(small, LIMITS, async (z) => {
      expect(await codeOf(z.read('a.bin', { maxBytes: 1_000 }))).toBe('ZIP_ENTRY_TOO_LARGE');
      expect((await z.read('a.bin', { maxBytes: 2_000 })).length).toBe(2_000);
    });
  });

  it('holds the total cap across reads, including parallel ones', async () => {
    const piece = Buffer.alloc(600_000, 7);
    const archive = writeZip([deflated('a', piece), deflated('b', piece), deflated('c', piece)]);
    const limits = { ...LIMITS, maxTotalBytes: 1_000_000 };
    await withZip(archive, limits, async (zip) => {
      await zip.read('a');
      expect(await codeOf(zip.read('b'))).toBe('ZIP_TOTAL_TOO_LARGE');
    });
    // Both reads start before either inflates (so both pass the up-front check); the running count stops them.
    await withZip(archive, limits, async (zip) => {
      const results = await Promise.allSettled([zip.read('a'), zip.read('b')]);
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect((r as PromiseRejectedResult).reason.code).toBe('ZIP_TOTAL_TOO_LARGE');
      expect(zip.bytesInflated).toBeLessThanOrEqual(1_000_000 + 128 * 1024);
    });
  });

  it('refuses more entries than allowed before reading any', async () => {
    const archive = writeZip(['a', 'b', 'c', 'd', 'e'].map((n) => storedEntry(n, Buffer.from(n))));
    expect(await refusal(BoundedZip.open(archive, { ...LIMITS, maxEntries: 4 }))).toMatchObject({
      code: 'ZIP_TOO_MANY_ENTRIES',
      statusCode: 413,
    });
    expect((await BoundedZip.open(archive, { ...LIMITS, maxEntries: 5 })).entries).toHaveLength(5);
  });

  it.each([
    ['../evil.sh', 'ZIP_ENTRY_NAME_TRAVERSAL'],
    ['xl/../../etc/cron.d/x', 'ZIP_ENTRY_NAME_TRAVERSAL'],
    ['/etc/passwd', 'ZIP_ENTRY_NAME_ABSOLUTE'],
    ['C:/Windows/win.ini', 'ZIP_ENTRY_NAME_ABSOLUTE'],
    ['xl\\worksheets\\sheet1.xml', 'ZIP_ENTRY_NAME_BACKSLASH'],
    ['..\\evil', 'ZIP_ENTRY_NAME_BACKSLASH'],
    ['a\u0000b', 'ZIP_ENTRY_NAME_INVALID'],
    ['', 'ZIP_ENTRY_NAME_INVALID'],
  ])('refuses the entry name %j with %s', async (name, code) => {
    const archive = writeZip([storedEntry('ok.txt', Buffer.from('ok')), storedEntry(name, Buffer.from('x'))]);
    expect(await refusal(BoundedZip.open(archive, LIMITS))).toMatchObject({ code, statusCode: 422 });
  });

  it('accepts names that only look odd, and refuses a name listed twice', async () => {
    const fine = writeZip([
      storedEntry('a..b/c..', Buffer.from('1')),
      storedEntry('目錄/檔案.txt', Buffer.from('2')),
    ]);
    expect((await BoundedZip.open(fine, LIMITS)).entries.map((e) => e.name)).toEqual([
      'a..b/c..',
      '目錄/檔案.txt',
    ]);
    const twice = writeZip([storedEntry('x.xml', Buffer.from('1')), storedEntry('x.xml', Buffer.from('2'))]);
    expect(await codeOf(BoundedZip.open(twice, LIMITS))).toBe('ZIP_DUPLICATE_ENTRY');
  });

  it('refuses wrong magic and truncated archives', async () => {
    expect(await codeOf(BoundedZip.open(Buffer.from('not a zip at all, just text'), LIMITS))).toBe(
      'ZIP_NOT_A_ZIP',
    );
    expect(await codeOf(BoundedZip.open(Buffer.from('%PDF-1.7\n'), LIMITS))).toBe('ZIP_NOT_A_ZIP');
    expect(await codeOf(BoundedZip.open(Buffer.alloc(0), LIMITS))).toBe('ZIP_NOT_A_ZIP');
    expect(await codeOf(BoundedZip.open(Buffer.from('PK'), LIMITS))).toBe('ZIP_TRUNCATED');
    expect(await codeOf(BoundedZip.open(workbook.subarray(0, workbook.length >> 1), LIMITS))).toBe(
      'ZIP_TRUNCATED',
    );
    expect(await codeOf(BoundedZip.open(workbook.subarray(0, workbook.length - 10), LIMITS))).toBe(
      'ZIP_TRUNCATED',
    );
    const file = path.join(dir, 'cut.zip');
    await writeFile(file, workbook.subarray(0, 100));
    expect(await codeOf(BoundedZip.open({ path: file }, LIMITS))).toBe('ZIP_TRUNCATED');
  });

  it('refuses entries whose data runs past the end, or whose checksum or deflate stream is wrong', async () => {
    const text = Buffer.from('hello '.repeat(1_000));
    // The central directory says the data is far longer than the file holds.
    const overflow = writeZip([{ ...deflated('a.txt', text), uncompressedSize: text.length }]);
    const central = overflow.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    overflow.writeUInt32LE(10_000_000, central + 20);
    await withZip(overflow, LIMITS, async (zip) =>
      expect(await codeOf(zip.read('a.txt'))).toBe('ZIP_TRUNCATED'),
    );

    const badCrc = writeZip([{ ...deflated('a.txt', text), crc32: 1234 }]);
    await withZip(badCrc, LIMITS, async (zip) => expect(await codeOf(zip.read('a.txt'))).toBe('ZIP_CORRUPT'));

    const garbled = writeZip([
      { ...deflated('a.txt', text), data: Buffer.from('\xff\xfe garbage that is not deflate', 'latin1') },
    ]);
    await withZip(garbled, LIMITS, async (zip) =>
      expect(await codeOf(zip.read('a.txt'))).toBe('ZIP_CORRUPT'),
    );

    const short = writeZip([{ ...deflated('a.txt', text), uncompressedSize: text.length + 1 }]);
    await withZip(short, LIMITS, async (zip) =>
      expect(await codeOf(zip.read('a.txt'))).toBe('ZIP_SIZE_MISMATCH'),
    );
  });

  it('refuses unknown compression methods and encrypted entries when read', async () => {
    const bzip = writeZip([{ ...storedEntry('a.bin', Buffer.from('abc')), method: 12 }]);
    await withZip(bzip, LIMITS, async (zip) =>
      expect(await codeOf(zip.read('a.bin'))).toBe('ZIP_UNSUPPORTED'),
    );
    const encrypted = writeZip([storedEntry('a.bin', Buffer.from('abc'))]);
    const central = encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(0x0801, central + 8);
    await withZip(encrypted, LIMITS, async (zip) => {
      expect(zip.entry('a.bin')!.encrypted).toBe(true);
      expect(await codeOf(zip.read('a.bin'))).toBe('ZIP_UNSUPPORTED');
    });
  });

  it('renders every refusal with a bilingual message', async () => {
    const error = await refusal(BoundedZip.open(Buffer.from('nope'), LIMITS));
    expect(errorMessage(error.code, 'en')).toBe('The file is not a ZIP archive.');
    expect(errorMessage(error.code, 'zh-TW')).toBe('檔案不是 ZIP 壓縮檔。');
  });
});
