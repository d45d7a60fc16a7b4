// Association campaigns at full size on PostgreSQL: seeds 1,000 firms × 5 campaigns × 63 items (see
// bench/campaigns-seed.ts), then times, in-process (server time, no HTTP), a firm's home-page campaign list,
// its benchmark view, and the association's aggregate over one campaign, cold (first read after a response
// arrived) and warm. Nothing is asserted; figures go in docs/benchmarks.md.
// Run: npx tsx bench/campaigns.ts        (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { crossTenant } from '../src/server/db/tenancy/tenant-scope.js';
import { createServices } from '../src/server/modules/services.js';
import { seedAssociation } from './campaigns-seed.js';

const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `jianhe_bench_campaigns_${process.pid}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'jianhe-bench-campaigns-'));
spawnSync('psql', [base, '-qc', `create schema ${schema}`]);
const url = new URL(base);
url.searchParams.set('options', `-c search_path=${schema}`);

const config = loadConfig({ ...process.env, DATABASE_URL: url.toString(), JIANHE_DATA_DIR: dataDir });
const database = openDatabase(config.database);
try {
  const services = createServices({ config, database });
  await runMigrations(database);
  await services.catalogs.syncBundled();
  const started = performance.now();
  const seeded = await seedAssociation(database, services, 1000, 5);
  const counted = await sql<{ n: string }>`select count(*) as n from campaign_response_item`.execute(
    crossTenant(database.db, 'benchmark: row count'),
  );
  console.log(
    `seeded ${counted.rows[0]!.n} sealed answers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const { association, participation } = services.campaigns;
  const latest = seeded.campaignIds.at(-1)!;

  async function time(
    label: string,
    runs: number,
    work: () => Promise<unknown>,
    beforeEach?: () => Promise<void>,
  ) {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      if (beforeEach) await beforeEach();
      const t0 = performance.now();
      await work();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const p = (q: number) =>
      samples[Math.min(samples.length - 1, Math.floor(samples.length * q))]!.toFixed(1);
    console.log(`${label}: median ${p(0.5)} ms, p95 ${p(0.95)} ms (${runs} runs)`);
  }
  // A response arriving changes the signature, so the next read recomputes: that is the cold path.
  let bump = 0;
  const arrive = async () => {
    bump += 1;
    await crossTenant(database.db, 'benchmark: a response arrives')
      .updateTable('campaign_response')
      .set({ submitted_at: new Date(Date.now() + bump).toISOString() })
      .where(
        'id',
        '=',
        (
          await crossTenant(database.db, 'benchmark')
            .selectFrom('campaign_response')
            .select('id')
            .where('campaign_id', '=', latest)
            .limit(1)
            .executeTakeFirstOrThrow()
        ).id,
      )
      .execute();
  };
  await time('firm home page: its campaigns', 50, () => participation.participations(seeded.sample.orgId));
  await time(
    'association aggregate, cold',
    10,
    () => association.aggregates(seeded.associationId, latest),
    arrive,
  );
  await time('association aggregate, warm', 50, () => association.aggregates(seeded.associationId, latest));
  await time('firm benchmark view, warm', 100, () =>
    participation.benchmark(seeded.sample.orgId, seeded.sample.participationId),
  );
  await time(
    'firm benchmark view, cold',
    10,
    () => participation.benchmark(seeded.sample.orgId, seeded.sample.participationId),
    arrive,
  );
  const explain = await sql<{
    'QUERY PLAN': string;
  }>`explain analyze select r.industry, r.size_band, i.item_id, i.chapter, i.result, count(*)
    from campaign_response r join campaign_response_item i on i.response_id = r.id and i.org_id = r.org_id and i.campaign_id = r.campaign_id
    where r.org_id = ${seeded.associationId} and r.campaign_id = ${latest} and r.superseded_at is null
    group by 1, 2, 3, 4, 5`.execute(crossTenant(database.db, 'benchmark: plan'));
  console.log(
    explain.rows
      .map((r) => r['QUERY PLAN'])
      .filter((l) => /Scan|Join|Execution/.test(l))
      .join('\n'),
  );
} finally {
  await database.close();
  spawnSync('psql', [base, '-qc', `drop schema ${schema} cascade`]);
  rmSync(dataDir, { recursive: true, force: true });
}
