import {
  type AggregateBase,
  type FirmChapterCounts,
  type SegmentFigures,
  segmentFigures,
} from './aggregates.js';
import {
  complianceRate,
  distributionOf,
  emptyCounts,
  type ResponseResult,
  type ResultCounts,
} from './distribution.js';
import type { Segment, SuppressionPlan } from './suppression.js';

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

export function prepareBase(base: AggregateBase, plan: SuppressionPlan): PreparedBase {
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

/** The published figures of a segment (the caller applies the plan). */
export function preparedFigures(prepared: PreparedBase, segment: Segment): Figures | undefined {
  return prepared.segments.get(segment.key)?.figures;
}

const without = (sorted: readonly number[], value: number | null) => {
  if (value === null) return [...sorted];
  const at = sorted.indexOf(value);
  return at < 0 ? [...sorted] : [...sorted.slice(0, at), ...sorted.slice(at + 1)];
};

function minus(a: ResultCounts, b: ResultCounts): ResultCounts {
  const out = emptyCounts();
  for (const key of Object.keys(out) as ResponseResult[]) out[key] = a[key] - b[key];
  return out;
}

/**
 * A segment's figures without one firm's current response (the firm is in the segment): what
 * `segmentFigures(withoutResponse(base, own), segment)` gives, from the prepared segment. Undefined when
 * the prepared base does not hold that response (the caller then recomputes).
 */
export function peerFigures(
  prepared: PreparedBase,
  segment: Segment,
  own: { response: string; items: ReadonlyArray<{ itemId: string; result: ResponseResult }> },
): Figures | undefined {
  const entry = prepared.segments.get(segment.key);
  const ownRows = prepared.byResponse.get(own.response);
  if (!entry || !ownRows) return undefined;
  const ownResult = new Map(own.items.map((i) => [i.itemId, i.result]));
  const ownChapter = new Map(ownRows.map((r) => [r.chapter, r]));
  const chapters: Figures['chapters'] = [];
  for (const chapter of entry.figures.chapters) {
    const stats = entry.chapters.get(chapter.chapter)!;
    const mine = ownChapter.get(chapter.chapter);
    if (mine && stats.rows === 1) continue; // only the firm itself had rows in this chapter
    const counts = mine ? minus(chapter.counts, mine.counts) : { ...chapter.counts };
    const rates = mine ? without(stats.rates, complianceRate(mine.counts)) : [...stats.rates];
    chapters.push({
      chapter: chapter.chapter,
      counts,
      rate: complianceRate(counts),
      distribution: distributionOf(rates),
    });
  }
  const overallCounts = sum(chapters);
  return {
    segment,
    overall: {
      counts: overallCounts,
      rate: complianceRate(overallCounts),
      distribution: distributionOf(without(entry.overallRates, complianceRate(sum(ownRows)))),
    },
    chapters,
    items: entry.figures.items.map((item) => {
      const result = ownResult.get(item.itemId);
      const counts = { ...item.counts };
      if (result) counts[result] -= 1;
      return { itemId: item.itemId, chapter: item.chapter, counts, rate: complianceRate(counts) };
    }),
  };
}
