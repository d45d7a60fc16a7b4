import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { type SeededAssociation, seedAssociation } from '../../../../bench/campaigns-seed.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { crossTenant, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AggregateCache } from './aggregate-cache.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { memberBenchmark } from './domain/benchmark.js';
import type { ResponseResult } from './domain/distribution.js';

/**
 * The member's benchmark view reads its context in one query (participation, member, current response and
 * the campaign's figures version) and keeps figures and sealed items between views. It must still be the
 * firm's own participation only, and follow every response that arrives.
 */
describeEachDatabase('benchmark view, one query', (db) => {
  let seeded: SeededAssociation;
  let other: { orgId: string; participantId: string };

  beforeAll(async () => {
    seeded = await seedAssociation(db().handle, db().services, 8, 1);
    const row = await crossTenant(db().handle.db, 'test: another participant')
      .selectFrom('campaign_participant')
      .select(['id', 'member_org_id'])
      .where('campaign_id', '=', seeded.campaignIds[0]!)
      .where('member_org_id', '!=', seeded.sample.orgId)
      .executeTakeFirstOrThrow();
    other = { orgId: row.member_org_id, participantId: row.id };
  }, 120_000);

  /** The view computed from scratch: a fresh cache, the firm's items and segment read on their own. */
  async function reference() {
    const repo = new CampaignsRepository(db().handle.db);
    const tenants = new Tenants(db().handle.db);
    const t = tenants.scope(seeded.associationId);
    const own = (await repo.currentResponse(t, seeded.sample.participationId))!;
    const campaign = (await repo.findCampaign(t, seeded.campaignIds[0]!))!;
    const entry = await new AggregateCache(tenants, repo).get(campaign);
    const items = await repo.responseItems(t, own.id);
    const sealed = {
      response: own.id,
      industry: own.industry,
      sizeBand: own.size_band,
      items: items.map((i) => ({
        itemId: i.item_id,
        chapter: i.chapter,
        result: i.result as ResponseResult,
      })),
    };
    return memberBenchmark(entry.base, entry.plan, sealed, sealed);
  }

  it('answers the firm its own view, equal to the figures computed afresh', async () => {
    const view = await db().services.campaigns.participation.benchmark(
      seeded.sample.orgId,
      seeded.sample.participationId,
    );
    expect(view.participation).toMatchObject({ id: seeded.sample.participationId, version: 1 });
    expect(view.response).toMatchObject({ participant_id: seeded.sample.participationId, version: 1 });
    expect(view.benchmark).toEqual(await reference());
  });

  it("refuses another firm's participation in the service itself", async () => {
    await expect(
      db().services.campaigns.participation.benchmark(seeded.sample.orgId, other.participantId),
    ).rejects.toMatchObject({ statusCode: 404, code: 'CAMPAIGN_PARTICIPATION_NOT_FOUND' });
  });

  it('follows a response that arrives after the figures were kept', async () => {
    const { participation } = db().services.campaigns;
    const before = await participation.benchmark(seeded.sample.orgId, seeded.sample.participationId);
    const repo = new CampaignsRepository(db().handle.db);
    await new Tenants(db().handle.db).transaction(seeded.associationId, async (t) => {
      const previous = (await repo.currentResponse(t, other.participantId))!;
      const items = await repo.responseItems(t, previous.id);
      const id = randomUUID();
      await repo.insertResponse(
        t,
        { ...previous, id, version: 2, submitted_at: new Date().toISOString(), superseded_at: null },
        items.map((i) => ({ ...i, response_id: id, result: 'non_compliant' })),
      );
    });
    const after = await participation.benchmark(seeded.sample.orgId, seeded.sample.participationId);
    expect(after.benchmark).toEqual(await reference());
    expect(after.benchmark).not.toEqual(before.benchmark);
  });
});
