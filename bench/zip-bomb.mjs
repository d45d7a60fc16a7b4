#!/usr/bin/env node
// The zip bomb from the security review, uploaded to the XLSX import of a `jianhe serve` child process:
// a real checklist export whose first sheet is replaced by 419 MB of deflated zeros that the central
// directory declares as 16 KB (about 420 KB on disk). Reports the server's peak RSS growth during the
// request (Linux: VmHWM reset through /proc/PID/clear_refs), and, for contrast, what exceljs alone does
// with the same file (the path the old declared-size guard let through).
// Usage: npm run build:server && node bench/zip-bomb.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { deflatedZeros } from '../test/support/zip-bomb.mjs';
import { cli, freshDatabase, root, serve } from './support.mjs';

const MiB = 1024 * 1024;
const REAL_BYTES = 419 * MiB;
const DECLARED_BYTES = 16 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';

/** Resident and peak memory of a process, in MiB, from /proc. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}
const resetPeak = (pid) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

if (process.argv[2] === '--exceljs-alone') {
  // Child mode: exceljs (JSZip) on the bomb, as before the bounded reader.
  const { default: ExcelJS } = await import('exceljs');
  const bomb = readFileSync(process.argv[3]);
  global.gc?.();
  resetPeak(process.pid);
  const before = memory(process.pid);
  const outcome = await new ExcelJS.Workbook().xlsx.load(bomb).then(
    () => 'loaded',
    (error) => `refused (${error.message.slice(0, 60)})`,
  );
  const after = memory(process.pid);
  console.log(JSON.stringify({ before: before.rss, peak: after.peak, outcome }));
  process.exit(0);
}

const { readZipEntries } = await import(path.join(root, 'dist/server/platform/bounded-unzip.js'));
const { writeZip } = await import(path.join(root, 'dist/server/platform/zip-writer.js'));
const EMAIL = 'assessor@bomb.example.test';
const PASSWORD = 'Cloud guideline 2026 zip bomb passphrase';

const database = freshDatabase('sqlite', 'bomb');
let server;
try {
  cli(
    ['user', 'create', '--email', EMAIL, '--password-stdin', '--org', 'Bomb 證券', '--role', 'assessor'],
    database.env,
    `${PASSWORD}\n`,
  );
  server = await serve(database.env);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const session = await (await fetch(`${server.url}/api/v1/auth/session`, { headers })).json();
  const base = `${server.url}/api/v1/orgs/${session.memberships[0].orgId}`;
  const created = await fetch(`${base}/assessments`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      catalogId: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: 'Bomb 115年度',
      period: '115年度',
    }),
  });
  const { id } = await created.json();
  const exported = Buffer.from(
    await (await fetch(`${base}/assessments/${id}/export?format=xlsx`, { headers })).arrayBuffer(),
  );

  const entries = await readZipEntries(exported, {
    maxEntries: 100,
    maxEntryBytes: MiB * 10,
    maxTotalBytes: MiB * 20,
  });
  const zeros = await deflatedZeros(REAL_BYTES);
  const bomb = writeZip(
    [...entries].map(([name, content]) =>
      name === SHEET
        ? { name, method: 8, data: zeros.data, crc32: zeros.crc32, uncompressedSize: DECLARED_BYTES }
        : {
            name,
            method: 8,
            data: deflateRawSync(content),
            crc32: crc32(content),
            uncompressedSize: content.length,
          },
    ),
  );
  const upload = async (file) => {
    const form = new FormData();
    form.append('file', new Blob([file]), 'checklist.xlsx');
    const response = await fetch(`${base}/assessments/${id}/import?dryRun=true`, {
      method: 'POST',
      headers,
      body: form,
    });
    return { status: response.status, body: await response.json() };
  };

  // Warm up: a real import loads exceljs and reaches the server's working size first.
  const warm = await upload(exported);
  const pid = server.child.pid;
  resetPeak(pid);
  const before = memory(pid);
  const refused = await upload(bomb);
  const after = memory(pid);
  console.log(
    `bomb: ${(bomb.length / 1024).toFixed(0)} KiB on disk, sheet declares ${DECLARED_BYTES / 1024} KiB, inflates to ${REAL_BYTES / MiB} MiB`,
  );
  console.log(`warm-up import of the real export: ${warm.status}`);
  console.log(
    `server: ${refused.status} ${refused.body.code} (${refused.body.details?.reason}); RSS ${before.rss.toFixed(1)} MiB before, peak ${after.peak.toFixed(1)} MiB during → growth ${(after.peak - before.rss).toFixed(1)} MiB`,
  );

  const file = path.join(tmpdir(), `jianhe-bomb-${process.pid}.xlsx`);
  writeFileSync(file, bomb);
  const alone = spawnSync(process.execPath, ['--expose-gc', import.meta.filename, '--exceljs-alone', file], {
    encoding: 'utf8',
  });
  const contrast = JSON.parse(alone.stdout);
  console.log(
    `exceljs alone: ${contrast.outcome}; RSS ${contrast.before.toFixed(1)} MiB before, peak ${contrast.peak.toFixed(1)} MiB → growth ${(contrast.peak - contrast.before).toFixed(1)} MiB`,
  );
} finally {
  await server?.stop();
  database.dispose();
}
