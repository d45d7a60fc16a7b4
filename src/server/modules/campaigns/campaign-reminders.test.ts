import { afterAll, beforeAll, expect, it } from 'vitest';
import { approvedAssessment, classify } from '../../../../test/support/campaigns.js';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  createMember,
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
} from '../../../../test/support/identity.js';
import { startSmtpServer } from '../../../../test/support/smtp.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import { type App, buildApp } from '../../platform/app.js';
import { createServices, type Services } from '../services.js';

/** Decodes RFC 2047 encoded words (nodemailer writes non-ASCII subjects as =?UTF-8?B|Q?…?=). */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
    .replace(/\r?\n[ \t]/g, '');
}

/**
 * An association reminds the members that have not submitted, by status, through the one outbox and a real
 * SMTP server: mail reaches each member firm's administrators in their language, once per member and day
 * (a second request, even a concurrent one, sends nothing more), never a member that has submitted, and each
 * request is in the association's audit chain.
 */
describeEachDatabase('campaign reminders', (db) => {
  const clock = new ManualClock('2026-06-01T02:00:00.000Z'); // 10:00 in Taipei
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let services: Services;
  let app: App;
  let association: SeededOrg;
  let staff: Session;
  let staffAssessor: Session;
  const firms: SeededOrg[] = [];
  let secondAdmin: { id: string; email: string };
  let campaignId: string;
  let url: string;

  const remind = (session: Session, statuses: string[]) =>
    app.inject({ method: 'POST', url, headers: session.headers, payload: { statuses } });
  const deliver = async () => {
    while ((await services.notifications.deliver()).sent > 0);
  };
  const subjectsTo = (email: string) =>
    smtp.inbox.filter((m) => m.to.includes(email)).map((m) => subjectOf(m.raw));

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
    association = await seedOrganization(db(), `Reminding Association ${db().handle.kind}`);
    await classify(db(), association, 'association');
    await db().services.organizations.update(association.users.admin.id, association.orgId, {
      name: '中華民國證券商業同業公會',
    });
    staff = await login(app, association.users.admin);
    staffAssessor = await login(app, association.users.assessor);
    const actor = { orgId: association.orgId, userId: association.users.admin.id };
    const memberIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const firm = await seedOrganization(db(), `Reminded Firm ${i} ${db().handle.kind}`);
      const businessId = await classify(db(), firm, 'securities');
      const invited = await services.campaigns.association.inviteMember(actor, {
        businessId,
        sizeBand: 'large',
      });
      await services.campaigns.participation.decide(
        { orgId: firm.orgId, userId: firm.users.admin.id },
        invited.id,
        'accept',
      );
      memberIds.push(invited.id);
      firms.push(firm);
    }
    // Firm 0 has a second administrator (default language, 中文); firm 1's administrator reads English.
    secondAdmin = await createMember(db(), firms[0]!.orgId, {
      email: `second.admin.${db().handle.kind}@example.test`,
      role: 'admin',
    });
    await services.notifications.savePreferences(firms[1]!.orgId, firms[1]!.users.admin.id, {
      locale: 'en',
      emailReminders: true,
      emailDigest: true,
      inApp: true,
    });
    const campaign = await services.campaigns.association.createCampaign(actor, {
      name: '雲端指引自評',
      period: '115年度',
      catalogRef: CATALOG_REF,
      deadline: '2026-06-30',
      memberIds,
    });
    campaignId = campaign.id;
    url = `/api/v1/orgs/${association.orgId}/campaigns/${campaignId}/reminders`;
    const places = await Promise.all(
      firms.map((f) => services.campaigns.participation.participations(f.orgId)),
    );
    // Firm 0 starts (in progress); firm 1 does nothing (not started); firm 2 submits.
    await services.campaigns.participation.start(
      { orgId: firms[0]!.orgId, userId: firms[0]!.users.assessor.id },
      places[0]![0]!.id,
      {},
    );
    const approved = await approvedAssessment(db(), firms[2]!, () => 'compliant');
    await services.campaigns.participation.submit(
      { orgId: firms[2]!.orgId, userId: firms[2]!.users.admin.id },
      places[2]![0]!.id,
      { assessmentId: approved },
    );
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('reminds only the members in the chosen status, mailing their administrators in their language', async () => {
    const response = await remind(staff, ['not_started']);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      sent: 1,
      alreadyToday: 0,
      participants: [{ status: 'not_started', outcome: 'sent', recipients: 1 }],
    });
    await deliver();
    expect(subjectsTo(firms[1]!.users.admin.email)).toEqual([
      'Jianhe: 中華民國證券商業同業公會 reminds you: 雲端指引自評 115年度 is due on 2026-06-30',
    ]);
    // Not the firm's other people, not the firm in progress, not the firm that submitted.
    expect(subjectsTo(firms[1]!.users.assessor.email)).toEqual([]);
    expect(subjectsTo(firms[0]!.users.admin.email)).toEqual([]);
    expect(subjectsTo(firms[2]!.users.admin.email)).toEqual([]);
    const inApp = await services.notifications.list(firms[1]!.orgId, firms[1]!.users.admin.id, 10);
    expect(inApp.map((n) => n.kind)).toEqual(['campaign-reminder']);
  });

  it('reminds each member once a day: a repeated or concurrent request sends nothing more', async () => {
    const [first, second] = await Promise.all([
      remind(staff, ['not_started', 'in_progress']),
      remind(staff, ['in_progress', 'not_started']),
    ]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    const outcomes = [first, second].flatMap((r) =>
      r.json().participants.map((p: { status: string; outcome: string }) => `${p.status}:${p.outcome}`),
    );
    expect(outcomes).toContain('not_started:already_today');
    expect(outcomes).toContain('in_progress:sent');
    await deliver();
    const zh = '檢核 Jianhe：中華民國證券商業同業公會提醒：雲端指引自評（115年度）請於 2026-06-30 前提交';
    // Both administrators of firm 0, in 中文, once each; firm 1 still has its one mail.
    expect(subjectsTo(firms[0]!.users.admin.email)).toEqual([zh]);
    expect(subjectsTo(secondAdmin.email)).toEqual([zh]);
    expect(subjectsTo(firms[1]!.users.admin.email)).toHaveLength(1);
  });

  it('never reminds a member that has submitted, and reminds late members again the next day', async () => {
    clock.set('2026-07-01T02:00:00.000Z'); // the day after the deadline
    const response = await remind(staff, ['not_started', 'in_progress', 'late']);
    expect(response.json().sent).toBe(2);
    expect(response.json().participants.map((p: { status: string }) => p.status)).toEqual(['late', 'late']);
    await deliver();
    expect(subjectsTo(firms[0]!.users.admin.email)).toHaveLength(2);
    expect(subjectsTo(firms[1]!.users.admin.email)).toHaveLength(2);
    expect(subjectsTo(firms[2]!.users.admin.email)).toEqual([]);
  });

  it('records every request in the association’s audit chain, and only managers may remind', async () => {
    const rows = await crossTenant(db().handle.db, 'test: the association audit chain')
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'after'])
      .where('chain', '=', association.orgId)
      .where('action', '=', 'campaign.remind')
      .execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.target_id === campaignId)).toBe(true);
    const reminded = rows.flatMap((r) => (JSON.parse(r.after!) as { reminded: string[] }).reminded);
    expect(reminded).toHaveLength(4); // firm 1, firm 0 (once, though two requests raced), both late
    const denied = await remind(staffAssessor, ['late']);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('FORBIDDEN');
  });
});
