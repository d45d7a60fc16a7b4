/**
 * One schedule model for every periodic duty (provider audits Art. 4.3, privacy-policy reviews Art. 11.1,
 * BYOD reviews Art. 15.1, SLA reports Art. 6.1, evidence expiry): every N days, weeks, months or years;
 * or on given weekdays; or on a day of given months; optionally ending on a date. Dates are calendar
 * dates (YYYY-MM-DD) in Asia/Taipei; these functions are pure.
 */
export type Recurrence =
  | { kind: 'interval'; every: number; unit: 'day' | 'week' | 'month' | 'year'; until?: string }
  /** 0 = Sunday … 6 = Saturday */
  | { kind: 'weekdays'; weekdays: number[]; until?: string }
  /** 1 = January … 12 = December; `day` is clamped to the month's last day. */
  | { kind: 'months'; months: number[]; day: number; until?: string };

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Months later, the day clamped to the target month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number, day?: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return format(ty, tm, Math.min(day ?? d, daysInMonth(ty, tm)));
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * The occurrence after `from` (the current due date): for an interval it is counted from `from`;
 * for weekdays and months it is the next matching calendar day. Null once past `until`.
 */
export function nextOccurrence(rule: Recurrence, from: string): string | null {
  let next: string;
  if (rule.kind === 'interval') {
    const every = Math.max(1, Math.floor(rule.every));
    next =
      rule.unit === 'day'
        ? addDays(from, every)
        : rule.unit === 'week'
          ? addDays(from, every * 7)
          : addMonths(from, rule.unit === 'month' ? every : every * 12);
  } else if (rule.kind === 'weekdays') {
    const days = new Set(rule.weekdays);
    if (days.size === 0) return null;
    next = addDays(from, 1);
    while (!days.has(weekday(next))) next = addDays(next, 1);
  } else {
    const months = new Set(rule.months);
    if (months.size === 0) return null;
    const [y, m] = parts(from);
    next = '';
    for (let step = 0; step <= 24 && !next; step += 1) {
      const candidate = addMonths(format(y, m, 1), step, rule.day);
      if (months.has(parts(candidate)[1]) && candidate > from) next = candidate;
    }
    if (!next) return null;
  }
  return rule.until && next > rule.until ? null : next;
}

export function isRecurrence(value: unknown): value is Recurrence {
  const v = value as Partial<Recurrence> | null;
  if (!v || typeof v !== 'object') return false;
  if (v.kind === 'interval') return Number.isInteger(v.every) && v.every! >= 1 && v.every! <= 1000;
  if (v.kind === 'weekdays') return Array.isArray(v.weekdays) && v.weekdays.every((d) => d >= 0 && d <= 6);
  if (v.kind === 'months')
    return (
      Array.isArray(v.months) &&
      v.months.every((m) => m >= 1 && m <= 12) &&
      Number.isInteger(v.day) &&
      v.day! >= 1 &&
      v.day! <= 31
    );
  return false;
}
