// App scanner benchmark: time to scan a ~50 MB APK, and peak memory while refusing zip bombs.
// Run: npx tsx bench/app-scan.ts   (figures go in docs/benchmarks.md; nothing here is asserted)
// Each measurement is a fresh child process (bench/app-scan-child.ts) running the scanner the CLI runs,
// reporting its wall time and its own peak RSS (process.resourceUsage().maxRSS).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { type RawZipEntry, storedEntry, writeZip } from '../src/server/platform/zip-writer.js';
import { a, bool, encodeAxml, encodeDex, p, str } from '../test/support/android-binary.js';
import { deflatedEntry, PLANTED } from '../test/support/app-fixtures.js';
import { deflatedZeros } from '../test/support/zip-bomb.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'jianhe-bench-scan-'));

function measure(label: string, file: string): void {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench/app-scan-child.ts'), file],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  const r = JSON.parse(child.stdout) as { ms: number; maxRssMiB: number; outcome: string };
  console.log(`${label}: ${(r.ms / 1000).toFixed(2)} s, peak RSS ${r.maxRssMiB} MiB, ${r.outcome}`);
}

/** ~50 MB: 10 DEX files of ~6 MB of strings (a few planted secrets), 27 MB of incompressible assets. */
function largeApk(): Buffer {
  const manifest = encodeAxml({
    name: 'manifest',
    attrs: [p('package', str('com.example.large'))],
    children: [{ name: 'application', attrs: [a('allowBackup', bool(false))] }],
  });
  const entries: RawZipEntry[] = [deflatedEntry('AndroidManifest.xml', manifest)];
  for (let d = 0; d < 10; d++) {
    const strings: string[] = [];
    for (let i = 0; i < 70_000; i++)
      strings.push(`Lcom/example/large/p${d}/C${i};->m${i % 97}(${randomBytes(24).toString('base64url')})V`);
    if (d === 3) strings.push(PLANTED.aws, PLANTED.http, `身分證字號${PLANTED.nationalId}`, PLANTED.email);
    const raw = encodeDex(strings);
    entries.push({
      name: d === 0 ? 'classes.dex' : `classes${d + 1}.dex`,
      method: 8,
      data: deflateRawSync(raw, { level: 1 }),
      crc32: crc32(raw),
      uncompressedSize: raw.length,
    });
  }
  for (let i = 0; i < 27; i++)
    entries.push(storedEntry(`assets/web/chunk${i}.bin`, randomBytes(1024 * 1024)));
  return writeZip(entries);
}

const apk = largeApk();
const apkFile = path.join(dir, 'large.apk');
writeFileSync(apkFile, apk);
console.log(`large APK: ${(apk.length / 1024 / 1024).toFixed(1)} MB on disk`);
for (let run = 1; run <= 3; run++) measure(`scan large APK, run ${run}`, apkFile);

const manifest = encodeAxml({ name: 'manifest', children: [{ name: 'application' }] });
const zeros = await deflatedZeros(64 * 1024 * 1024);
const declared = path.join(dir, 'declared.apk');
writeFileSync(
  declared,
  writeZip([
    deflatedEntry('AndroidManifest.xml', manifest),
    { name: 'classes.dex', method: 8, data: zeros.data, crc32: zeros.crc32, uncompressedSize: 0xffffffff },
  ]),
);
measure('zip bomb declaring 4 GiB in one entry', declared);

const liar = await deflatedZeros(2 * 1024 * 1024 * 1024);
const lying = path.join(dir, 'liar.apk');
writeFileSync(
  lying,
  writeZip([
    deflatedEntry('AndroidManifest.xml', manifest),
    {
      name: 'classes.dex',
      method: 8,
      data: liar.data,
      crc32: liar.crc32,
      uncompressedSize: 100 * 1024 * 1024,
    },
  ]),
);
console.log(
  `lying bomb: ${(liar.data.length / 1024 / 1024).toFixed(1)} MB on disk, inflates to 2 GiB, declares 100 MiB`,
);
measure('zip bomb inflating 2 GiB while declaring 100 MiB', lying);

rmSync(dir, { recursive: true, force: true });
