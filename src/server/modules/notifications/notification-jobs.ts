import type { Clock } from '../../platform/clock.js';
import type { DueDatesRepository } from '../scheduler/due-dates.repository.js';
import type { JobScheduler } from '../scheduler/job-scheduler.js';
import { sendDueReminders } from './due-reminders.js';
import type { NotificationsService } from './notifications.service.js';

/** Outbox delivery every minute; due-date reminders every morning at 08:00 Asia/Taipei. */
export const OUTBOX_JOB = 'mail-outbox';
export const REMINDER_JOB = 'due-reminders';

export function registerNotificationJobs(
  scheduler: JobScheduler,
  notifications: NotificationsService,
  dueDates: DueDatesRepository,
  clock: Clock,
): void {
  scheduler.recurring(OUTBOX_JOB, '* * * * *', async () => {
    await notifications.deliver();
  });
  scheduler.recurring(REMINDER_JOB, '0 8 * * *', async () => {
    await sendDueReminders(dueDates, notifications, clock);
    // Reminders queued now go out in this run rather than a minute later.
    await notifications.deliver();
  });
}
