import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import { startSmtpServer } from '../../../../test/support/smtp.js';
import { REMINDER_JOB } from '../notifications/notification-jobs.js';
import { createServices, type Services } from '../services.js';
import { PRIVACY_REVIEW_DUE_KIND, privacyReviewSourceId, RISK_REVIEW_DUE_KIND } from './social-due-dates.js';

/**
 * Platform risk reviews and privacy-policy reviews fall due through the one scheduler, and their
 * reminders (30/7/1 days, overdue) reach the last reviewer through the one outbox, over a real SMTP server.
 */
describeEachDatabase('social review due dates through the scheduler and the outbox', (db) => {
  const clock = new ManualClock('2026-01-05T01:00:00.000Z');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let services: Services;
  let org: SeededOrg;

  /** The Subject header, unfolded, with its MIME encoded words (RFC 2047, B or Q) decoded. */
  const subjectOf = (raw: string) =>
    (/^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '')
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
        enc.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64').toString('utf8')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
              'latin1',
            ).toString('utf8'),
      )
      .replace(/\r?\n[ \t]/g, '');
  const subjects = (address: string) =>
    smtp.inbox
      .filter((m) => m.to.includes(address))
      .map((m) => subjectOf(m.raw))
      .filter((s) => s.includes('review'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    services = createServices({
      config: {
        ...db().config,
        smtp: { url: smtp.url, from: 'Jianhe <jianhe@example.test>' },
        publicUrl: 'https://jianhe.example.test',
      },
      database: db().handle,
      clock,
      log: { warn() {} },
    });
    org = await seedOrganization(db(), `Social Due Securities ${db().handle.kind}`);
    for (const user of [org.users.admin, org.users.assessor])
      await services.notifications.savePreferences(org.orgId, user.id, {
        locale: 'en',
        emailReminders: true,
        emailDigest: false,
        inApp: true,
      });
    await services.scheduler.syncSchedules();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('registers a platform risk review, yearly or at the firm’s interval, owned by its last reviewer', async () => {
    const { governance } = services.social;
    const admin = { orgId: org.orgId, userId: org.users.admin.id };
    const risk = await governance.createRisk(admin, {
      platform: 'line',
      businessUse: true,
      risks: [{ kind: 'data_leakage', description: '客戶資料外洩' }],
      controls: [{ kind: 'training_awareness', description: '年度教育訓練' }],
      reviewedOn: '2025-02-01',
    });
    expect(await services.dueDates.find(org.orgId, RISK_REVIEW_DUE_KIND, risk.id)).toMatchObject({
      dueOn: '2026-02-01',
      ownerId: org.users.admin.id,
      link: `/orgs/${org.orgId}/social/governance`,
      title: '社群平台風險評估 Platform risk review: LINE',
    });
    // The assessor reviews it again with a six-month interval: the date and the owner move.
    const assessor = { orgId: org.orgId, userId: org.users.assessor.id };
    await governance.updateRisk(assessor, risk.id, 1, { reviewedOn: '2025-12-01', reviewIntervalMonths: 6 });
    expect(await services.dueDates.find(org.orgId, RISK_REVIEW_DUE_KIND, risk.id)).toMatchObject({
      dueOn: '2026-06-01',
      ownerId: org.users.assessor.id,
    });
    // A stale write changes nothing, the due date included.
    await expect(
      governance.updateRisk(admin, risk.id, 1, { reviewedOn: '2026-01-01' }),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect((await services.dueDates.find(org.orgId, RISK_REVIEW_DUE_KIND, risk.id))?.dueOn).toBe(
      '2026-06-01',
    );
  });

  it('keeps one privacy-review cycle per platform, following its latest review (a back-dated one does not move it)', async () => {
    const { governance } = services.social;
    const base = {
      platform: 'facebook' as const,
      summary: '',
      conclusion: 'acceptable' as const,
      policyText: 'Meta privacy policy',
    };
    await governance.recordPrivacyReview(
      { orgId: org.orgId, userId: org.users.admin.id },
      { ...base, reviewedOn: '2025-03-01', intervalMonths: 12 },
    );
    await governance.recordPrivacyReview(
      { orgId: org.orgId, userId: org.users.assessor.id },
      { ...base, reviewedOn: '2024-03-01' },
    );
    const source = privacyReviewSourceId('facebook', '');
    expect(await services.dueDates.find(org.orgId, PRIVACY_REVIEW_DUE_KIND, source)).toMatchObject({
      dueOn: '2026-03-01',
      ownerId: org.users.admin.id,
      title: '隱私權政策審閱 Privacy-policy review: Facebook',
    });
    const open = await services.dueDates.open(org.orgId, '2026-12-31');
    expect(open.filter((d) => d.sourceKind.startsWith('social-')).map((d) => d.sourceKind)).toEqual([
      PRIVACY_REVIEW_DUE_KIND,
      RISK_REVIEW_DUE_KIND,
    ]);
  });

  it('reminds the reviewer 30 days before, and once overdue, through the outbox', async () => {
    clock.set('2026-01-30T01:00:00.000Z'); // 30 days before the privacy review of 2026-03-01
    await services.scheduler.runNow(REMINDER_JOB);
    await services.scheduler.runNow(REMINDER_JOB);
    expect(subjects(org.users.admin.email)).toEqual([
      'Jianhe: Due in 30 day(s): 隱私權政策審閱 Privacy-policy review: Facebook',
    ]);
    clock.set('2026-06-02T01:00:00.000Z'); // the risk review of 2026-06-01 is overdue
    await services.scheduler.runNow(REMINDER_JOB);
    expect(subjects(org.users.assessor.email)).toContain(
      'Jianhe: Overdue: 社群平台風險評估 Platform risk review: LINE',
    );
    // The in-app notification links to the register's review page.
    const inApp = await services.notifications.list(org.orgId, org.users.assessor.id, 50, {
      unreadOnly: true,
    });
    const reminder = inApp.find((n) => n.kind === 'due-reminder');
    expect(JSON.parse(reminder!.payload)).toMatchObject({
      title: 'Overdue: 社群平台風險評估 Platform risk review: LINE',
      link: `/orgs/${org.orgId}/social/governance`,
    });
  });
});
