import { describe, expect, it } from 'vitest';
import { complianceRate, distributionOf, quantile } from './distribution.js';
import { exposedGroup } from './linear-attack.js';
import { participantStatus } from './participant-status.js';
import { type Atom, DEFAULT_K, effectiveK, planSuppression, type SuppressionPlan } from './suppression.js';

const shown = (plan: SuppressionPlan) =>
  plan.segments.filter((s) => !plan.suppressed.has(s.key) && s.firms > 0);

/**
 * The outsider's best effort, written independently of the planner: every published figure is a count over a
 * union of atoms, so subtract and add them in every way (closure under nested difference and disjoint union)
 * and report any group of 1 … k−1 firms that comes out.
 */
function differencingAttack(plan: SuppressionPlan, atoms: readonly Atom[]): number[] {
  const live = atoms.filter((a) => a.firms > 0);
  const maskOf = (s: SuppressionPlan['segments'][number]) =>
    live.reduce(
      (m, a, i) =>
        s.kind === 'all' ||
        (s.kind === 'industry' && a.industry === s.industry) ||
        (s.kind === 'size' && a.sizeBand === s.sizeBand) ||
        (s.kind === 'cell' && a.industry === s.industry && a.sizeBand === s.sizeBand)
          ? m | (1 << i)
          : m,
      0,
    );
  const known = new Set(shown(plan).map(maskOf));
  let grew = true;
  while (grew) {
    grew = false;
    const list = [...known];
    for (const a of list)
      for (const b of list) {
        const derived = [(a & b) === b && a !== b ? a & ~b : 0, (a & b) === 0 ? a | b : 0];
        for (const d of derived)
          if (d && !known.has(d)) {
            known.add(d);
            grew = true;
          }
      }
  }
  const firmsIn = (mask: number) => live.reduce((n, a, i) => ((mask >> i) & 1 ? n + a.firms : n), 0);
  return [...known].map(firmsIn).filter((n) => n > 0 && n < plan.k);
}

/** A small deterministic PRNG, so a failing configuration can be replayed. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('k', () => {
  it('defaults to 5, follows the configuration, and is never below 3', () => {
    expect(effectiveK(undefined)).toBe(DEFAULT_K);
    expect(effectiveK(null)).toBe(5);
    expect(effectiveK(8)).toBe(8);
    expect(effectiveK(2)).toBe(3);
    expect(effectiveK(0)).toBe(3);
    expect(effectiveK(Number.NaN)).toBe(5);
  });
});

describe('small-cell suppression', () => {
  it('hides a segment of k − 1 firms and shows one of k', () => {
    const atoms: Atom[] = [
      { industry: 'securities', sizeBand: 'large', firms: 4 },
      { industry: 'futures', sizeBand: 'large', firms: 5 },
    ];
    const plan = planSuppression(atoms, 5);
    expect(plan.suppressed.get('industry:securities')).toBe('below_k');
    expect(plan.suppressed.has('industry:futures')).toBe(true); // else total − futures = securities
    expect(differencingAttack(plan, atoms)).toEqual([]);
  });

  it('hides everything when the whole campaign has fewer than k firms', () => {
    const plan = planSuppression([{ industry: 'securities', sizeBand: 'small', firms: 4 }], 5);
    expect(shown(plan)).toEqual([]);
  });

  it('complements a lone suppressed part so the total minus the others does not give it away', () => {
    const atoms: Atom[] = [
      { industry: 'securities', sizeBand: 'unassigned', firms: 40 },
      { industry: 'futures', sizeBand: 'unassigned', firms: 2 },
      { industry: 'investment_trust_advisory', sizeBand: 'unassigned', firms: 10 },
    ];
    const plan = planSuppression(atoms, 5);
    expect(plan.suppressed.get('industry:futures')).toBe('below_k');
    // total − securities − trust would be futures: one more part is hidden, the smallest that works.
    expect(plan.suppressed.get('industry:investment_trust_advisory')).toBe('complementary');
    expect(plan.suppressed.has('all')).toBe(false);
    expect(plan.suppressed.has('industry:securities')).toBe(false);
    expect(differencingAttack(plan, atoms)).toEqual([]);
  });

  it('defeats the differencing attack on two overlapping segments that differ by one firm', () => {
    // Every large firm is a securities firm, and one securities firm is small: "securities" − "large" would
    // be that one firm's answers.
    const atoms: Atom[] = [
      { industry: 'securities', sizeBand: 'large', firms: 9 },
      { industry: 'securities', sizeBand: 'small', firms: 1 },
      { industry: 'futures', sizeBand: 'small', firms: 12 },
    ];
    const naive = ['all', 'industry:securities', 'size:large'];
    const plan = planSuppression(atoms, 5);
    expect(naive.some((key) => plan.suppressed.has(key))).toBe(true);
    expect(differencingAttack(plan, atoms)).toEqual([]);
    // The attack works when only the primary rule is applied: the test can tell.
    const primaryOnly: SuppressionPlan = {
      ...plan,
      suppressed: new Map([...plan.suppressed].filter(([, reason]) => reason === 'below_k')),
    };
    expect(differencingAttack(primaryOnly, atoms)).toContain(1);
  });

  it('leaves no group of fewer than k firms derivable, over many random memberships', () => {
    const random = prng(20_261_201);
    const industries = ['securities', 'futures', 'investment_trust_advisory'];
    const bands = ['small', 'medium', 'large'];
    for (let round = 0; round < 150; round++) {
      const k = 3 + Math.floor(random() * 4);
      const atoms: Atom[] = [];
      for (const industry of industries)
        for (const sizeBand of bands) {
          const roll = random();
          atoms.push({
            industry,
            sizeBand,
            firms: roll < 0.3 ? 0 : roll < 0.6 ? 1 + Math.floor(random() * k) : Math.floor(random() * 30),
          });
        }
      const plan = planSuppression(atoms, k);
      const leaks = differencingAttack(plan, atoms);
      if (leaks.length) throw new Error(`round ${round}: ${JSON.stringify(atoms)} k=${k} leaks ${leaks}`);
      const live = atoms.filter((a) => a.firms > 0);
      const byKey = new Map(plan.segments.map((s) => [s.key, s]));
      for (const s of shown(plan)) expect(s.firms).toBeGreaterThanOrEqual(k);
      expect(
        exposedGroup(
          [],
          live.map((a) => a.firms),
          k,
        ),
      ).toBeNull();
      expect(byKey.get('all')!.firms).toBe(live.reduce((n, a) => n + a.firms, 0));
    }
  });

  it('keeps everything when every cell is large enough', () => {
    const atoms: Atom[] = [
      { industry: 'securities', sizeBand: 'large', firms: 20 },
      { industry: 'securities', sizeBand: 'small', firms: 7 },
      { industry: 'futures', sizeBand: 'large', firms: 6 },
      { industry: 'futures', sizeBand: 'small', firms: 9 },
    ];
    expect(planSuppression(atoms, 5).suppressed.size).toBe(0);
  });
});

describe('rates and distributions', () => {
  it('scores like the assessments do and leaves 不適用 out', () => {
    expect(
      complianceRate({ compliant: 2, partially_compliant: 2, non_compliant: 0, not_applicable: 5 }),
    ).toBe(0.75);
    expect(
      complianceRate({ compliant: 0, partially_compliant: 0, non_compliant: 0, not_applicable: 3 }),
    ).toBe(null);
  });
  it('uses continuous quantiles and tenths for the histogram', () => {
    expect(quantile([0.1, 0.2, 0.3, 0.4], 0.5)).toBeCloseTo(0.25);
    const d = distributionOf([1, 0, 0.55, 0.5])!;
    expect(d).toMatchObject({ n: 4, min: 0, max: 1, median: 0.525 });
    expect(d.histogram[0]).toBe(1);
    expect(d.histogram[5]).toBe(2);
    expect(d.histogram[9]).toBe(1);
    expect(distributionOf([])).toBeNull();
  });
});

describe('participant status', () => {
  const deadline = '2026-12-31';
  it('moves from not started to in progress to submitted, and is late past the deadline', () => {
    expect(participantStatus({ startedAt: null, submittedAt: null }, deadline, '2026-12-01')).toBe(
      'not_started',
    );
    expect(participantStatus({ startedAt: 'x', submittedAt: null }, deadline, '2026-12-31')).toBe(
      'in_progress',
    );
    expect(participantStatus({ startedAt: 'x', submittedAt: null }, deadline, '2027-01-01')).toBe('late');
    expect(participantStatus({ startedAt: null, submittedAt: null }, deadline, '2027-01-01')).toBe('late');
    expect(participantStatus({ startedAt: 'x', submittedAt: 'y' }, deadline, '2027-02-01')).toBe('submitted');
  });
});
