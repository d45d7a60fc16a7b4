import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { startSmtpServer } from '../../../../test/support/smtp.js';
import { type App, buildApp } from '../../platform/app.js';
import { createServices, type Services } from '../services.js';
import { DIGEST_JOB } from './notification-jobs.js';

/** In-app notifications, preferences, the weekly digest in each person's language, and the iCal feed. */
describeEachDatabase('notifications API, digest and calendar feed', (db) => {
  const clock = new ManualClock('2026-09-07T00:30:00.000Z'); // Monday 08:30 in Taipei
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let services: Services;
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let viewer: Session;
  let base: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const config = {
      ...db().config,
      smtp: { url: smtp.url, from: 'Jianhe <jianhe@example.test>' },
      publicUrl: 'https://jianhe.example.test',
    };
    services = createServices({ config, database: db().handle, clock, log: { warn() {} } });
    app = await buildApp(
      { config, database: db().handle, services, startedAt: new Date() },
      { logger: false },
    );
    org = await seedOrganization(db(), `Digest Futures ${db().handle.kind}`);
    assessor = await login(app, org.users.assessor);
    viewer = await login(app, org.users.viewer);
    base = `/api/v1/orgs/${org.orgId}`;
    for (const [id, dueOn] of [
      ['a', '2026-09-01'],
      ['b', '2026-09-15'],
      ['c', '2026-12-01'],
    ] as const)
      await services.dueDates.set(org.orgId, {
        sourceKind: 'test-duty',
        sourceId: id,
        title: `BYOD 審查 ${id}`,
        link: `/duties/${id}`,
        ownerId: org.users.assessor.id,
        dueOn,
      });
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });
  const call = (session: Session, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url, headers: session.headers, ...(payload ? { payload } : {}) });

  it('sends one weekly digest per person and week, in their language', async () => {
    await services.scheduler.runNow(DIGEST_JOB);
    await services.scheduler.runNow(DIGEST_JOB);
    const mails = smtp.inbox.filter((m) => m.to.includes(org.users.assessor.email));
    expect(mails).toHaveLength(1);
    const listed = (await call(assessor, 'GET', `${base}/notifications`)).json();
    expect(listed.unread).toBe(1);
    expect(listed.items[0].title).toBe('本週（2026-09-07 起）待辦：2 項');
    // English from next week on.
    const prefs = await call(assessor, 'PUT', `${base}/notification-preferences`, {
      locale: 'en',
      emailReminders: true,
      emailDigest: true,
      inApp: true,
    });
    expect(prefs.json().locale).toBe('en');
    clock.advanceDays(7);
    await services.scheduler.runNow(DIGEST_JOB);
    // The daily reminders fell due during the week too; the digests are these.
    const unread = (await call(assessor, 'GET', `${base}/notifications?unread=true`)).json();
    const second = { items: unread.items.filter((n: { kind: string }) => n.kind === 'weekly-digest') };
    expect(second.items.map((n: { title: string }) => n.title)).toEqual([
      'Your week from 2026-09-14: 2 due',
      '本週（2026-09-07 起）待辦：2 項',
    ]);
    const marked = await call(assessor, 'POST', `${base}/notifications/read`, {
      notificationIds: [second.items[0].id],
    });
    expect(marked.json()).toEqual({ marked: 1 });
    expect((await call(assessor, 'GET', `${base}/notifications`)).json().unread).toBe(unread.unread - 1);
    // Someone else's notification is not found for this person.
    const foreign = await call(viewer, 'POST', `${base}/notifications/read`, {
      notificationIds: [second.items[1].id],
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOTIFICATION_NOT_FOUND');
  });

  it('serves the person’s due dates at a secret iCal URL until it is revoked', async () => {
    const made = await call(assessor, 'POST', `${base}/calendar-feed`);
    expect(made.statusCode).toBe(201);
    const url = new URL(made.json().url);
    expect(url.origin).toBe('https://jianhe.example.test');
    const feed = await app.inject({ method: 'GET', url: url.pathname });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain('DTSTART;VALUE=DATE:20260915');
    expect(feed.body).toContain('SUMMARY:BYOD 審查 b');
    expect(feed.body).toContain('URL:https://jianhe.example.test/duties/b');
    expect(feed.body.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect((await call(assessor, 'GET', `${base}/calendar-feed`)).json()).toMatchObject({
      active: true,
      url: null,
    });
    // A new link replaces the old; revoking ends it.
    const renewed = new URL((await call(assessor, 'POST', `${base}/calendar-feed`)).json().url);
    expect((await app.inject({ method: 'GET', url: url.pathname })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: renewed.pathname })).statusCode).toBe(200);
    expect((await call(assessor, 'DELETE', `${base}/calendar-feed`)).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: renewed.pathname })).json().code).toBe(
      'CALENDAR_FEED_NOT_FOUND',
    );
  });
});
