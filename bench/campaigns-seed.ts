// Seeds an association at full size: 1,000 member firms × 5 yearly campaigns × 63 items (315,000 sealed
// answers), straight into the tables (the services would take hours of approvals; the rows are the ones
// they write). Used by bench/campaigns.ts; can also be run on its own against any database:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench JIANHE_DATA_DIR=$(mktemp -d) npx tsx bench/campaigns-seed.ts [firms] [campaigns]
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config/config.js';
import { type DatabaseHandle, openDatabase } from '../src/server/db/database.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { backfillCampaignFigures } from '../src/server/db/migrations/0024_campaign_figures.js';
import { crossTenant } from '../src/server/db/tenancy/tenant-scope.js';
import { DEFAULT_CATALOG_URN } from '../src/server/modules/catalog/catalog.service.js';
import { createServices, type Services } from '../src/server/modules/services.js';

export interface SeededAssociation {
  associationId: string;
  campaignIds: string[];
  /** One member firm and its place in the latest campaign. */
  sample: { orgId: string; participationId: string };
}

const INDUSTRIES = ['securities', 'securities', 'securities', 'futures', 'investment_trust_advisory'];
const BANDS = ['small', 'medium', 'large', null];
const RESULTS = [
  'compliant',
  'compliant',
  'compliant',
  'partially_compliant',
  'non_compliant',
  'not_applicable',
];

/** A deterministic PRNG, so every seeded data set is the same. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedAssociation(
  database: DatabaseHandle,
  services: Services,
  firms = 1000,
  campaigns = 5,
  options: { keptFigures?: boolean } = {},
): Promise<SeededAssociation> {
  const raw = crossTenant(database.db, 'benchmark seed: bulk rows of many organisations');
  const random = prng(115);
  const [catalog] = (await services.catalogs.list()).filter((c) => c.urn === DEFAULT_CATALOG_URN).slice(-1);
  const items = (await services.catalogs.resolve(catalog!.id))!.items;
  const at = new Date().toISOString();
  const association = await services.organizations.create(null, {
    name: '臺灣證券商業同業公會（基準測試）',
    industry: 'association',
  });
  const orgs = Array.from({ length: firms }, (_, i) => ({
    id: randomUUID(),
    name: `會員證券 ${String(i + 1).padStart(4, '0')}`,
    business_id: null,
    industry: INDUSTRIES[i % INDUSTRIES.length]!,
    require_2fa: 0,
    created_at: at,
    updated_at: at,
  }));
  await insertBatched(orgs, (batch) => raw.insertInto('organization').values(batch).execute());
  const members = orgs.map((org, i) => ({
    id: randomUUID(),
    org_id: association.id,
    member_business_id: String(10_000_000 + i),
    member_org_id: org.id,
    member_name: org.name,
    member_industry: org.industry,
    size_band: BANDS[Math.floor(random() * BANDS.length)] ?? null,
    status: 'active',
    invited_by: null,
    invited_at: at,
    decided_by: null,
    decided_at: at,
    left_at: null,
    version: 2,
  }));
  await insertBatched(members, (batch) => raw.insertInto('association_member').values(batch).execute());
  const campaignIds: string[] = [];
  let sample = { orgId: '', participationId: '' };
  for (let c = 0; c < campaigns; c++) {
    const campaignId = randomUUID();
    campaignIds.push(campaignId);
    await raw
      .insertInto('campaign')
      .values({
        id: campaignId,
        org_id: association.id,
        catalog_id: catalog!.id,
        name: `雲端指引自評 ${111 + c}年度`,
        period: `${111 + c}年度`,
        deadline: `${2022 + c}-12-31`,
        k_threshold: 5,
        request_explanations: 0,
        created_by: 'bench',
        created_at: new Date(Date.parse(at) + c).toISOString(),
        version: 1,
      })
      .execute();
    const participants = members.map((m) => ({
      id: randomUUID(),
      org_id: association.id,
      campaign_id: campaignId,
      member_id: m.id,
      member_org_id: m.member_org_id,
      assessment_id: randomUUID(),
      started_at: at,
      last_reminded_at: null,
      created_at: at,
    }));
    await insertBatched(participants, (batch) =>
      raw.insertInto('campaign_participant').values(batch).execute(),
    );
    const responses = participants.map((p, i) => ({
      id: randomUUID(),
      org_id: association.id,
      campaign_id: campaignId,
      participant_id: p.id,
      version: 1,
      assessment_id: p.assessment_id,
      fingerprint: randomUUID().replace(/-/g, '').repeat(2),
      fingerprint_algorithm: 'sha256-canonical-json-v1',
      industry: members[i]!.member_industry,
      size_band: members[i]!.size_band ?? 'unassigned',
      submitted_by: 'bench',
      submitted_at: at,
      superseded_at: null,
    }));
    await insertBatched(responses, (batch) => raw.insertInto('campaign_response').values(batch).execute());
    const answers = responses.flatMap((r) =>
      items.map((item) => ({
        org_id: association.id,
        response_id: r.id,
        campaign_id: campaignId,
        item_id: item.itemId,
        chapter: item.chapter,
        result: RESULTS[Math.floor(random() * RESULTS.length)]!,
        shared_explanation: null,
        shared_compensating_control: null,
      })),
    );
    await insertBatched(
      answers,
      (batch) => raw.insertInto('campaign_response_item').values(batch).execute(),
      1000,
    );
    sample = { orgId: participants[0]!.member_org_id, participationId: participants[0]!.id };
  }
  // The figures submission keeps (migration 0024), for answers loaded here directly.
  if (options.keptFigures !== false) await backfillCampaignFigures(raw as never);
  // As autovacuum would by now: statistics and the visibility map (index-only scans need it).
  if (database.kind === 'postgres') await sql`vacuum analyze`.execute(raw);
  return { associationId: association.id, campaignIds, sample };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const database = openDatabase(config.database);
  const services = createServices({ config, database });
  await runMigrations(database);
  await services.catalogs.syncBundled();
  const started = performance.now();
  const seeded = await seedAssociation(
    database,
    services,
    Number(process.argv[2] ?? 1000),
    Number(process.argv[3] ?? 5),
  );
  console.log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s:`, JSON.stringify(seeded));
  await database.close();
}
