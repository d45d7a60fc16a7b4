// Association campaigns at full size on PostgreSQL: seeds 1,000 firms × 5 campaigns × 63 items (see
// bench/campaigns-seed.ts), then times, in-process (server time, no HTTP), a firm's home-page campaign list,
// its benchmark view, and the association's aggregate over one campaign, cold (first read after a response
// arrived) and warm. Nothing is asserted; figures go in docs/benchmarks.md.
// Run: npx tsx bench/campaigns.ts        (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrateTo, migrateToLatest } from '../src/server/db/migrate.js';
import { crossTenant, Tenants } from '../src/server/db/tenancy/tenant-scope.js';
import { AggregateCache } from '../src/server/modules/campaigns/aggregate-cache.js';
import { CampaignsRepository } from '../src/server/modules/campaigns/campaigns.repository.js';
import { publishAggregates } from '../src/server/modules/campaigns/domain/aggregates.js';
import { memberBenchmark } from '../src/server/modules/campaigns/domain/benchmark.js';
import { prepareBase, preparedFigures } from '../src/server/modules/campaigns/domain/peer-figures.js';
import { planSuppression } from '../src/server/modules/campaigns/domain/suppression.js';
import { createServices } from '../src/server/modules/services.js';
import { prepareBaseTwoPasses } from './campaigns-prepare-before.js';
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
  // Seeded before migration 0024, so that both ways of reading the figures can be timed in this one run.
  await migrateTo(database, '0023_campaign_responses');
  await services.catalogs.syncBundled();
  const started = performance.now();
  const seeded = await seedAssociation(database, services, 1000, 5, { keptFigures: false });
  const counted = await sql<{ n: string }>`select count(*) as n from campaign_response_item`.execute(
    crossTenant(database.db, 'benchmark: row count'),
  );
  console.log(
    `seeded ${counted.rows[0]!.n} sealed answers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const { association, participation } = services.campaigns;
  const latest = seeded.campaignIds.at(-1)!;
  const repo = new CampaignsRepository(database.db);
  const cache = new AggregateCache(new Tenants(database.db), repo);
  const scope = new Tenants(database.db).scope(seeded.associationId);
  console.log(`load before: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);

  async function time(
    label: string,
    runs: number,
    work: () => Promise<unknown>,
    beforeEach?: () => Promise<void>,
  ) {
    const samples: number[] = [];
    let cpu = 0;
    for (let i = 0; i < runs; i++) {
      if (beforeEach) await beforeEach();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await work();
      samples.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu += (c.user + c.system) / 1000;
    }
    samples.sort((a, b) => a - b);
    const p = (q: number) =>
      samples[Math.min(samples.length - 1, Math.floor(samples.length * q))]!.toFixed(1);
    // CPU: this process (Node) only, user + system, mean per run; PostgreSQL's own work is not in it.
    console.log(
      `${label}: median ${p(0.5)} ms, p95 ${p(0.95)} ms, node CPU ${(cpu / runs).toFixed(1)} ms/run (${runs} runs)`,
    );
  }
  await time('aggregate SQL, before: grouping the sealed answers', 10, () =>
    Promise.all([repo.itemCountsFromAnswers(scope, latest), repo.firmChaptersFromAnswers(scope, latest)]),
  );
  const backfill = performance.now();
  await migrateToLatest(database);
  await sql`vacuum analyze`.execute(crossTenant(database.db, 'benchmark: statistics'));
  console.log(
    `migration 0024 (kept figures, filled from 315,000 answers): ${((performance.now() - backfill) / 1000).toFixed(1)} s`,
  );
  await time('aggregate SQL, after: the kept figures', 10, () =>
    Promise.all([repo.figures.itemCounts(scope, latest), repo.figures.firmChapters(scope, latest)]),
  );
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
  // Before and after in the same run: the benchmark view as it was (six queries: participation, current
  // response, campaign, signature, items, membership) against the service's one query plus kept items.
  const tenants = new Tenants(database.db);
  const benchmarkSixQueries = async (orgId: string, participantId: string) => {
    const [p] = await repo.participationsOfFirm(orgId, participantId);
    const t = tenants.scope(p!.org_id);
    const own = await repo.currentResponse(t, p!.id);
    const campaign = (await repo.findCampaign(t, p!.campaign_id))!;
    const [entry, items, member] = await Promise.all([
      cache.get(campaign),
      own ? repo.responseItems(t, own.id) : Promise.resolve([]),
      repo.findMember(t, p!.member_id),
    ]);
    const sealed = own && {
      response: own.id,
      industry: own.industry,
      sizeBand: own.size_band,
      items: items.map((i) => ({ itemId: i.item_id, chapter: i.chapter, result: i.result as never })),
    };
    const segment = {
      industry: member?.member_industry ?? 'other',
      sizeBand: member?.size_band ?? 'unassigned',
    };
    return memberBenchmark(entry.base, entry.plan, sealed ?? null, segment, entry.prepared);
  };
  const { orgId: sampleOrg, participationId: sampleParticipation } = seeded.sample;
  for (const round of [1, 2]) {
    await time(`firm benchmark view, warm, before: six queries (round ${round})`, 100, () =>
      benchmarkSixQueries(sampleOrg, sampleParticipation),
    );
    await time(`firm benchmark view, warm, after: one query (round ${round})`, 100, () =>
      participation.benchmark(sampleOrg, sampleParticipation),
    );
  }
  await time(
    'firm benchmark view, cold',
    10,
    () => participation.benchmark(sampleOrg, sampleParticipation),
    arrive,
  );
  // The cold aggregate both ways on the same data: the same reads, then the figures prepared in two passes
  // (before) or one (after). The service's own cold path is the "after" one.
  const coldAggregate = async (prepare: typeof prepareBase) => {
    const campaign = await association.getCampaign(seeded.associationId, latest);
    await repo.signature(scope, latest);
    const [atoms, itemCounts, firmChapters] = await Promise.all([
      repo.atoms(scope, latest),
      repo.figures.itemCounts(scope, latest),
      repo.figures.firmChapters(scope, latest),
    ]);
    const fresh = { atoms, itemCounts, firmChapters };
    const plan = planSuppression(atoms, campaign.k_threshold);
    const prepared = prepare(fresh, plan);
    return publishAggregates(fresh, plan, (segment) => preparedFigures(prepared, segment));
  };
  for (const round of [1, 2]) {
    await time(`association aggregate, cold, before: two passes (round ${round})`, 10, () =>
      coldAggregate(prepareBaseTwoPasses as typeof prepareBase),
    );
    await time(`association aggregate, cold, after: one pass (round ${round})`, 10, () =>
      coldAggregate(prepareBase),
    );
  }
  // Before and after in the same run, on the same base: composing a member's peers by recomputing the
  // segments without the firm (the reference path) against the prepared figures (peer-figures.ts).
  const campaignRow = (await association.getCampaign(seeded.associationId, latest))!;
  const entry = await cache.get(campaignRow);
  const view = await participation.benchmark(seeded.sample.orgId, seeded.sample.participationId);
  const own = {
    response: view.response!.id,
    industry: view.response!.industry,
    sizeBand: view.response!.size_band,
    items: view.benchmark.own!.items,
  };
  const segmentOf = { industry: own.industry, sizeBand: own.sizeBand };
  await time('member peers in JS, before (recompute without the firm)', 30, async () =>
    memberBenchmark(entry.base, entry.plan, own, segmentOf),
  );
  await time('member peers in JS, after (prepared figures)', 100, async () =>
    memberBenchmark(entry.base, entry.plan, own, segmentOf, entry.prepared),
  );
  await time('association figures in JS, before (publish from the base)', 30, async () =>
    publishAggregates(entry.base, entry.plan),
  );
  for (const round of [1, 2]) {
    await time(`association figures in JS, prepare before: two passes (round ${round})`, 30, async () =>
      prepareBaseTwoPasses(entry.base, entry.plan),
    );
    await time(`association figures in JS, prepare after: one pass (round ${round})`, 30, async () =>
      prepareBase(entry.base, entry.plan),
    );
  }
  console.log(`load: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  for (const [label, query] of [
    [
      'before: per-firm chapter counts from the answers',
      sql`explain analyze select r.id, r.industry, r.size_band, i.chapter, count(*) from campaign_response r
        join campaign_response_item i on i.response_id = r.id and i.org_id = r.org_id and i.campaign_id = r.campaign_id
        where r.org_id = ${seeded.associationId} and r.campaign_id = ${latest} and r.superseded_at is null
        group by 1, 2, 3, 4`,
    ],
    [
      'after: item tally',
      sql`explain analyze select industry, size_band, item_id, chapter, result, firms from campaign_item_tally
        where org_id = ${seeded.associationId} and campaign_id = ${latest} and firms > 0`,
    ],
    [
      'after: per-firm chapter counts',
      sql`explain analyze select r.id, r.industry, r.size_band, c.chapter, c.compliant from campaign_response r
        join campaign_response_chapter c on c.response_id = r.id and c.org_id = r.org_id and c.campaign_id = r.campaign_id
        where r.org_id = ${seeded.associationId} and r.campaign_id = ${latest} and r.superseded_at is null`,
    ],
  ] as const) {
    const plan = await (query as ReturnType<typeof sql<{ 'QUERY PLAN': string }>>).execute(
      crossTenant(database.db, 'benchmark: plan'),
    );
    console.log(`-- ${label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
  console.log('-- before: item groups from the answers');
  const explain = await sql<{
    'QUERY PLAN': string;
  }>`explain analyze select r.industry, r.size_band, i.item_id, i.chapter, i.result, count(*)
    from campaign_response r join campaign_response_item i on i.response_id = r.id and i.org_id = r.org_id and i.campaign_id = r.campaign_id
    where r.org_id = ${seeded.associationId} and r.campaign_id = ${latest} and r.superseded_at is null
    group by 1, 2, 3, 4, 5`.execute(crossTenant(database.db, 'benchmark: plan'));
  console.log(explain.rows.map((r) => r['QUERY PLAN']).join('\n'));
} finally {
  await database.close();
  spawnSync('psql', [base, '-qc', `drop schema ${schema} cascade`]);
  rmSync(dataDir, { recursive: true, force: true });
}
