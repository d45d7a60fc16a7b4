// The previous `prepareBase` (domain/peer-figures.ts before the single pass), kept only so that
// bench/campaigns.ts can time before and after on the same base in one run: each segment's figures through
// `segmentFigures` (a filter of the whole base per segment), then a second pass over the firms for the rates.
import {
  type AggregateBase,
  type FirmChapterCounts,
  type SegmentFigures,
  segmentFigures,
} from '../src/server/modules/campaigns/domain/aggregates.js';
import {
  complianceRate,
  emptyCounts,
  type ResponseResult,
  type ResultCounts,
} from '../src/server/modules/campaigns/domain/distribution.js';
import type { Segment, SuppressionPlan } from '../src/server/modules/campaigns/domain/suppression.js';

type Figures = Omit<SegmentFigures, 'shown' | 'reason' | 'firms'>;

interface PreparedSegment {
  figures: Figures;
  /** Per chapter: its firms' own rates, sorted, and how many firm rows it has. */
  chapters: Map<number, { rates: number[]; rows: number }>;
  /** The firms' overall rates, sorted. */
  overallRates: number[];
}

/**
 * A campaign's figures computed once per base (per arriving response): every segment's figures, and
 * what a member's view needs to take one firm out of them. Publishing is then a lookup, and a member's peers
 * are the segment less its own counts and rates, instead of a pass over every firm.
 */
export interface PreparedBase {
  segments: Map<string, PreparedSegment>;
  byResponse: Map<string, FirmChapterCounts[]>;
}

const sortedNumbers = (values: number[]) => values.sort((a, b) => a - b);

function sum(rows: readonly { counts: ResultCounts }[]): ResultCounts {
  const total = emptyCounts();
  for (const row of rows)
    for (const key of Object.keys(total) as ResponseResult[]) total[key] += row.counts[key];
  return total;
}

const inSegment = (segment: Segment) => (row: { industry: string; sizeBand: string }) =>
  (segment.industry === null || segment.industry === row.industry) &&
  (segment.sizeBand === null || segment.sizeBand === row.sizeBand);

export function prepareBaseTwoPasses(base: AggregateBase, plan: SuppressionPlan): PreparedBase {
  const byResponse = new Map<string, FirmChapterCounts[]>();
  for (const row of base.firmChapters) {
    const rows = byResponse.get(row.response) ?? [];
    rows.push(row);
    byResponse.set(row.response, rows);
  }
  const segments = new Map<string, PreparedSegment>();
  for (const segment of plan.segments) {
    const within = inSegment(segment);
    const chapters = new Map<number, { rates: number[]; rows: number }>();
    const overallRates: number[] = [];
    for (const rows of byResponse.values()) {
      if (!within(rows[0]!)) continue;
      for (const row of rows) {
        const entry = chapters.get(row.chapter) ?? { rates: [], rows: 0 };
        entry.rows += 1;
        const rate = complianceRate(row.counts);
        if (rate !== null) entry.rates.push(rate);
        chapters.set(row.chapter, entry);
      }
      const overall = complianceRate(sum(rows));
      if (overall !== null) overallRates.push(overall);
    }
    for (const entry of chapters.values()) sortedNumbers(entry.rates);
    segments.set(segment.key, {
      figures: segmentFigures(base, segment),
      chapters,
      overallRates: sortedNumbers(overallRates),
    });
  }
  return { segments, byResponse };
}
