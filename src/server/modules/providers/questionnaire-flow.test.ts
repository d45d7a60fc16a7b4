import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { multipart } from '../../../../test/support/multipart.js';
import { startSmtpServer } from '../../../../test/support/smtp.js';
import { type App, buildApp } from '../../platform/app.js';
import { createServices } from '../services.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

describeEachDatabase('provider questionnaires', (db) => {
  let app: App;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let org: SeededOrg;
  let other: SeededOrg;
  let assessor: Session;
  let base: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // The same database, with SMTP configured: services read their configuration when built.
    const config = {
      ...db().config,
      smtp: { url: smtp.url, from: 'Jianhe <jianhe@example.test>' },
      publicUrl: 'https://jianhe.example.test',
    };
    const services = createServices({ config, database: db().handle });
    app = await buildApp(
      { config, database: db().handle, services, startedAt: new Date() },
      { logger: false },
    );
    org = await seedOrganization(db(), 'Questionnaire Securities');
    other = await seedOrganization(db(), 'Other Futures');
    assessor = await login(app, org.users.assessor);
    base = `/api/v1/orgs/${org.orgId}`;
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const call = (method: string, url: string, payload?: unknown, session: Session = assessor) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const link = (token: string, suffix = '') => `/api/v1/questionnaire-links/${token}${suffix}`;
  const attachment = (itemId: string) =>
    multipart(
      { itemId },
      {
        name: 'SOC2報告.pdf',
        content: Buffer.from(`%PDF-1.7\n% ${Math.random()}\n%%EOF\n`),
        type: 'application/pdf',
      },
    );

  async function sendQuestionnaire(assessmentId: string | null, isSelf = false) {
    const provider = (
      await call('POST', `${base}/providers`, {
        name: `雲端商 ${Math.random()}`,
        isSelf,
        serviceModels: ['IaaS', 'SaaS'],
        critical: true,
        starStatus: 'level2_certification_gold',
        starValidUntil: '2099-01-01',
        // Never audited since the contract began years ago, so the first audit is overdue.
        contractStart: '2020-01-01',
      })
    ).json();
    const contact = (
      await call('POST', `${base}/providers/${provider.id}/contacts`, {
        name: '王小明',
        email: 'ming@cloud.example',
      })
    ).json();
    const sent = await call('POST', `${base}/providers/${provider.id}/questionnaires`, {
      contactId: contact.id,
      assessmentId,
    });
    expect(sent.statusCode).toBe(201);
    const token = new URL(sent.json().link).pathname.split('/').at(-1)!;
    return {
      provider,
      questionnaireId: sent.json().questionnaire.id as string,
      token,
      delivered: sent.json().delivered as boolean,
    };
  }

  it('mails the link, takes the provider’s answers, and turns accepted answers into evidence on items 4–18', async () => {
    const assessment = (
      await call('POST', `${base}/assessments`, { catalogId: CATALOG, name: '115年度', period: '115年度' })
    ).json();
    const { token, questionnaireId, delivered, provider } = await sendQuestionnaire(assessment.id);
    expect(provider.status.auditMode).toBe('report_or_onsite');
    expect(delivered).toBe(true);
    const mail = smtp.inbox.at(-1)!;
    expect(mail.to).toEqual(['ming@cloud.example']);
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(`https://jianhe.example.test/q/${token}`);

    const view = await app.inject({ method: 'GET', url: link(token) });
    expect(view.statusCode).toBe(200);
    const questions = view.json().questions as Array<{ itemId: string; number: number }>;
    expect(questions.map((q) => q.number)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(view.json().organizationName).toBe('Questionnaire Securities');

    const half = questions
      .slice(0, 7)
      .map((q) => ({ itemId: q.itemId, answer: 'yes', explanation: `說明 ${q.number}` }));
    expect(
      (await app.inject({ method: 'PUT', url: link(token, '/answers'), payload: { answers: half } }))
        .statusCode,
    ).toBe(204);
    const early = await app.inject({ method: 'POST', url: link(token, '/submit') });
    expect(early.json().code).toBe('QUESTIONNAIRE_INCOMPLETE');
    const rest = questions.slice(7).map((q) => ({
      itemId: q.itemId,
      answer: q.number === 17 ? 'partly' : 'yes',
      explanation: `說明 ${q.number}`,
    }));
    expect(
      (await app.inject({ method: 'PUT', url: link(token, '/answers'), payload: { answers: rest } }))
        .statusCode,
    ).toBe(204);
    expect((await app.inject({ method: 'POST', url: link(token, '/submit') })).statusCode).toBe(204);

    const accepted = await call('POST', `${base}/questionnaires/${questionnaireId}/review`, {
      decision: 'accept',
    });
    expect(accepted.statusCode).toBe(204);
    const items = (await call('GET', `${base}/assessments/${assessment.id}`)).json().items as Array<{
      number: number;
      evidence: Array<{ source: string; note: string }>;
    }>;
    for (const item of items) {
      if (item.number >= 4 && item.number <= 18) {
        expect(item.evidence, `item ${item.number}`).toHaveLength(1);
        expect(item.evidence[0]!.source).toBe('provider-questionnaire');
      } else {
        expect(item.evidence, `item ${item.number}`).toHaveLength(0);
      }
    }
    expect(items.find((i) => i.number === 17)!.evidence[0]!.note).toMatch(/^partly: /);

    const dashboard = (await call('GET', `${base}/provider-dashboard`)).json();
    const coverage = Object.fromEntries(
      dashboard.itemCoverage.map((c: { itemNumber: number; satisfied: number }) => [
        c.itemNumber,
        c.satisfied,
      ]),
    );
    // Newly registered, the provider is not overdue (it is due a grace period after registration)…
    expect(dashboard).toMatchObject({ providers: 1, critical: 1, auditsOverdue: 0 });
    // …until an audit is recorded whose yearly successor has passed.
    const audit = await call('POST', `${base}/providers/${provider.id}/audits`, {
      auditDate: '2023-01-01',
      auditType: 'report_review',
      result: 'satisfactory',
    });
    expect(audit.statusCode).toBe(201);
    expect((await call('GET', `${base}/provider-dashboard`)).json()).toMatchObject({ auditsOverdue: 1 });
    const csv = await call('GET', `${base}/providers/export.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFF名稱 Name,')).toBe(true);
    expect(csv.body).toContain(provider.name);
    expect(coverage).toMatchObject({ 2: 0, 3: 0, 4: 1, 16: 1, 17: 0, 18: 1 });
  });

  it('asks the firm’s own cloud service the provider-side items 19–33, through the same questionnaire', async () => {
    const assessment = (
      await call('POST', `${base}/assessments`, { catalogId: CATALOG, name: '自身服務', period: '115年度' })
    ).json();
    const { token, questionnaireId } = await sendQuestionnaire(assessment.id, true);
    const questions = (await app.inject({ method: 'GET', url: link(token) })).json().questions as Array<{
      itemId: string;
      number: number;
    }>;
    expect(questions.map((q) => q.number)).toEqual([
      19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33,
    ]);
    const cloudUserQuestion = await app.inject({
      method: 'PUT',
      url: link(token, '/answers'),
      payload: { answers: [{ itemId: 'item-4', answer: 'yes', explanation: '' }] },
    });
    expect(cloudUserQuestion.json().code).toBe('QUESTIONNAIRE_UNKNOWN_QUESTION');
    await app.inject({
      method: 'PUT',
      url: link(token, '/answers'),
      payload: {
        answers: questions.map((q) => ({ itemId: q.itemId, answer: 'yes', explanation: '已落實' })),
      },
    });
    expect((await app.inject({ method: 'POST', url: link(token, '/submit') })).statusCode).toBe(204);
    await call('POST', `${base}/questionnaires/${questionnaireId}/review`, { decision: 'accept' });
    const items = (await call('GET', `${base}/assessments/${assessment.id}`)).json().items as Array<{
      number: number;
      evidence: unknown[];
    }>;
    const withEvidence = items.filter((i) => i.evidence.length > 0).map((i) => i.number);
    expect(withEvidence).toEqual([19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33]);
  });

  it('refuses a used, revoked or expired link', async () => {
    const used = await sendQuestionnaire(null);
    const all = (await app.inject({ method: 'GET', url: link(used.token) })).json().questions as Array<{
      itemId: string;
    }>;
    await app.inject({
      method: 'PUT',
      url: link(used.token, '/answers'),
      payload: { answers: all.map((q) => ({ itemId: q.itemId, answer: 'no', explanation: '' })) },
    });
    await app.inject({ method: 'POST', url: link(used.token, '/submit') });
    expect((await app.inject({ method: 'GET', url: link(used.token) })).json().code).toBe(
      'QUESTIONNAIRE_LINK_USED',
    );

    const revoked = await sendQuestionnaire(null);
    await call('POST', `${base}/questionnaires/${revoked.questionnaireId}/revoke`, {});
    const gone = await app.inject({ method: 'GET', url: link(revoked.token) });
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('QUESTIONNAIRE_LINK_REVOKED');

    const expired = await sendQuestionnaire(null);
    await sql`update questionnaire set expires_at = ${'2020-01-01T00:00:00.000Z'} where id = ${expired.questionnaireId}`.execute(
      db().handle.db,
    );
    expect((await app.inject({ method: 'GET', url: link(expired.token) })).json().code).toBe(
      'QUESTIONNAIRE_LINK_EXPIRED',
    );
    expect((await app.inject({ method: 'GET', url: link('A'.repeat(43)) })).statusCode).toBe(404);

    // Every link route refuses a dead link, not only the page.
    for (const [token, code] of [
      [used.token, 'QUESTIONNAIRE_LINK_USED'],
      [revoked.token, 'QUESTIONNAIRE_LINK_REVOKED'],
      [expired.token, 'QUESTIONNAIRE_LINK_EXPIRED'],
    ] as const) {
      const answers = await app.inject({
        method: 'PUT',
        url: link(token, '/answers'),
        payload: { answers: [{ itemId: all[0]!.itemId, answer: 'yes', explanation: 'late' }] },
      });
      const upload = attachment(all[0]!.itemId);
      const attach = await app.inject({
        method: 'POST',
        url: link(token, '/attachments'),
        headers: upload.headers,
        payload: upload.payload,
      });
      const submit = await app.inject({ method: 'POST', url: link(token, '/submit') });
      for (const response of [answers, attach, submit]) {
        expect(response.statusCode).toBe(410);
        expect(response.json().code).toBe(code);
      }
    }
  });

  it('takes attachments on its own questions only, within limits, and turns them into evidence', async () => {
    const assessment = (
      await call('POST', `${base}/assessments`, { catalogId: CATALOG, name: '附件', period: '115年度' })
    ).json();
    const { token, questionnaireId } = await sendQuestionnaire(assessment.id);
    const questions = (await app.inject({ method: 'GET', url: link(token) })).json().questions as Array<{
      itemId: string;
      number: number;
    }>;
    const upload = (itemId: string) => {
      const form = attachment(itemId);
      return app.inject({
        method: 'POST',
        url: link(token, '/attachments'),
        headers: form.headers,
        payload: form.payload,
      });
    };
    expect((await upload('item-1')).json().code).toBe('QUESTIONNAIRE_UNKNOWN_QUESTION');
    for (let i = 0; i < 10; i += 1) expect((await upload(questions[0]!.itemId)).statusCode).toBe(201);
    expect((await upload(questions[0]!.itemId)).json().code).toBe('QUESTIONNAIRE_TOO_MANY_ATTACHMENTS');

    await app.inject({
      method: 'PUT',
      url: link(token, '/answers'),
      payload: {
        answers: questions.map((q) => ({ itemId: q.itemId, answer: 'yes', explanation: '已取得報告' })),
      },
    });
    await app.inject({ method: 'POST', url: link(token, '/submit') });

    // The firm reads the replies and opens an attachment before deciding.
    const replies = (await call('GET', `${base}/questionnaires/${questionnaireId}/replies`)).json();
    expect(replies.answers).toHaveLength(questions.length);
    expect(replies.answers[0]).toMatchObject({ answer: 'yes', explanation: '已取得報告' });
    expect(replies.attachments).toHaveLength(10);
    const file = await call(
      'GET',
      `${base}/questionnaires/${questionnaireId}/attachments/${replies.attachments[0].id}`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    await call('POST', `${base}/questionnaires/${questionnaireId}/review`, { decision: 'accept' });
    const items = (await call('GET', `${base}/assessments/${assessment.id}`)).json().items as Array<{
      number: number;
      evidence: Array<{ kind: string; source: string }>;
    }>;
    const first = items.find((i) => i.number === questions[0]!.number)!;
    expect(first.evidence.filter((e) => e.kind === 'file')).toHaveLength(10);
    expect(first.evidence.every((e) => e.source === 'provider-questionnaire')).toBe(true);
  });

  it('gives a link token access to its own questionnaire only', async () => {
    const mine = await sendQuestionnaire(null);
    const foreignAssessor = await login(app, other.users.assessor);
    const foreignAssessment = (
      await call(
        'POST',
        `/api/v1/orgs/${other.orgId}/assessments`,
        { catalogId: CATALOG, name: 'x', period: 'x' },
        foreignAssessor,
      )
    ).json();
    const bearerAndCookie = { authorization: `Bearer ${mine.token}`, cookie: `jianhe_session=${mine.token}` };
    const attempts = [
      `${base}/assessments`,
      `${base}/providers`,
      `${base}/providers/${mine.provider.id}`,
      `${base}/questionnaires/${mine.questionnaireId}`,
      `/api/v1/orgs/${other.orgId}/assessments/${foreignAssessment.id}`,
      `${base}/audit`,
      '/api/v1/me/sessions',
    ];
    for (const url of attempts) {
      const response = await app.inject({ method: 'GET', url, headers: bearerAndCookie });
      expect(response.statusCode, url).toBe(401);
    }
    const other2 = await sendQuestionnaire(null);
    const crossAnswer = await app.inject({
      method: 'PUT',
      url: link(mine.token, '/answers'),
      payload: { answers: [{ itemId: 'item-1', answer: 'yes', explanation: 'not a provider question' }] },
    });
    expect(crossAnswer.json().code).toBe('QUESTIONNAIRE_UNKNOWN_QUESTION');
    const untouched = await app.inject({ method: 'GET', url: link(other2.token) });
    expect(untouched.json().answers).toEqual([]);
  });
});
