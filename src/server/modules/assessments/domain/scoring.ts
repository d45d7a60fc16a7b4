import type { AssessmentResult } from './results.js';

/**
 * Compliance scoring rule (documented in docs/assessments.md):
 * - items out of scope and items answered 不適用 are excluded entirely;
 * - every other applicable item is in the denominator, including 未評 (which scores 0), so the rate
 *   never looks better than the evidence gathered so far;
 * - 符合 scores 1, 部分符合 0.5, 不符合 0.
 * The SQL aggregate in the repository implements the same rule; a test keeps the two in step.
 */
export const RESULT_WEIGHT: Record<AssessmentResult, number | null> = {
  compliant: 1,
  partially_compliant: 0.5,
  non_compliant: 0,
  not_assessed: 0,
  not_applicable: null,
};

export interface ScoredItem {
  applicable: boolean;
  result: AssessmentResult;
}

export interface Score {
  /** Items in the denominator. */
  scored: number;
  /** Sum of weights. */
  points: number;
  /** points / scored, or null when nothing is scored. */
  rate: number | null;
}

export function complianceScore(items: readonly ScoredItem[]): Score {
  let scored = 0;
  let points = 0;
  for (const item of items) {
    const weight = RESULT_WEIGHT[item.result];
    if (!item.applicable || weight === null) continue;
    scored += 1;
    points += weight;
  }
  return { scored, points, rate: scored === 0 ? null : points / scored };
}

export interface Progress {
  applicable: number;
  assessed: number;
  /** assessed / applicable in [0, 1]; 1 when nothing is applicable. */
  ratio: number;
}

export function progressOf(items: readonly ScoredItem[]): Progress {
  const applicable = items.filter((i) => i.applicable);
  const assessed = applicable.filter((i) => i.result !== 'not_assessed').length;
  return {
    applicable: applicable.length,
    assessed,
    ratio: applicable.length === 0 ? 1 : assessed / applicable.length,
  };
}
