import { daysBetween } from '../../../platform/clock.js';

/** Reminders before a due date, in days (issue 13): 30, 7 and 1 day before, then once on becoming overdue. */
export const REMINDER_OFFSETS = [30, 7, 1] as const;

export type ReminderOffset = (typeof REMINDER_OFFSETS)[number] | 'overdue';

/**
 * Which reminder is due for a date `dueOn` seen on `today`: the smallest offset not below the days left
 * (so a day the job did not run still gets the reminder that was due), `overdue` once past the date, and
 * none while more than 30 days remain. The reminder's key includes the offset, so each is sent once.
 */
export function reminderDue(dueOn: string, today: string): ReminderOffset | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return 'overdue';
  for (const offset of [...REMINDER_OFFSETS].reverse()) if (left <= offset) return offset;
  return null;
}
