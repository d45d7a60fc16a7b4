import { describe, expect, it } from 'vitest';
import { addMonths, nextOccurrence } from './recurrence.js';
import { reminderDue } from './reminder-offsets.js';

describe('recurrence', () => {
  it('counts intervals from the current due date, clamping month ends', () => {
    expect(nextOccurrence({ kind: 'interval', every: 10, unit: 'day' }, '2026-12-25')).toBe('2027-01-04');
    expect(nextOccurrence({ kind: 'interval', every: 2, unit: 'week' }, '2026-03-02')).toBe('2026-03-16');
    expect(nextOccurrence({ kind: 'interval', every: 1, unit: 'month' }, '2026-01-31')).toBe('2026-02-28');
    expect(nextOccurrence({ kind: 'interval', every: 12, unit: 'month' }, '2027-02-28')).toBe('2028-02-28');
    expect(nextOccurrence({ kind: 'interval', every: 1, unit: 'year' }, '2028-02-29')).toBe('2029-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('finds the next given weekday or day of given months, and ends after until', () => {
    // 2026-03-06 is a Friday; Mondays and Wednesdays follow.
    expect(nextOccurrence({ kind: 'weekdays', weekdays: [1, 3] }, '2026-03-06')).toBe('2026-03-09');
    expect(nextOccurrence({ kind: 'months', months: [3, 9], day: 31 }, '2026-03-31')).toBe('2026-09-30');
    expect(nextOccurrence({ kind: 'months', months: [3, 9], day: 31 }, '2026-09-30')).toBe('2027-03-31');
    expect(
      nextOccurrence({ kind: 'interval', every: 6, unit: 'month', until: '2026-12-31' }, '2026-09-01'),
    ).toBeNull();
  });
});

describe('which reminder is due', () => {
  it('is the smallest offset not below the days left, then overdue once past', () => {
    expect(reminderDue('2026-06-30', '2026-05-30')).toBeNull();
    expect(reminderDue('2026-06-30', '2026-05-31')).toBe(30);
    expect(reminderDue('2026-06-30', '2026-06-22')).toBe(30);
    expect(reminderDue('2026-06-30', '2026-06-23')).toBe(7);
    expect(reminderDue('2026-06-30', '2026-06-29')).toBe(1);
    expect(reminderDue('2026-06-30', '2026-06-30')).toBe(1);
    expect(reminderDue('2026-06-30', '2026-07-01')).toBe('overdue');
  });
});
