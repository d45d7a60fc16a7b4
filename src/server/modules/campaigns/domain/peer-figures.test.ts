import { describe, expect, it } from 'vitest';
import { type AggregateBase, publishAggregates, segmentFigures, withoutResponse } from './aggregates.js';
import { memberBenchmark, type OwnResponse } from './benchmark.js';
import { RESPONSE_RESULTS, type ResponseResult } from './distribution.js';
import { peerFigures, prepareBase, preparedFigures } from './peer-figures.js';
import { planSuppression } from './suppression.js';

function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** A campaign of `firms` sealed responses over `items` items in a few chapters, as the SQL groups give it. */
function campaign(seed: number, firms: number, items: number) {
  const random = prng(seed);
  const industries = ['securities', 'futures', 'investment'];
  const bands = ['small', 'large', 'unassigned'];
  const responses: OwnResponse[] = [];
  for (let f = 0; f < firms; f++) {
    const industry = industries[Math.floor(random() * industries.length)]!;
    const sizeBand = bands[Math.floor(random() * bands.length)]!;
    responses.push({
      response: `r${f}`,
      industry,
      sizeBand,
      items: Array.from({ length: items }, (_, i) => ({
        itemId: `item-${i + 1}`,
        chapter: 1 + (i % 4),
        result: RESPONSE_RESULTS[Math.floor(random() * 4)] as ResponseResult,
      })),
    });
  }
  const itemCounts = new Map<string, AggregateBase['itemCounts'][number]>();
  const firmChapters: AggregateBase['firmChapters'] = [];
  const atoms = new Map<string, { industry: string; sizeBand: string; firms: number }>();
  for (const r of responses) {
    const atom = atoms.get(`${r.industry}|${r.sizeBand}`) ?? {
      industry: r.industry,
      sizeBand: r.sizeBand,
      firms: 0,
    };
    atom.firms += 1;
    atoms.set(`${r.industry}|${r.sizeBand}`, atom);
    const byChapter = new Map<number, AggregateBase['firmChapters'][number]>();
    for (const item of r.items) {
      const key = `${r.industry}|${r.sizeBand}|${item.itemId}|${item.result}`;
      const row = itemCounts.get(key) ?? { ...item, industry: r.industry, sizeBand: r.sizeBand, firms: 0 };
      row.firms += 1;
      itemCounts.set(key, row);
      const chapter = byChapter.get(item.chapter) ?? {
        response: r.response,
        industry: r.industry,
        sizeBand: r.sizeBand,
        chapter: item.chapter,
        counts: { compliant: 0, partially_compliant: 0, non_compliant: 0, not_applicable: 0 },
      };
      chapter.counts[item.result] += 1;
      byChapter.set(item.chapter, chapter);
    }
    firmChapters.push(...byChapter.values());
  }
  const base: AggregateBase = {
    atoms: [...atoms.values()],
    itemCounts: [...itemCounts.values()],
    firmChapters,
  };
  return { base, responses };
}

/**
 * The prepared figures are a faster way to the same numbers: every segment's published figures, and every
 * member's peers, equal what the reference path computes from the base (recomputed without the firm).
 */
describe('prepared figures', () => {
  for (const [seed, firms] of [
    [1, 40],
    [7, 12],
    [42, 90],
  ] as const)
    it(`equal the reference figures for every segment and member (seed ${seed}, ${firms} firms)`, () => {
      const { base, responses } = campaign(seed, firms, 9);
      const plan = planSuppression(base.atoms, 3);
      const prepared = prepareBase(base, plan);
      expect(publishAggregates(base, plan, (s) => preparedFigures(prepared, s))).toEqual(
        publishAggregates(base, plan),
      );
      for (const own of responses) {
        const segmentOf = { industry: own.industry, sizeBand: own.sizeBand };
        expect(memberBenchmark(base, plan, own, segmentOf, prepared)).toEqual(
          memberBenchmark(base, plan, own, segmentOf),
        );
        for (const segment of plan.segments.filter(
          (s) =>
            (s.industry === null || s.industry === own.industry) &&
            (s.sizeBand === null || s.sizeBand === own.sizeBand),
        ))
          expect(peerFigures(prepared, segment, own)).toEqual(
            segmentFigures(withoutResponse(base, own), segment),
          );
      }
    });

  it('answers nothing for a response it does not hold, so the caller recomputes', () => {
    const { base } = campaign(3, 10, 4);
    const plan = planSuppression(base.atoms, 3);
    const stranger = { response: 'elsewhere', items: [] };
    expect(peerFigures(prepareBase(base, plan), plan.segments[0]!, stranger)).toBeUndefined();
  });
});
