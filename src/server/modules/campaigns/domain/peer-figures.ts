import { type AggregateBase, type FirmChapterCounts, ITEM_ORDER, type SegmentFigures } from './aggregates.js';
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

/** Sorted ascending; a typed array sorts numbers natively (no comparator call per comparison). */
const sortedNumbers = (values: number[]) => Array.from(Float64Array.from(values).sort());

function addInto(into: ResultCounts, from: ResultCounts): void {
  into.compliant += from.compliant;
  into.partially_compliant += from.partially_compliant;
  into.non_compliant += from.non_compliant;
  into.not_applicable += from.not_applicable;
}

function sum(rows: readonly { counts: ResultCounts }[]): ResultCounts {
  const total = emptyCounts();
  for (const row of rows) addInto(total, row.counts);
  return total;
}

const inSegment = (segment: Segment) => (row: { industry: string; sizeBand: string }) =>
  (segment.industry === null || segment.industry === row.industry) &&
  (segment.sizeBand === null || segment.sizeBand === row.sizeBand);

interface Accumulator {
  segment: Segment;
  items: Map<string, { itemId: string; chapter: number; counts: ResultCounts }>;
  chapters: Map<number, { counts: ResultCounts; rates: number[]; rows: number }>;
  overallRates: number[];
}

/**
 * Every segment's figures in one pass over the base: each item group and each firm's chapter rows are
 * visited once and added to every segment that holds their atom (industry × size band), and each firm's
 * rates are computed once, not once per segment. Equal to `segmentFigures(base, segment)` for every segment
 * (peer-figures.test.ts).
 */
export function prepareBase(base: AggregateBase, plan: SuppressionPlan): PreparedBase {
  const accumulators = plan.segments.map(
    (segment): Accumulator => ({ segment, items: new Map(), chapters: new Map(), overallRates: [] }),
  );
  const byAtom = new Map<string, Accumulator[]>();
  const holding = (row: { industry: string; sizeBand: string }) => {
    const key = `${row.industry}\u0000${row.sizeBand}`;
    let found = byAtom.get(key);
    if (!found) {
      found = accumulators.filter((a) => inSegment(a.segment)(row));
      byAtom.set(key, found);
    }
    return found;
  };
  const itemIds = new Set<string>();
  for (const row of base.itemCounts) {
    itemIds.add(row.itemId);
    for (const acc of holding(row)) {
      let entry = acc.items.get(row.itemId);
      if (!entry) {
        entry = { itemId: row.itemId, chapter: row.chapter, counts: emptyCounts() };
        acc.items.set(row.itemId, entry);
      }
      entry.counts[row.result] += row.firms;
    }
  }
  const byResponse = new Map<string, FirmChapterCounts[]>();
  for (const row of base.firmChapters) {
    const rows = byResponse.get(row.response);
    if (rows) rows.push(row);
    else byResponse.set(row.response, [row]);
  }
  for (const rows of byResponse.values()) {
    const rates = rows.map((row) => complianceRate(row.counts));
    const overall = complianceRate(sum(rows));
    for (const acc of holding(rows[0]!)) {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        let entry = acc.chapters.get(row.chapter);
        if (!entry) {
          entry = { counts: emptyCounts(), rates: [], rows: 0 };
          acc.chapters.set(row.chapter, entry);
        }
        entry.rows += 1;
        addInto(entry.counts, row.counts);
        const rate = rates[i]!;
        if (rate !== null) entry.rates.push(rate);
      }
      if (overall !== null) acc.overallRates.push(overall);
    }
  }
  const itemOrder = [...itemIds].sort((a, b) => ITEM_ORDER.compare(a, b));
  const segments = new Map<string, PreparedSegment>();
  for (const acc of accumulators) {
    const chapterRows = [...acc.chapters.entries()]
      .sort(([a], [b]) => a - b)
      .map(([chapter, entry]) => ({ chapter, ...entry, rates: sortedNumbers(entry.rates) }));
    const chapters = chapterRows.map(({ chapter, counts, rates }) => ({
      chapter,
      counts,
      rate: complianceRate(counts),
      distribution: distributionOf(rates),
    }));
    const overallCounts = sum(chapters);
    const overallRates = sortedNumbers(acc.overallRates);
    const items: Figures['items'] = [];
    for (const itemId of itemOrder) {
      const item = acc.items.get(itemId);
      if (item) items.push({ ...item, rate: complianceRate(item.counts) });
    }
    segments.set(acc.segment.key, {
      figures: {
        segment: acc.segment,
        overall: {
          counts: overallCounts,
          rate: complianceRate(overallCounts),
          distribution: distributionOf(overallRates),
        },
        chapters,
        items,
      },
      chapters: new Map(chapterRows.map(({ chapter, rates, rows }) => [chapter, { rates, rows }])),
      overallRates,
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
