import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_JOB, REMINDER_JOB } from '../../src/server/modules/notifications/notification-jobs.js';
import { addDays } from '../../src/server/modules/scheduler/domain/recurrence.js';
import { createServices, type Services } from '../../src/server/modules/services.js';
import { buildApp } from '../../src/server/platform/app.js';
import { calendarDateAt } from '../../src/server/platform/clock.js';
import { chromiumAvailable, launchBrowser } from '../support/browser.js';
import { ManualClock } from '../support/clock.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { signIn } from '../support/e2e.js';
import { login, type SeededOrg, seedOrganization } from '../support/identity.js';
import { startSmtpServer } from '../support/smtp.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';
const SHOTS = process.env.JIANHE_SHOTS_DIR;

/** The text of a single-part mail: base64 decoded, or quoted-printable soft breaks (`=` at a line end) joined. */
function bodyOf(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/^Content-Transfer-Encoding: base64/im.test(head))
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body.replace(/=\r?\n/g, '');
}

/** Screenshots for a person to look at (never compared): only when JIANHE_SHOTS_DIR is set. */
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/**
 * A gap becomes tracked work: the 不符合 answer opens a remediation item, its owner sees it on the home page,
 * the reminder job mails them (a real SMTP server; the scheduler's clock is moved by the test, never slept
 * on), and closing it needs a second person: the owner asks with evidence, an approver confirms.
 */
describe.skipIf(!chromiumAvailable)('remediation in Chromium', () => {
  const clock = new ManualClock(new Date());
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let database: TestDatabase;
  let services: Services;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let url: string;
  let browser: Browser;
  let org: SeededOrg;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    database = await openTestDatabase('sqlite');
    const config = {
      ...database.config,
      smtp: { url: smtp.url, from: 'Jianhe <jianhe@example.test>' },
      publicUrl: 'https://jianhe.example.test',
    };
    services = createServices({ config, database: database.handle, clock, log: { warn() {} } });
    app = await buildApp(
      { config, database: database.handle, services, startedAt: new Date() },
      { logger: false },
    );
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    org = await seedOrganization(database, 'E2E 改善計畫證券股份有限公司');
    await services.scheduler.syncSchedules();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.dispose();
    await smtp?.close();
  });

  it('a 不符合 answer becomes the owner’s item, reminded by mail, and closed only by a second person', async () => {
    const owner = org.users.assessor;
    const actor = { orgId: org.orgId, userId: owner.id };
    const today = calendarDateAt(clock.now());
    const due = addDays(today, 7);
    const assessment = await services.assessments.lifecycle.create(actor, {
      catalogRef: CATALOG,
      name: '115年度自評',
      period: '115年度',
    });
    const { items } = await services.assessments.insights.load(org.orgId, assessment.id);
    const item4 = items.find((i) => i.item.item_id === 'item-4')!.item;
    await services.assessments.items.update(actor, item4.id, item4.version, {
      result: 'non_compliant',
      explanation: '尚未建立雲端服務供應商之年度稽核程序',
      compensatingControl: '以人工覆核替代',
      assigneeUserId: owner.id,
      dueDate: due,
    });

    // The owner sees the item on the home page, among their own by due date.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, { url } as never, owner);
    const mine = page.getByTestId('home-my-remediation');
    await mine.getByRole('link', { name: /第 4 項/ }).waitFor();
    await mine.getByText(due).waitFor();
    await page.getByTestId('home-compliance').waitFor();
    await shot(page, 'remediation-home-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'remediation-home-390');

    // The list, filtered to the owner's own items.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${url}/orgs/${org.orgId}/remediation`);
    await page.getByTestId('filter-mine').check();
    const table = page.getByTestId('remediation-table');
    await table.getByRole('link', { name: /第 4 項/ }).waitFor();
    await table.getByText('待處理').waitFor();
    await shot(page, 'remediation-list-1440');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'remediation-list-390');
    await page.setViewportSize({ width: 1440, height: 900 });

    // A reminder 7 days before the due date arrives in the test SMTP server, once.
    await services.scheduler.runNow(REMINDER_JOB);
    await services.scheduler.runNow(OUTBOX_JOB);
    const toOwner = () => smtp.inbox.filter((m) => m.to.includes(owner.email));
    expect(toOwner()).toHaveLength(1);
    expect(bodyOf(toOwner()[0]!.raw)).toContain(`/orgs/${org.orgId}/remediation/`);
    await services.scheduler.runNow(REMINDER_JOB);
    await services.scheduler.runNow(OUTBOX_JOB);
    expect(toOwner()).toHaveLength(1);

    // The owner asks for closure with an evidence link; they cannot confirm it themselves.
    await table.getByRole('link', { name: /第 4 項/ }).click();
    await page.getByTestId('remediation-detail').waitFor();
    await page.getByTestId('closure-evidence-url').fill('https://tickets.example.com/remediation/4');
    await page.getByTestId('closure-note').fill('已建立年度稽核程序並完成首次稽核');
    await page.getByTestId('closure-request').click();
    await page.getByTestId('remediation-status').getByText('待確認結案').waitFor();
    await expect(page.getByTestId('closure-confirm').isDisabled()).resolves.toBe(true);
    await page
      .getByTestId('closure-confirm-reason')
      .getByText(/核定主管/)
      .waitFor();
    const itemId = page.url().split('/').at(-1)!;
    // The server refuses it too (the owner's session, a schema-valid request with the current version).
    const session = await login(app, owner);
    const own = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org.orgId}/remediation/${itemId}/closure-decision`,
      headers: session.headers,
      payload: {
        version: (await services.remediation.items.get(org.orgId, itemId)).version,
        decision: 'confirm',
        note: '',
      },
    });
    expect(own.statusCode).toBe(403);
    await page.close();

    // A second person, an approver, was told and confirms.
    const second = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(second, { url } as never, org.users.approver);
    await second.getByTestId('home-closure-waiting').click();
    await second.getByTestId('remediation-detail').waitFor();
    await second.getByTestId('closure-confirm').click();
    await second.getByTestId('remediation-status').getByText('已完成').waitFor();
    const closed = await services.remediation.items.get(org.orgId, itemId);
    expect(closed.closure).toMatchObject({ requestedBy: owner.id, confirmedBy: org.users.approver.id });
    await second.goto(`${url}/orgs/${org.orgId}/notifications`);
    await second
      .getByTestId('notification')
      .getByText(/待您確認結案/)
      .waitFor();
    await second.close();
  });
});
