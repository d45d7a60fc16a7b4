import { type AtomMask, exposedGroup, inSpan, spanBasis } from './linear-attack.js';

/** Small-cell threshold: shown only when at least k firms contribute. */
export const DEFAULT_K = 5;
export const MINIMUM_K = 3;

/** A configured k, never below the floor (a lower value would let two colluding firms single out a third). */
export function effectiveK(configured: number | null | undefined): number {
  if (configured === null || configured === undefined || !Number.isFinite(configured)) return DEFAULT_K;
  return Math.max(MINIMUM_K, Math.floor(configured));
}

export const SIZE_BANDS = ['small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
/** Firms the association has not put in a band yet form their own band, so totals still add up. */
export const UNASSIGNED_BAND = 'unassigned';

/** Firms that submitted, per industry × size band: the atoms every published segment is a union of. */
export interface Atom {
  industry: string;
  sizeBand: string;
  firms: number;
}

export type SegmentKey = string;

export interface Segment {
  key: SegmentKey;
  kind: 'all' | 'industry' | 'size' | 'cell';
  industry: string | null;
  sizeBand: string | null;
  firms: number;
}

export type SuppressionReason = 'below_k' | 'complementary';

export interface SuppressionPlan {
  k: number;
  segments: Segment[];
  /** Segments whose figures must not be shown, and why. */
  suppressed: Map<SegmentKey, SuppressionReason>;
}

export const segmentKey = (kind: Segment['kind'], industry: string | null, sizeBand: string | null) =>
  kind === 'all'
    ? 'all'
    : kind === 'industry'
      ? `industry:${industry}`
      : kind === 'size'
        ? `size:${sizeBand}`
        : `cell:${industry}|${sizeBand}`;

interface Built extends Segment {
  mask: AtomMask;
}

function buildSegments(atoms: readonly Atom[], withCells: boolean): Built[] {
  const industries = [...new Set(atoms.map((a) => a.industry))].sort();
  const bands = [...new Set(atoms.map((a) => a.sizeBand))].sort();
  const maskWhere = (test: (a: Atom) => boolean) =>
    atoms.reduce((m, a, i) => (test(a) ? m | (1 << i) : m), 0);
  const firmsIn = (mask: AtomMask) => atoms.reduce((n, a, i) => ((mask >> i) & 1 ? n + a.firms : n), 0);
  const make = (kind: Segment['kind'], industry: string | null, sizeBand: string | null, mask: AtomMask) => ({
    key: segmentKey(kind, industry, sizeBand),
    kind,
    industry,
    sizeBand,
    firms: firmsIn(mask),
    mask,
  });
  const out: Built[] = [
    make(
      'all',
      null,
      null,
      maskWhere(() => true),
    ),
  ];
  for (const industry of industries)
    out.push(
      make(
        'industry',
        industry,
        null,
        maskWhere((a) => a.industry === industry),
      ),
    );
  for (const band of bands)
    out.push(
      make(
        'size',
        null,
        band,
        maskWhere((a) => a.sizeBand === band),
      ),
    );
  if (withCells)
    atoms.forEach((a, i) => {
      out.push(make('cell', a.industry, a.sizeBand, 1 << i));
    });
  return out;
}

/**
 * Which segments may be shown. Primary suppression hides every segment with 1 … k−1 firms. Complementary
 * suppression then hides more, smallest first, until no group of 1 … k−1 firms can be worked out from what
 * is shown: not from a total minus its other parts, not from two overlapping segments that differ by a few
 * firms, not from any other sum or difference of shown figures (checked exactly: see linear-attack.ts).
 * Empty segments show as 0 firms; they expose nobody.
 */
export function planSuppression(
  input: readonly Atom[],
  k: number,
  options: { withCells?: boolean } = {},
): SuppressionPlan {
  const atoms = input.filter((a) => a.firms > 0);
  if (atoms.length > 16) throw new RangeError('at most 16 industry × size-band combinations');
  const segments = buildSegments(atoms, options.withCells ?? true);
  const suppressed = new Map<SegmentKey, SuppressionReason>();
  for (const s of segments) if (s.firms > 0 && s.firms < k) suppressed.set(s.key, 'below_k');
  const firms = atoms.map((a) => a.firms);
  // Segments covering the same firms show the same figures: they are shown or hidden together.
  const sameFirms = (a: Built) => segments.filter((s) => s.mask === a.mask);
  for (const s of segments)
    if (suppressed.has(s.key))
      for (const twin of sameFirms(s)) suppressed.set(twin.key, suppressed.get(s.key)!);
  for (;;) {
    const shown = segments.filter((s) => !suppressed.has(s.key) && s.firms > 0);
    const exposed = exposedGroup(
      shown.map((s) => s.mask),
      firms,
      k,
    );
    if (exposed === null) break;
    const victim = chooseVictim(shown, exposed, atoms.length);
    if (!victim) break;
    for (const twin of sameFirms(victim)) suppressed.set(twin.key, 'complementary');
  }
  return {
    k,
    segments: segments.map(({ mask: _mask, ...segment }) => segment),
    suppressed,
  };
}

/**
 * The segment to hide next: the smallest one (never the total while another would do) whose removal alone
 * takes the exposed group out of reach; failing that, the smallest one touching the group.
 */
function chooseVictim(shown: readonly Built[], exposed: AtomMask, atoms: number): Built | undefined {
  const total = shown.find((s) => s.kind === 'all')?.mask;
  const order = [...shown].sort(
    (a, b) => Number(a.mask === total) - Number(b.mask === total) || a.firms - b.firms,
  );
  const resolves = order.find((candidate) => {
    const rest = shown.filter((s) => s.mask !== candidate.mask).map((s) => s.mask);
    return !inSpan(exposed, spanBasis(rest, atoms), atoms);
  });
  return resolves ?? order.find((s) => (s.mask & exposed) !== 0);
}
