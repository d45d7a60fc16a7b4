import { type Clock, calendarDateAt } from '../../platform/clock.js';
import { addDays } from '../scheduler/domain/recurrence.js';
import { type ReminderOffset, reminderDue } from '../scheduler/domain/reminder-offsets.js';
import type { DueDatesRepository } from '../scheduler/due-dates.repository.js';
import { absoluteLink, registerNotificationKind } from './notification-kinds.js';
import type { NotificationsService } from './notifications.service.js';

export interface DueReminderPayload {
  title: string;
  dueOn: string;
  offset: ReminderOffset;
  link: string;
}

export const DUE_REMINDER = 'due-reminder';

registerNotificationKind<DueReminderPayload>(DUE_REMINDER, {
  category: 'reminder',
  render(p, locale, { publicUrl }) {
    const url = absoluteLink(p.link, publicUrl);
    if (locale === 'en') {
      const when = p.offset === 'overdue' ? `was due on ${p.dueOn} and is overdue` : `is due on ${p.dueOn}`;
      const title = p.offset === 'overdue' ? `Overdue: ${p.title}` : `Due in ${p.offset} day(s): ${p.title}`;
      return {
        title,
        subject: `Jianhe: ${title}`,
        text: [`“${p.title}” ${when}.`, '', url, '', 'You receive this because it is assigned to you.'].join(
          '\n',
        ),
        link: p.link,
      };
    }
    const when = p.offset === 'overdue' ? `已於 ${p.dueOn} 到期，目前逾期` : `將於 ${p.dueOn} 到期`;
    const title = p.offset === 'overdue' ? `已逾期：${p.title}` : `${p.offset} 天內到期：${p.title}`;
    return {
      title,
      subject: `檢核 Jianhe：${title}`,
      text: [`「${p.title}」${when}。`, '', url, '', '您收到此信是因為此項目指派給您。'].join('\n'),
      link: p.link,
    };
  },
});

const PAGE = 500;

/**
 * The daily `due-reminders` job: for every open, owned due date within 30 days or overdue, the reminder
 * that is due now (30, 7, 1 days before, or overdue) goes to its owner. The dedupe key
 * `reminder:{kind}:{id}:{due}:{offset}` makes each reminder once per offset and date, across retries,
 * restarts and instances; a moved due date gets its own reminders.
 */
export async function sendDueReminders(
  dueDates: DueDatesRepository,
  notifications: NotificationsService,
  clock: Clock,
): Promise<number> {
  const today = calendarDateAt(clock.now());
  let sent = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await dueDates.openEverywhere(addDays(today, 30), after, PAGE);
    for (const row of rows) {
      const offset = reminderDue(row.due_on, today);
      if (!offset || !row.owner_id) continue;
      const result = await notifications.notify(
        row.org_id,
        row.owner_id,
        DUE_REMINDER,
        { title: row.title, dueOn: row.due_on, offset, link: row.link } satisfies DueReminderPayload,
        { dedupeKey: `reminder:${row.source_kind}:${row.source_id}:${row.due_on}:${offset}` },
      );
      if (result.inApp || result.mail) sent += 1;
    }
    if (rows.length < PAGE) return sent;
    after = rows[rows.length - 1]!.id;
  }
}
