/**
 * The differencing attacker, exactly: published counts are linear in the firms they cover, so anything an
 * outsider can work out from published segments is a rational linear combination of their indicator vectors
 * over the atoms (industry × size band). A group of firms is exposed when its indicator lies in that span.
 */

/** A set of atoms as a bit mask (atom i ↔ bit i). */
export type AtomMask = number;

/** Row-reduced basis of the span of the given masks, as rational rows (numbers; the values stay small). */
export function spanBasis(masks: readonly AtomMask[], atoms: number): number[][] {
  const basis: number[][] = [];
  const pivots: number[] = [];
  for (const mask of masks) {
    const row = vectorOf(mask, atoms);
    reduce(row, basis, pivots);
    const pivot = row.findIndex((v) => Math.abs(v) > 1e-9);
    if (pivot === -1) continue;
    const scale = row[pivot]!;
    for (let i = 0; i < atoms; i++) row[i] = row[i]! / scale;
    // Keep the basis fully reduced so membership is one pass.
    for (const other of basis) {
      const factor = other[pivot]!;
      if (Math.abs(factor) > 1e-9) for (let i = 0; i < atoms; i++) other[i] = other[i]! - factor * row[i]!;
    }
    basis.push(row);
    pivots.push(pivot);
  }
  return basis;
}

function vectorOf(mask: AtomMask, atoms: number): number[] {
  return Array.from({ length: atoms }, (_, i) => ((mask >> i) & 1 ? 1 : 0));
}

function reduce(row: number[], basis: readonly number[][], pivots: readonly number[]): void {
  basis.forEach((b, index) => {
    const factor = row[pivots[index]!]!;
    if (Math.abs(factor) > 1e-9) for (let i = 0; i < row.length; i++) row[i] = row[i]! - factor * b[i]!;
  });
}

export function inSpan(mask: AtomMask, basis: readonly number[][], atoms: number): boolean {
  const row = vectorOf(mask, atoms);
  const pivots = basis.map((b) => b.findIndex((v) => Math.abs(v) > 1e-9));
  reduce(row, basis, pivots);
  return row.every((v) => Math.abs(v) < 1e-9);
}

/**
 * The smallest group of firms (0 < n < k) that the published masks expose, or null. Atoms without firms
 * are dropped first (an empty atom reveals nothing and only multiplies the candidates).
 */
export function exposedGroup(
  published: readonly AtomMask[],
  firms: readonly number[],
  k: number,
): AtomMask | null {
  const live = firms.map((n, i) => (n > 0 ? i : -1)).filter((i) => i >= 0);
  const compact = (mask: AtomMask) => live.reduce((m, atom, j) => ((mask >> atom) & 1 ? m | (1 << j) : m), 0);
  const basis = spanBasis(published.map(compact), live.length);
  // Only groups below k matter, and adding an atom never shrinks a group: a depth-first walk over atoms
  // stops as soon as a group reaches k, so realistic campaigns (most atoms ≥ k) check a handful of groups.
  let worst: { mask: AtomMask; n: number } | null = null;
  const walk = (from: number, mask: AtomMask, n: number) => {
    for (let j = from; j < live.length; j++) {
      const grown = n + firms[live[j]!]!;
      if (grown >= k) continue;
      const candidate = mask | (1 << j);
      if ((!worst || grown < worst.n) && inSpan(candidate, basis, live.length))
        worst = { mask: candidate, n: grown };
      walk(j + 1, candidate, grown);
    }
  };
  walk(0, 0, 0);
  if (!worst) return null;
  const found: AtomMask = (worst as { mask: AtomMask }).mask;
  return live.reduce((m, atom, j) => ((found >> j) & 1 ? m | (1 << atom) : m), 0);
}
