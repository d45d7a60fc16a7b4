import { type Clock, calendarDateAt } from '../../platform/clock.js';
import { addDays } from '../scheduler/domain/recurrence.js';
import type { DueDateRow, DueDatesRepository } from '../scheduler/due-dates.repository.js';
import { absoluteLink, registerNotificationKind } from './notification-kinds.js';
import type { NotificationsService } from './notifications.service.js';

export interface DigestPayload {
  weekOf: string;
  items: Array<{ title: string; dueOn: string; link: string; overdue: boolean }>;
}

export const WEEKLY_DIGEST = 'weekly-digest';

registerNotificationKind<DigestPayload>(WEEKLY_DIGEST, {
  category: 'digest',
  render(p, locale, { publicUrl }) {
    const en = locale === 'en';
    const lines = p.items.map(
      (i) =>
        `- ${i.dueOn}${i.overdue ? (en ? ' (overdue)' : '（已逾期）') : ''}  ${i.title}\n  ${absoluteLink(i.link, publicUrl)}`,
    );
    const title = en
      ? `Your week from ${p.weekOf}: ${p.items.length} due`
      : `本週（${p.weekOf} 起）待辦：${p.items.length} 項`;
    return {
      title,
      subject: en ? `Jianhe: ${title}` : `檢核 Jianhe：${title}`,
      text: [
        en ? 'Due in the next two weeks, or overdue:' : '未來兩週到期或已逾期的項目：',
        '',
        ...lines,
        '',
        en ? 'Change what you receive under Notification preferences.' : '可於「通知設定」調整您收到的通知。',
      ].join('\n'),
      link: '/',
    };
  },
});

/**
 * The weekly digest (Mondays 08:00 Asia/Taipei): each owner of open due dates gets one message per
 * organisation listing what is due within two weeks or overdue, in their language, once per week
 * (dedupe key `digest:{monday}`). People with nothing due get nothing.
 */
export async function sendWeeklyDigests(
  dueDates: DueDatesRepository,
  notifications: NotificationsService,
  clock: Clock,
): Promise<number> {
  const today = calendarDateAt(clock.now());
  const byOwner = new Map<string, DueDateRow[]>();
  let after: string | null = null;
  for (;;) {
    const rows = await dueDates.openEverywhere(addDays(today, 14), after, 500);
    for (const row of rows) {
      const key = `${row.org_id}/${row.owner_id}`;
      byOwner.set(key, [...(byOwner.get(key) ?? []), row]);
    }
    if (rows.length < 500) break;
    after = rows[rows.length - 1]!.id;
  }
  let sent = 0;
  for (const rows of byOwner.values()) {
    const first = rows[0]!;
    const items = rows
      .sort((a, b) => a.due_on.localeCompare(b.due_on))
      .map((r) => ({ title: r.title, dueOn: r.due_on, link: r.link, overdue: r.due_on < today }));
    const result = await notifications.notify(
      first.org_id,
      first.owner_id!,
      WEEKLY_DIGEST,
      { weekOf: today, items } satisfies DigestPayload,
      { dedupeKey: `digest:${today}` },
    );
    if (result.inApp || result.mail) sent += 1;
  }
  return sent;
}
