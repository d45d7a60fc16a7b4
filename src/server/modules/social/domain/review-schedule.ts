import { addMonths, daysBetween } from '../../providers/domain/calendar-date.js';

export type ReviewState = 'ok' | 'due_soon' | 'overdue';

/** Days before a due date from which a review shows as due soon. */
export const DUE_SOON_DAYS = 30;

/** When a review made on `reviewedOn` falls due again, and how it stands `today`. */
export function reviewSchedule(
  reviewedOn: string,
  intervalMonths: number,
  today: string,
): { nextDueOn: string; state: ReviewState } {
  const nextDueOn = addMonths(reviewedOn, intervalMonths);
  const days = daysBetween(today, nextDueOn);
  return { nextDueOn, state: days < 0 ? 'overdue' : days <= DUE_SOON_DAYS ? 'due_soon' : 'ok' };
}
