import { calendarDateAt } from '../../../platform/clock.js';
import type { ParticipantStatus } from './participant-status.js';

/** The statuses an association can remind: a member that has submitted is never reminded. */
export const REMINDABLE_STATUSES = ['not_started', 'in_progress', 'late'] as const;
export type RemindableStatus = (typeof REMINDABLE_STATUSES)[number];

export interface ReminderCandidate {
  participantId: string;
  status: ParticipantStatus;
  /** When the participant was last reminded (an instant), if ever. */
  lastRemindedAt: string | null;
}

export interface ReminderPlan {
  /** To remind now. */
  remind: ReminderCandidate[];
  /** In a chosen status but already reminded today (Taipei): not mailed again. */
  alreadyToday: ReminderCandidate[];
}

/**
 * Who to remind: the participants in one of the chosen statuses, once per participant and calendar day in
 * Taipei. Submitted participants are left out whatever is chosen.
 */
export function planReminders(
  candidates: ReminderCandidate[],
  statuses: readonly RemindableStatus[],
  today: string,
): ReminderPlan {
  const wanted = new Set<ParticipantStatus>(statuses.filter((s) => REMINDABLE_STATUSES.includes(s)));
  const plan: ReminderPlan = { remind: [], alreadyToday: [] };
  for (const c of candidates) {
    if (c.status === 'submitted' || !wanted.has(c.status)) continue;
    const reminded = c.lastRemindedAt !== null && calendarDateAt(new Date(c.lastRemindedAt)) === today;
    (reminded ? plan.alreadyToday : plan.remind).push(c);
  }
  return plan;
}

/**
 * The outbox key that makes a participant's reminder one per day and recipient, across requests and
 * instances (the outbox keys mail per organisation, so the recipient is part of it).
 */
export function reminderDedupeKey(participantId: string, today: string, userId: string): string {
  return `campaign-reminder:${participantId}:${today}:${userId}`;
}
