export const PARTICIPANT_STATUSES = ['not_started', 'in_progress', 'submitted', 'late'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/**
 * A member's place on the association's board. 逾期 (late) once the deadline (a calendar date in Taipei,
 * inclusive) has passed without a submission; a submission after the deadline still counts as submitted.
 */
export function participantStatus(
  p: { startedAt: string | null; submittedAt: string | null },
  deadline: string,
  today: string,
): ParticipantStatus {
  if (p.submittedAt) return 'submitted';
  if (today > deadline) return 'late';
  return p.startedAt ? 'in_progress' : 'not_started';
}
