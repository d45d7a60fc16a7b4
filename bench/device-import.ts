// Device register import benchmark: a 50,000-row Intune CSV export, previewed (dry run), applied, and
// applied again (every row an update), through the service the API and `jianhe devices import` use, on
// SQLite and (with TEST_DATABASE_URL) PostgreSQL. Run: npx tsx bench/device-import.ts [rows] [sqlite,postgres]
// Figures go in docs/benchmarks.md; nothing here is asserted.
import { performance } from 'node:perf_hooks';
import { openTestDatabase } from '../test/support/databases.js';
import { seedOrganization } from '../test/support/identity.js';

const ROWS = Number(process.argv[2] ?? 50_000);
const HEADER =
  'Device ID,Device name,Last check-in,OS,OS version,Serial number,Model,IMEI,Phone number,Primary user UPN,Primary user display name,Compliance,Managed by,Ownership,Encrypted,Jailbroken,Supervised,Category';

function intuneCsv(rows: number, osBump: string): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < rows; i += 1) {
    const n = String(i).padStart(6, '0');
    const android = i % 3 === 0;
    lines.push(
      [
        `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        `DEV-${n}`,
        '2026-11-30 08:12:45',
        android ? 'Android' : 'iOS',
        android ? '14' : `17.${osBump}`,
        `SN${n}X`,
        android ? 'Pixel 8' : 'iPhone 15',
        `3567891${String(i).padStart(8, '0')}`,
        `+8869${String(i).padStart(8, '0')}`,
        `user${n}@example.com`,
        `User ${n}`,
        'Compliant',
        'Intune',
        i % 10 === 0 ? 'Personal' : 'Corporate',
        i % 17 === 0 ? 'No' : 'Yes',
        i % 97 === 0 ? 'Yes' : 'No',
        'Yes',
        `Dept ${i % 20}`,
      ].join(','),
    );
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

const kinds = (process.argv[3] ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>;
for (const kind of kinds) {
  if (kind === 'postgres' && !process.env.TEST_DATABASE_URL) continue;
  const db = await openTestDatabase(kind);
  try {
    const org = await seedOrganization(db, `Bench ${kind}`);
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const service = db.services.devices.devices;
    const first = intuneCsv(ROWS, '5');
    const time = async (label: string, bytes: Buffer, dryRun: boolean) => {
      const start = performance.now();
      const outcome = await service.importFile(actor, bytes, 'bench.csv', { dryRun, locale: 'en' });
      const seconds = (performance.now() - start) / 1000;
      const p = outcome.plan!;
      console.log(
        `${kind} ${label}: ${seconds.toFixed(2)} s (${outcome.rows} rows, +${p.added} ~${p.updated} !${p.flagged}, ${outcome.errors.length} errors)`,
      );
    };
    console.log(`${kind}: ${ROWS} rows, ${(first.length / 1024 / 1024).toFixed(1)} MiB CSV`);
    await time('preview (dry run)', first, true);
    await time('first import', first, false);
    await time('second import (all updates)', intuneCsv(ROWS, '6'), false);
    const start = performance.now();
    const summary = await db.services.devices.programme.summary(org.orgId);
    console.log(
      `${kind} per-article summary: ${((performance.now() - start) / 1000).toFixed(2)} s (${summary.devices} devices)`,
    );
  } finally {
    await db.dispose();
  }
}
