/** Results a sealed response carries (未評 cannot occur: only approved assessments are submitted). */
export const RESPONSE_RESULTS = [
  'compliant',
  'partially_compliant',
  'non_compliant',
  'not_applicable',
] as const;
export type ResponseResult = (typeof RESPONSE_RESULTS)[number];

export type ResultCounts = Record<ResponseResult, number>;

export const emptyCounts = (): ResultCounts => ({
  compliant: 0,
  partially_compliant: 0,
  non_compliant: 0,
  not_applicable: 0,
});

/**
 * The assessments' scoring rule (assessments/domain/scoring.ts) over counts: 符合 1, 部分符合 ½, 不符合 0,
 * 不適用 left out; null when nothing is scored.
 */
export function complianceRate(counts: ResultCounts): number | null {
  const scored = counts.compliant + counts.partially_compliant + counts.non_compliant;
  return scored === 0 ? null : (counts.compliant + counts.partially_compliant / 2) / scored;
}

export interface Distribution {
  n: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
  /** Firms per tenth of the rate scale: [0, 10%), [10%, 20%), … [90%, 100%]. */
  histogram: number[];
}

/** Linear-interpolated quantile of sorted values (the same definition as PostgreSQL's percentile_cont). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function distributionOf(rates: readonly number[]): Distribution | null {
  if (rates.length === 0) return null;
  // A typed array sorts numbers natively, with no comparator call per comparison (same order as a − b).
  const sorted = Float64Array.from(rates).sort();
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const rate of sorted) histogram[Math.min(9, Math.floor(rate * 10))]! += 1;
  return {
    n: sorted.length,
    min: sorted[0]!,
    p25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
    histogram,
  };
}
