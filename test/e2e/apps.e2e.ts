import { describe, expect, it } from 'vitest';
import { loadRulePack } from '../../src/server/modules/apps/scanner/rule-pack.js';
import { scanFile } from '../../src/server/modules/apps/scanner/scan.js';
import { addMonths, todayInTaipei } from '../../src/server/modules/providers/domain/calendar-date.js';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';
import { createMember } from '../support/identity.js';

const SHOTS = process.env.JIANHE_SHOTS_DIR;
/** Screenshots for a person to look at (never compared): only when JIANHE_SHOTS_DIR is set. */
async function shot(page: import('playwright-core').Page, name: string) {
  if (!SHOTS) return;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const fixture = (name: string) => new URL(`../fixtures/apps/${name}`, import.meta.url).pathname;

describe.skipIf(!chromiumAvailable)('mobile app release gate in Chromium', () => {
  const suite = useBrowserSuite('E2E 行動證券股份有限公司');

  it('a release blocked by its scan is accepted by an approver and shown, with its scan attachable, on item 60', async () => {
    const { server, browser, org } = suite;
    const assessor = { orgId: org.orgId, userId: org.users.assessor.id };
    const { appRegister, assessments } = server.database.services;
    const mobile = await appRegister.apps.create(assessor, {
      name: '行動下單',
      platforms: ['android'],
      bundleId: 'com.example.debuggable',
      vendorKind: 'in_house',
    });
    const scan = await scanFile(fixture('debuggable.apk'), { pack: loadRulePack() });
    const { release } = await appRegister.releases.uploadScan(assessor, mobile.id, {
      scan: JSON.parse(JSON.stringify(scan)),
      failOn: 'high',
    });
    const { id: assessmentId } = await assessments.lifecycle.create(assessor, {
      catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: '行動應用程式檢核',
      period: '115年度',
    });

    // The assessor sees the gate block the release, and cannot ship it.
    const page = await browser.newPage();
    await signIn(page, server, org.users.assessor);
    await page.goto(`${server.url}/orgs/${org.orgId}/apps/${mobile.id}`);
    await page.getByTestId('releases').getByText('阻擋上架').waitFor();
    await page.getByRole('link', { name: '3.2.1' }).click();
    await page.getByTestId('gate').filter({ hasText: '阻擋上架' }).waitFor();
    await page.getByTestId('by-article').getByText('art-17.1.1').waitFor();
    await page.getByTestId('by-masvs').getByText('MASVS-RESILIENCE').waitFor();
    await page.getByText('android-debuggable').waitFor();
    await page.getByTestId('mark-released').click();
    // The server's message follows the browser's Accept-Language.
    await page.getByText(/掃描結果阻擋此版本上架|The scan blocks this release/).waitFor();

    // The approver records a risk acceptance with an expiry.
    const approverPage = await browser.newPage();
    await signIn(approverPage, server, org.users.approver);
    await approverPage.goto(`${server.url}/orgs/${org.orgId}/app-releases/${release.id}`);
    await approverPage.getByLabel('理由').fill('除錯旗標由商店建置流程移除，下一版修正');
    await approverPage.getByLabel('到期日').fill(addMonths(todayInTaipei(), 1));
    await approverPage.getByRole('button', { name: '記錄風險接受' }).click();
    await approverPage.getByTestId('gate').filter({ hasText: '已接受風險' }).waitFor();
    await approverPage.getByTestId('risk-acceptance').getByText('除錯旗標由商店建置流程移除').waitFor();
    await approverPage.close();

    // Item 60 shows the release and its gate; one click files the scan as the item's evidence.
    await page.goto(`${server.url}/orgs/${org.orgId}/assessments/${assessmentId}`);
    await page.getByTestId('item-row-60').click();
    const line = page.getByTestId('app-gate-line').filter({ hasText: '版本 3.2.1' });
    await line.getByText('1 項高風險以上發現（已接受風險）').waitFor();
    await line.getByRole('button', { name: '附上掃描結果為佐證' }).click();
    await line.getByText('已附上').waitFor();
    const items = await assessments.insights.load(org.orgId, assessmentId);
    const item60 = items.items.find((i) => i.item.item_number === 60)!;
    expect(item60.evidence.map((e) => e.row.id)).toContain(release.scanEvidenceId);

    // Item 55 (control 16.1): one click freezes the register as hashed evidence on the item.
    await page.keyboard.press('Escape');
    await page.getByTestId('item-row-55').click();
    await page.getByTestId('app-gate-line').filter({ hasText: '16.1' }).waitFor();
    await page.getByTestId('app-register-snapshot').click();
    await expect
      .poll(async () => {
        const loaded = await assessments.insights.load(org.orgId, assessmentId);
        return loaded.items.find((i) => i.item.item_number === 55)!.evidence.map((e) => e.row.source);
      })
      .toEqual(['register-snapshot']);

    // The same release in English.
    await page.evaluate(() => localStorage.setItem('jianhe.language', 'en'));
    await page.goto(`${server.url}/orgs/${org.orgId}/app-releases/${release.id}`);
    await page.getByTestId('gate').filter({ hasText: 'Risk accepted' }).waitFor();
    await page.getByText('By OWASP MASVS group').waitFor();
    await page.getByTestId('mark-released').click();
    await page.getByTestId('release-status').filter({ hasText: 'Released' }).waitFor();
    await page.close();
  });

  it('an app whose owner left shows as a task on the register, and setting a new owner on the app completes it', async () => {
    const { server, browser, org } = suite;
    const { appRegister, organizations } = server.database.services;
    const leaving = await createMember(server.database, org.orgId, {
      email: 'leaving.owner@example.test',
      name: '離職負責人',
      role: 'assessor',
    });
    const mobile = await appRegister.apps.create(
      { orgId: org.orgId, userId: org.users.assessor.id },
      {
        name: '行動開戶',
        platforms: ['ios'],
        bundleId: 'tw.example.onboarding',
        vendorKind: 'outside',
        ownerUserId: leaving.id,
      },
    );
    await organizations.removeMember(org.users.admin.id, org.orgId, leaving.id);

    const page = await browser.newPage();
    await signIn(page, server, org.users.assessor);
    await page.goto(`${server.url}/orgs/${org.orgId}/apps`);
    const tasks = page.getByTestId('app-owner-tasks');
    await tasks.getByText('行動開戶').waitFor();
    await tasks.getByText('指派新負責人').waitFor();
    await shot(page, 'apps-owner-task');

    await page.goto(`${server.url}/orgs/${org.orgId}/apps/${mobile.id}`);
    const owner = page.getByTestId('app-owner');
    await owner.getByLabel('指定負責人').click();
    await page.getByRole('option', { name: 'assessor e2e' }).click();
    await owner.getByRole('button', { name: '變更負責人' }).click();
    await owner.getByText('目前負責人: assessor e2e').waitFor();
    await shot(page, 'app-owner-card');

    await page.goto(`${server.url}/orgs/${org.orgId}/apps`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await expect.poll(() => page.getByTestId('app-owner-tasks').count()).toBe(0);
    const done = await appRegister.apps.tasksOf(org.orgId, 'done');
    expect(done.map((task) => [task.subject_id, task.done_by])).toEqual([[mobile.id, org.users.assessor.id]]);
    await page.close();
  });
});
