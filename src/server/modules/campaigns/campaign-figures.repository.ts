import { sql } from 'kysely';
import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { ResponseItemRow, ResponseRow } from './campaigns.repository.js';
import type { AtomItemCount, FirmChapterCounts } from './domain/aggregates.js';
import { emptyCounts, type ResponseResult } from './domain/distribution.js';

/**
 * The figures kept as responses arrive (migration 0024): per response and chapter its counts, per campaign,
 * atom, item and result its current responses. Written in the submission's transaction; read by the
 * aggregate cache. The `…FromAnswers` queries compute the same from the sealed answers (the reference, for
 * tests and bench/).
 */
export class CampaignFiguresRepository {
  /** Called with the new version inserted and the one it supersedes (if any) already marked. */
  async recordResponse(
    t: TenantScope,
    row: ResponseRow,
    items: ResponseItemRow[],
    previous: ResponseRow | undefined,
  ): Promise<void> {
    const chapters = new Map<number, ReturnType<typeof emptyCounts>>();
    for (const item of items) {
      const counts = chapters.get(item.chapter) ?? emptyCounts();
      counts[item.result as ResponseResult] += 1;
      chapters.set(item.chapter, counts);
    }
    if (chapters.size)
      await t.db
        .insertInto('campaign_response_chapter')
        .values(
          [...chapters].map(([chapter, c]) => ({
            org_id: t.orgId,
            response_id: row.id,
            campaign_id: row.campaign_id,
            chapter,
            ...c,
          })),
        )
        .execute();
    if (previous) {
      const before = await t.db
        .selectFrom('campaign_response_item')
        .select(['item_id', 'chapter', 'result'])
        .where('response_id', '=', previous.id)
        .execute();
      await this.tally(t, previous, before, -1);
    }
    await this.tally(t, row, items, 1);
  }

  private async tally(
    t: TenantScope,
    response: Pick<ResponseRow, 'campaign_id' | 'industry' | 'size_band'>,
    items: ReadonlyArray<Pick<ResponseItemRow, 'item_id' | 'chapter' | 'result'>>,
    delta: 1 | -1,
  ): Promise<void> {
    for (let i = 0; i < items.length; i += 200)
      await t.db
        .insertInto('campaign_item_tally')
        .values(
          items.slice(i, i + 200).map((item) => ({
            org_id: t.orgId,
            campaign_id: response.campaign_id,
            industry: response.industry,
            size_band: response.size_band,
            item_id: item.item_id,
            chapter: item.chapter,
            result: item.result,
            firms: delta,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['org_id', 'campaign_id', 'industry', 'size_band', 'item_id', 'result'])
            .doUpdateSet({ firms: sql`campaign_item_tally.firms + excluded.firms` }),
        )
        .execute();
  }

  async itemCounts(t: TenantScope, campaignId: string): Promise<AtomItemCount[]> {
    const rows = await t.db
      .selectFrom('campaign_item_tally')
      .select(['industry', 'size_band', 'item_id', 'chapter', 'result', 'firms'])
      .where('campaign_id', '=', campaignId)
      .where('firms', '>', 0)
      .execute();
    return rows.map(toAtomItemCount);
  }

  async firmChapters(t: TenantScope, campaignId: string): Promise<FirmChapterCounts[]> {
    const rows = await t.db
      .selectFrom('campaign_response as r')
      .innerJoin('campaign_response_chapter as c', (j) =>
        j.onRef('c.response_id', '=', 'r.id').onRef('c.campaign_id', '=', 'r.campaign_id'),
      )
      .select([
        'r.id',
        'r.industry',
        'r.size_band',
        'c.chapter',
        'c.compliant',
        'c.partially_compliant',
        'c.non_compliant',
        'c.not_applicable',
      ])
      .where('r.campaign_id', '=', campaignId)
      .where('r.superseded_at', 'is', null)
      .execute();
    return rows.map(toFirmChapterCounts);
  }
}

/**
 * Rows of the kept tallies and of the from-answers reference queries (campaigns.repository.ts) alike:
 * both select these columns, so both map through here and cannot drift apart.
 */
export function toAtomItemCount(r: {
  industry: string;
  size_band: string;
  item_id: string;
  chapter: number | string;
  result: string;
  firms: number | string;
}): AtomItemCount {
  return {
    industry: r.industry,
    sizeBand: r.size_band,
    itemId: r.item_id,
    chapter: Number(r.chapter),
    result: r.result as ResponseResult,
    firms: Number(r.firms),
  };
}

export function toFirmChapterCounts(
  r: { id: string; industry: string; size_band: string; chapter: number | string } & Record<
    ResponseResult,
    number | string
  >,
): FirmChapterCounts {
  return {
    response: r.id,
    industry: r.industry,
    sizeBand: r.size_band,
    chapter: Number(r.chapter),
    counts: {
      compliant: Number(r.compliant),
      partially_compliant: Number(r.partially_compliant),
      non_compliant: Number(r.non_compliant),
      not_applicable: Number(r.not_applicable),
    },
  };
}
