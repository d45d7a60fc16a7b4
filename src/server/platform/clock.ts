/**
 * Where "now" comes from for anything time-driven (the scheduler, reminders, expiries). Production uses
 * the system clock; tests pass a clock they move forward, so no test sleeps.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Jianhe's calendar: due dates, schedules and reminders are days in Taiwan. */
export const CALENDAR_TIME_ZONE = 'Asia/Taipei';

const taipeiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: CALENDAR_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) in Asia/Taipei at `at`. */
export function calendarDateAt(at: Date): string {
  return taipeiDate.format(at);
}

/** Whole days from calendar date `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
