import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase, type TestDatabase } from '../../../../test/support/databases.js';
import { createMember, seedOrganization } from '../../../../test/support/identity.js';
import { startSmtpServer } from '../../../../test/support/smtp.js';
import { createServices, type Services } from '../services.js';
import { OUTBOX_JOB, REMINDER_JOB } from './notification-jobs.js';

/**
 * Reminders and the outbox with a real in-process SMTP server and a clock the test moves: each reminder
 * (30, 7, 1 days before, overdue) arrives once, across repeated runs, a restart and a second instance,
 * and a mail the SMTP server refused is retried rather than lost.
 */
describeEachDatabase('reminders and the mail outbox', (db) => {
  const clock = new ManualClock('2026-05-01T01:00:00.000Z');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let services: Services;
  let orgId: string;
  let owner: { id: string; email: string };

  const servicesOver = (database: TestDatabase, smtpUrl: string) =>
    createServices({
      config: {
        ...database.config,
        smtp: { url: smtpUrl, from: 'Jianhe <jianhe@example.test>' },
        publicUrl: 'https://jianhe.example.test',
      },
      database: database.handle,
      clock,
      log: { warn() {} },
    });
  const mailsTo = (address: string) => smtp.inbox.filter((m) => m.to.includes(address));
  const subjects = (address: string) =>
    mailsTo(address).map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1] ?? '');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    services = servicesOver(db(), smtp.url);
    const org = await seedOrganization(db(), `Reminder Securities ${db().handle.kind}`);
    orgId = org.orgId;
    owner = await createMember(db(), orgId, {
      email: `owner.${db().handle.kind}@example.test`,
      role: 'assessor',
    });
    await services.dueDates.set(orgId, {
      sourceKind: 'test-duty',
      sourceId: 'duty-1',
      title: 'Annual provider audit',
      link: '/providers',
      ownerId: owner.id,
      dueOn: '2026-06-30',
    });
    await services.notifications.savePreferences(orgId, owner.id, {
      locale: 'en',
      emailReminders: true,
      emailDigest: true,
      inApp: true,
    });
    await services.scheduler.syncSchedules();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('sends nothing while more than 30 days remain', async () => {
    await services.scheduler.runNow(REMINDER_JOB);
    expect(mailsTo(owner.email)).toHaveLength(0);
  });

  it('sends each reminder once per offset, across runs, a restart and a second instance', async () => {
    clock.set('2026-05-31T01:00:00.000Z'); // 30 days before, 09:00 in Taipei
    await services.scheduler.runNow(REMINDER_JOB);
    await services.scheduler.runNow(REMINDER_JOB);
    // A restart: new services over the same database, and a second instance beside it.
    const restarted = servicesOver(db(), smtp.url);
    await Promise.all([restarted.scheduler.runNow(REMINDER_JOB), services.scheduler.runNow(REMINDER_JOB)]);
    expect(subjects(owner.email)).toEqual(['Jianhe: Due in 30 day(s): Annual provider audit']);

    clock.set('2026-06-25T01:00:00.000Z'); // 5 days left: the 7-day reminder (its day was missed)
    await Promise.all([restarted.scheduler.runNow(REMINDER_JOB), services.scheduler.runNow(REMINDER_JOB)]);
    clock.set('2026-06-29T01:00:00.000Z');
    await restarted.scheduler.runNow(REMINDER_JOB);
    await services.scheduler.runNow(REMINDER_JOB);
    clock.set('2026-07-01T01:00:00.000Z');
    await restarted.scheduler.runNow(REMINDER_JOB);
    clock.set('2026-07-02T01:00:00.000Z');
    await services.scheduler.runNow(REMINDER_JOB);
    expect(subjects(owner.email)).toEqual([
      'Jianhe: Due in 30 day(s): Annual provider audit',
      'Jianhe: Due in 7 day(s): Annual provider audit',
      'Jianhe: Due in 1 day(s): Annual provider audit',
      'Jianhe: Overdue: Annual provider audit',
    ]);
    const body = mailsTo(owner.email)[3]!.raw;
    expect(body).toContain('https://jianhe.example.test/providers');
    // The same four are in-app notifications, unread.
    expect(await services.notifications.unreadCount(orgId, owner.id)).toBe(4);
    expect(await services.notifications.markRead(orgId, owner.id, 'all')).toBe(4);
    expect(await services.notifications.unreadCount(orgId, owner.id)).toBe(0);
  });

  it('keeps a mail the SMTP server could not take, and sends it once when it can', async () => {
    clock.set('2026-07-02T01:00:00.000Z');
    const down = servicesOver(db(), 'smtp://127.0.0.1:9');
    const person = await createMember(db(), orgId, {
      email: `zh.${db().handle.kind}@example.test`,
      role: 'viewer',
    });
    await down.dueDates.set(orgId, {
      sourceKind: 'test-duty',
      sourceId: 'duty-2',
      title: '隱私權政策年度檢視',
      link: '/home',
      ownerId: person.id,
      dueOn: '2026-07-03',
    });
    await down.scheduler.runNow(REMINDER_JOB);
    expect(mailsTo(person.email)).toHaveLength(0);
    // The outbox job of a working instance sends it after the backoff, once.
    await services.scheduler.runNow(OUTBOX_JOB);
    expect(mailsTo(person.email)).toHaveLength(0);
    clock.advance(31_000);
    await services.scheduler.runNow(OUTBOX_JOB);
    await services.scheduler.runNow(OUTBOX_JOB);
    expect(subjects(person.email)).toHaveLength(1);
    // zh-TW by default; the subject is encoded, the body carries the text.
    expect(mailsTo(person.email)[0]!.raw).toMatch(/Message-ID: <[0-9a-f-]+@jianhe\.outbox>/i);
  });

  it('tells nobody who is not a member of the organisation', async () => {
    const result = await services.notifications.notify(
      orgId,
      '00000000-0000-4000-8000-000000000000',
      'due-reminder',
      { title: 'x', dueOn: '2026-07-01', offset: 7, link: '/' },
      { dedupeKey: 'stranger' },
    );
    expect(result).toEqual({ inApp: false, mail: false });
  });
});
