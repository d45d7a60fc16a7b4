import {
  complianceRate,
  type Distribution,
  distributionOf,
  emptyCounts,
  type ResponseResult,
  type ResultCounts,
} from './distribution.js';
import type { Atom, Segment, SuppressionPlan, SuppressionReason } from './suppression.js';

/** How many firms in one atom gave one result on one item (one SQL group). */
export interface AtomItemCount {
  industry: string;
  sizeBand: string;
  itemId: string;
  chapter: number;
  result: ResponseResult;
  firms: number;
}

/**
 * One firm's result counts in one chapter. `response` is the sealed response's id: it stays in the server
 * (to leave the viewing firm out of its peers) and never appears in anything published.
 */
export interface FirmChapterCounts {
  response: string;
  industry: string;
  sizeBand: string;
  chapter: number;
  counts: ResultCounts;
}

/** Everything the figures are made from: a handful of SQL groups per campaign, no per-firm answers. */
export interface AggregateBase {
  atoms: Atom[];
  itemCounts: AtomItemCount[];
  firmChapters: FirmChapterCounts[];
}

export interface Figures {
  counts: ResultCounts;
  rate: number | null;
  /** Spread of the firms' own rates. */
  distribution: Distribution | null;
}

export interface SegmentFigures {
  segment: Segment;
  shown: boolean;
  reason: SuppressionReason | null;
  /** Null when hidden: neither the figures nor the number of firms behind them are shown. */
  firms: number | null;
  overall: Figures | null;
  chapters: Array<{ chapter: number } & Figures>;
  items: Array<{ itemId: string; chapter: number; counts: ResultCounts; rate: number | null }>;
}

/** item-2 before item-10; one collator (building one per comparison costs more than the whole figure). */
export const ITEM_ORDER = new Intl.Collator('en', { numeric: true });

const inSegment = (segment: Segment) => (row: { industry: string; sizeBand: string }) =>
  (segment.industry === null || segment.industry === row.industry) &&
  (segment.sizeBand === null || segment.sizeBand === row.sizeBand);

function add(into: ResultCounts, from: ResultCounts): void {
  for (const key of Object.keys(into) as ResponseResult[]) into[key] += from[key];
}

/** Per-firm rate over several chapters' counts (null when the firm scored nothing there). */
function firmRates(rows: readonly FirmChapterCounts[]) {
  const byFirm = new Map<string, ResultCounts>();
  for (const row of rows) {
    const counts = byFirm.get(row.response) ?? emptyCounts();
    add(counts, row.counts);
    byFirm.set(row.response, counts);
  }
  return [...byFirm.values()].map(complianceRate).filter((r): r is number => r !== null);
}

/** The figures of one segment from the base (the caller decides whether they may be shown). */
export function segmentFigures(
  base: AggregateBase,
  segment: Segment,
): Omit<SegmentFigures, 'shown' | 'reason' | 'firms'> {
  const within = inSegment(segment);
  const items = new Map<string, { itemId: string; chapter: number; counts: ResultCounts }>();
  for (const row of base.itemCounts.filter(within)) {
    const entry = items.get(row.itemId) ?? {
      itemId: row.itemId,
      chapter: row.chapter,
      counts: emptyCounts(),
    };
    entry.counts[row.result] += row.firms;
    items.set(row.itemId, entry);
  }
  const firmRows = base.firmChapters.filter(within);
  // One pass: each chapter's summed counts and its firms' own rates.
  const byChapter = new Map<number, { counts: ResultCounts; rates: number[] }>();
  for (const row of firmRows) {
    const entry = byChapter.get(row.chapter) ?? { counts: emptyCounts(), rates: [] };
    add(entry.counts, row.counts);
    const rate = complianceRate(row.counts);
    if (rate !== null) entry.rates.push(rate);
    byChapter.set(row.chapter, entry);
  }
  const chapters = [...byChapter.entries()]
    .sort(([a], [b]) => a - b)
    .map(([chapter, { counts, rates }]) => ({
      chapter,
      counts,
      rate: complianceRate(counts),
      distribution: distributionOf(rates),
    }));
  const overallCounts = emptyCounts();
  for (const c of chapters) add(overallCounts, c.counts);
  const overallRates = firmRates(firmRows);
  return {
    segment,
    overall: {
      counts: overallCounts,
      rate: complianceRate(overallCounts),
      distribution: distributionOf(overallRates),
    },
    chapters,
    items: [...items.values()]
      .sort((a, b) => ITEM_ORDER.compare(a.itemId, b.itemId))
      .map((i) => ({ ...i, rate: complianceRate(i.counts) })),
  };
}

/** Every segment of the plan, figures only where the plan shows it. */
export function publishAggregates(
  base: AggregateBase,
  plan: SuppressionPlan,
  /** Figures computed beforehand (peer-figures.ts); computed here when absent. */
  computed?: (segment: Segment) => Omit<SegmentFigures, 'shown' | 'reason' | 'firms'> | undefined,
): SegmentFigures[] {
  return plan.segments.map((segment) => {
    const reason = plan.suppressed.get(segment.key) ?? null;
    if (reason) return { segment, shown: false, reason, firms: null, overall: null, chapters: [], items: [] };
    const figures = computed?.(segment) ?? segmentFigures(base, segment);
    return { ...figures, shown: true, reason: null, firms: segment.firms };
  });
}

/**
 * The base without one firm's response (its peers): item counts less its own results, its chapter rows
 * dropped, its atom one firm smaller.
 */
export function withoutResponse(
  base: AggregateBase,
  own: {
    response: string;
    industry: string;
    sizeBand: string;
    items: ReadonlyArray<{ itemId: string; result: ResponseResult }>;
  },
): AggregateBase {
  const ownResult = new Map(own.items.map((i) => [i.itemId, i.result]));
  return {
    atoms: base.atoms.map((a) =>
      a.industry === own.industry && a.sizeBand === own.sizeBand ? { ...a, firms: a.firms - 1 } : a,
    ),
    itemCounts: base.itemCounts.map((row) =>
      row.industry === own.industry &&
      row.sizeBand === own.sizeBand &&
      ownResult.get(row.itemId) === row.result
        ? { ...row, firms: row.firms - 1 }
        : row,
    ),
    firmChapters: base.firmChapters.filter((row) => row.response !== own.response),
  };
}
