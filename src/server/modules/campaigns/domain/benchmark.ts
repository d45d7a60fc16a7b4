import { type AggregateBase, type SegmentFigures, segmentFigures, withoutResponse } from './aggregates.js';
import { complianceRate, emptyCounts, type ResponseResult } from './distribution.js';
import { type PreparedBase, peerFigures } from './peer-figures.js';
import type { SuppressionPlan } from './suppression.js';

export interface OwnResponse {
  response: string;
  industry: string;
  sizeBand: string;
  items: ReadonlyArray<{ itemId: string; chapter: number; result: ResponseResult }>;
}

export interface OwnFigures {
  rate: number | null;
  chapters: Array<{ chapter: number; rate: number | null }>;
  items: Array<{ itemId: string; chapter: number; result: ResponseResult }>;
}

export interface MemberBenchmark {
  k: number;
  /** Null until the firm has submitted: it then sees its peers only. */
  own: OwnFigures | null;
  /** The firm's own segments (everyone, its industry, its size band, both), each without the firm itself. */
  peers: SegmentFigures[];
}

const countsOf = (items: OwnResponse['items']) => {
  const counts = emptyCounts();
  for (const item of items) counts[item.result] += 1;
  return counts;
};

function ownFigures(own: OwnResponse): OwnFigures {
  const chapters = [...new Set(own.items.map((i) => i.chapter))].sort((a, b) => a - b);
  return {
    rate: complianceRate(countsOf(own.items)),
    chapters: chapters.map((chapter) => ({
      chapter,
      rate: complianceRate(countsOf(own.items.filter((i) => i.chapter === chapter))),
    })),
    items: [...own.items],
  };
}

/**
 * What a member sees: its own results beside its peers'. Peers are the segment's other firms. A peer
 * figure is shown only when the association-wide plan shows that segment (so differences between two
 * peer figures are differences the plan already guards) and at least k firms remain without the viewer.
 */
export function memberBenchmark(
  base: AggregateBase,
  plan: SuppressionPlan,
  own: OwnResponse | null,
  segmentOf: { industry: string; sizeBand: string },
  prepared?: PreparedBase,
): MemberBenchmark {
  // The base less the firm, built only when the prepared figures cannot answer (see peer-figures.ts).
  let peersBase: AggregateBase | undefined = own ? undefined : base;
  const figuresOf = (segment: SuppressionPlan['segments'][number]) => {
    const fast = own && prepared ? peerFigures(prepared, segment, own) : undefined;
    if (fast) return fast;
    peersBase ??= withoutResponse(base, own!);
    return segmentFigures(peersBase, segment);
  };
  const where = own ?? segmentOf;
  const mine = plan.segments.filter(
    (s) =>
      (s.industry === null || s.industry === where.industry) &&
      (s.sizeBand === null || s.sizeBand === where.sizeBand),
  );
  const peers = mine.map((segment): SegmentFigures => {
    const firms = segment.firms - (own ? 1 : 0);
    const reason = plan.suppressed.get(segment.key) ?? (firms < plan.k ? 'below_k' : null);
    const peerSegment = { ...segment, firms };
    if (reason)
      return {
        segment: peerSegment,
        shown: false,
        reason,
        firms: null,
        overall: null,
        chapters: [],
        items: [],
      };
    return { ...figuresOf(peerSegment), shown: true, reason: null, firms };
  });
  return { k: plan.k, own: own ? ownFigures(own) : null, peers };
}
