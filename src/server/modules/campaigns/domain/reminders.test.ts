import { describe, expect, it } from 'vitest';
import { planReminders, type ReminderCandidate, reminderDedupeKey } from './reminders.js';

const candidate = (
  participantId: string,
  status: ReminderCandidate['status'],
  lastRemindedAt: string | null = null,
): ReminderCandidate => ({ participantId, status, lastRemindedAt });

describe('which members a reminder goes to', () => {
  const members = [
    candidate('a', 'not_started'),
    candidate('b', 'in_progress'),
    candidate('c', 'late'),
    candidate('d', 'submitted'),
  ];

  it('takes only the chosen statuses and never a member that has submitted', () => {
    expect(planReminders(members, ['in_progress'], '2026-06-01').remind.map((c) => c.participantId)).toEqual([
      'b',
    ]);
    const all = planReminders(members, ['not_started', 'in_progress', 'late'], '2026-06-01');
    expect(all.remind.map((c) => c.participantId)).toEqual(['a', 'b', 'c']);
    // A status outside the remindable ones is ignored even if a caller slips it in.
    const forced = planReminders(members, ['submitted' as 'late'], '2026-06-01');
    expect(forced.remind).toEqual([]);
  });

  it('counts the day in Taipei: reminded at 23:30 UTC is the next day there', () => {
    const late = [candidate('a', 'not_started', '2026-05-31T15:30:00.000Z')]; // 23:30 in Taipei, 31 May
    expect(planReminders(late, ['not_started'], '2026-05-31').alreadyToday).toHaveLength(1);
    expect(planReminders(late, ['not_started'], '2026-06-01').remind).toHaveLength(1);
    const early = [candidate('a', 'not_started', '2026-05-31T16:30:00.000Z')]; // 00:30 on 1 June in Taipei
    expect(planReminders(early, ['not_started'], '2026-06-01').alreadyToday).toHaveLength(1);
  });

  it('keys the outbox per participant, day and recipient', () => {
    expect(reminderDedupeKey('p', '2026-06-01', 'u')).not.toBe(reminderDedupeKey('p', '2026-06-01', 'v'));
    expect(reminderDedupeKey('p', '2026-06-01', 'u')).not.toBe(reminderDedupeKey('p', '2026-06-02', 'u'));
  });
});
