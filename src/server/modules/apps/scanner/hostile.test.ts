import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAxml, encodeDex } from '../../../../../test/support/android-binary.js';
import { buildApk, cleanApk, deflatedEntry, insecureApk } from '../../../../../test/support/app-fixtures.js';
import { deflatedZeros } from '../../../../../test/support/zip-bomb.mjs';
import { storedEntry, writeZip } from '../../../platform/zip-writer.js';
import { loadRulePack } from './rule-pack.js';
import { scanFile } from './scan.js';

const pack = loadRulePack();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jianhe-hostile-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function scanBytes(name: string, bytes: Buffer, limits = {}) {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return scanFile(file, { pack, limits });
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the scan to be refused');
}

const manifest = encodeAxml({ name: 'manifest', children: [{ name: 'application' }] });

describe('hostile and malformed inputs give clear errors, not crashes', () => {
  it('a zip bomb: an entry that declares 1 GiB is refused before anything is inflated', async () => {
    // Only the declaration matters here: the refusal comes before any byte is inflated.
    const bomb = await deflatedZeros(16 * 1024 * 1024);
    const zip = writeZip([
      deflatedEntry('AndroidManifest.xml', manifest),
      { name: 'classes.dex', method: 8, data: bomb.data, crc32: bomb.crc32, uncompressedSize: 1024 ** 3 },
    ]);
    const error = await refusal(scanBytes('bomb.apk', zip, { maxEntryBytes: 64 * 1024 * 1024 }));
    expect(error.code).toBe('ZIP_ENTRY_TOO_LARGE');
  });

  it('a zip bomb that lies about its size stops at the declared size', async () => {
    const bomb = await deflatedZeros(64 * 1024 * 1024);
    const zip = writeZip([
      deflatedEntry('AndroidManifest.xml', manifest),
      { name: 'classes.dex', method: 8, data: bomb.data, crc32: bomb.crc32, uncompressedSize: 4096 },
    ]);
    expect((await refusal(scanBytes('liar.apk', zip))).code).toBe('ZIP_DECLARED_SIZE_EXCEEDED');
  });

  it('many entries that together inflate past the total cap', async () => {
    const dex = encodeDex(['x'.repeat(1024 * 1024)]);
    const entries = [deflatedEntry('AndroidManifest.xml', manifest)];
    for (let i = 1; i <= 8; i++) entries.push(deflatedEntry(`classes${i === 1 ? '' : i}.dex`, dex));
    const error = await refusal(
      scanBytes('total.apk', writeZip(entries), { maxTotalBytes: 4 * 1024 * 1024 }),
    );
    expect(error.code).toBe('ZIP_TOTAL_TOO_LARGE');
  });

  it('path traversal, absolute and backslash entry names', async () => {
    for (const [name, code] of [
      ['../../evil.so', 'ZIP_ENTRY_NAME_TRAVERSAL'],
      ['/etc/passwd', 'ZIP_ENTRY_NAME_ABSOLUTE'],
      ['lib\\..\\evil.so', 'ZIP_ENTRY_NAME_BACKSLASH'],
    ] as const) {
      const zip = writeZip([
        deflatedEntry('AndroidManifest.xml', manifest),
        storedEntry(name, Buffer.from('x')),
      ]);
      expect((await refusal(scanBytes('traversal.apk', zip))).code).toBe(code);
    }
  });

  it('truncated files, wrong magic, an empty file and a directory', async () => {
    const apk = insecureApk();
    for (const cut of [apk.length - 10, Math.floor(apk.length / 2), 3]) {
      const error = await refusal(scanBytes('cut.apk', apk.subarray(0, cut)));
      expect(['ZIP_TRUNCATED', 'ZIP_CORRUPT', 'APP_SCAN_MALFORMED']).toContain(error.code);
    }
    expect((await refusal(scanBytes('elf.apk', Buffer.from('\x7fELF\x02\x01\x01\0binary')))).code).toBe(
      'APP_SCAN_UNSUPPORTED_FILE',
    );
    expect((await refusal(scanBytes('empty.apk', Buffer.alloc(0)))).code).toBe('APP_SCAN_MALFORMED');
    expect((await refusal(scanFile(dir, { pack }))).code).toBe('APP_SCAN_UNSUPPORTED_FILE');
  });

  it('a ZIP that is neither an APK nor an IPA', async () => {
    const zip = writeZip([storedEntry('readme.txt', Buffer.from('hello'))]);
    expect((await refusal(scanBytes('plain.zip', zip))).code).toBe('APP_SCAN_UNSUPPORTED_FILE');
  });

  it('damaged binary XML, DEX and resource table inside a well-formed archive', async () => {
    const badManifest = writeZip([deflatedEntry('AndroidManifest.xml', manifest.subarray(0, 40))]);
    const error = await refusal(scanBytes('badxml.apk', badManifest));
    expect(error.code).toBe('APP_SCAN_MALFORMED');
    expect(error.message).toContain('AndroidManifest.xml');

    const dex = encodeDex(['hello world', 'another string']);
    dex.writeUInt32LE(0x7fffffff, 0x38); // string_ids_size far beyond the file
    const badDex = writeZip([
      deflatedEntry('AndroidManifest.xml', manifest),
      deflatedEntry('classes.dex', dex),
    ]);
    expect((await refusal(scanBytes('baddex.apk', badDex))).message).toMatch(/classes\.dex: string_ids_size/);

    const notDex = writeZip([
      deflatedEntry('AndroidManifest.xml', manifest),
      deflatedEntry('classes.dex', Buffer.alloc(200)),
    ]);
    expect((await refusal(scanBytes('notdex.apk', notDex))).message).toMatch(/bad magic/);
  });

  it('a scan that runs out of time stops with APP_SCAN_LIMIT', async () => {
    const error = await refusal(scanBytes('slow.apk', insecureApk(), { timeMs: -1 }));
    expect(error.code).toBe('APP_SCAN_LIMIT');
  });

  it('a file larger than the input cap is refused before it is read', async () => {
    const error = await refusal(scanBytes('big.apk', cleanApk(), { maxFileBytes: 1000 }));
    expect(error.code).toBe('APP_SCAN_LIMIT');
  });

  it('a MobSF-looking JSON that is not a MobSF report', async () => {
    expect((await refusal(scanBytes('x.json', Buffer.from('{"hello": 1}')))).code).toBe(
      'APP_SCAN_MOBSF_INVALID',
    );
    expect((await refusal(scanBytes('y.json', Buffer.from('{"package_name": ')))).code).toBe(
      'APP_SCAN_MOBSF_INVALID',
    );
  });

  it('an APK whose manifest names a network security config that is missing still scans, with a note', async () => {
    const apk = buildApk({
      manifest: {
        name: 'manifest',
        children: [
          {
            name: 'application',
            attrs: [
              { ns: 'android', name: 'networkSecurityConfig', value: { kind: 'ref', value: 0x7f010005 } },
            ],
          },
        ],
      },
      nsc: { name: 'network-security-config' },
      dex: [],
      signing: 'none',
    });
    const result = await scanBytes('missing-nsc.apk', apk);
    expect(result.notes.join('\n')).toMatch(
      /network security config named by the manifest is not in the APK/,
    );
    expect(await readFile(path.join(dir, 'missing-nsc.apk'))).toHaveLength(apk.length);
  });
});
