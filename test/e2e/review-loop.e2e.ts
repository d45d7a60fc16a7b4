import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FULL_SCOPE } from '../../src/server/modules/assessments/domain/scoping.js';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';
import { totpNow } from '../support/identity.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';
const SHOTS = process.env.JIANHE_SHOTS_DIR;

/** Screenshots for a person to look at (never compared): only when JIANHE_SHOTS_DIR is set. */
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

describe.skipIf(!chromiumAvailable)('role-aware workspace and the review loop in Chromium', () => {
  const suite = useBrowserSuite('E2E 覆核流程證券股份有限公司');

  it('shows an admin which role creates assessments and providers instead of a form that ends in 403', async () => {
    const { server, browser, org } = suite;
    const admin = await browser.newPage();
    await signIn(admin, server, org.users.admin);
    await admin.goto(`${server.url}/orgs/${org.orgId}/assessments`);
    await expect(admin.getByTestId('new-assessment').isDisabled()).resolves.toBe(true);
    await admin.getByTestId('new-assessment-reason').getByText('需由下列角色執行：填報人員').waitFor();
    await admin.goto(`${server.url}/orgs/${org.orgId}/providers`);
    await expect(admin.getByTestId('add-provider').isDisabled()).resolves.toBe(true);
    await admin.getByTestId('add-provider-reason').getByText('填報人員').waitFor();
    await admin.close();
  });

  it('returns with reasons the assessor sees, confirms in bulk, and approves only when complete', async () => {
    const { server, browser, org } = suite;
    const { assessments } = server.database.services;
    const assessorActor = { orgId: org.orgId, userId: org.users.assessor.id };
    const { id } = await assessments.lifecycle.create(assessorActor, {
      catalogRef: CATALOG,
      name: '115年度覆核測試',
      period: '115年度',
    });
    const workspace = `${server.url}/orgs/${org.orgId}/assessments/${id}`;
    const assessor = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(assessor, server, org.users.assessor);

    // A blocked submission counts the open items and links to them.
    await assessor.goto(workspace);
    await assessor
      .getByTestId('submit-reason')
      .getByText(/尚有 \d+ 項適用項目未評/)
      .waitFor();
    await expect(assessor.getByTestId('submit').isDisabled()).resolves.toBe(true);
    await assessor.getByTestId('submit-items').getByRole('link', { name: '開啟第 1 項' }).click();
    await assessor.waitForURL(`${workspace}/items/1`);
    await assessor.getByRole('dialog').getByText('未作答').waitFor();
    await assessor.keyboard.press('Escape');
    await assessor.waitForURL(workspace);

    const loaded = await assessments.insights.load(org.orgId, id);
    for (const { item } of loaded.items.filter((e) => e.item.applicable === 1))
      await assessments.items.update(assessorActor, item.id, item.version, {
        result: 'compliant',
        explanation: '依程序辦理',
      });
    await assessor.reload();
    await assessor.getByTestId('submit').click();
    await assessor.getByTestId('assessment-state').getByText('審查中').waitFor();
    // Returning and approving are not the assessor's job: not offered.
    await expect(assessor.getByRole('button', { name: '退回修正' }).count()).resolves.toBe(0);
    await expect(assessor.getByRole('button', { name: '核定簽核' }).count()).resolves.toBe(0);

    // The approver is told what is missing before any code is asked for.
    const approver = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(approver, server, org.users.approver);
    await approver.goto(workspace);
    await approver
      .getByTestId('approve-reason')
      .getByText(/尚有 \d+ 項未經覆核確認/)
      .waitFor();
    await expect(approver.getByTestId('approve').isDisabled()).resolves.toBe(true);

    // The reviewer flags item 1 with a note, confirms the rest in bulk and returns with an overall reason.
    const reviewer = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(reviewer, server, org.users.reviewer);
    await reviewer.goto(`${workspace}/items/1`);
    await reviewer.getByTestId('item-flag').click();
    await reviewer.getByText('標記「需修正」時，請於覆核意見寫明需修正之處。').waitFor();
    await reviewer.getByLabel('覆核意見').fill('合約未載明 SLA 量測方式');
    await reviewer.getByTestId('item-flag').click();
    await reviewer.getByTestId('item-review-note').getByText('合約未載明 SLA 量測方式').waitFor();
    await reviewer.keyboard.press('Escape');
    await reviewer.getByTestId('flagged-1').waitFor();
    await reviewer.getByTestId('filter-unreviewed').check();
    await reviewer.getByTestId('select-unreviewed').click();
    await shot(reviewer, 'workspace-review-1440');
    await reviewer.getByTestId('confirm-selected').click();
    await reviewer.getByTestId('confirmed-count').waitFor();
    await reviewer.getByTestId('item-row-2').waitFor({ state: 'detached' });
    await reviewer.getByTestId('item-row-1').waitFor();
    await reviewer.getByRole('button', { name: '退回修正' }).click();
    await reviewer.getByLabel('退回意見').fill('請補正第 1 項後再送審');
    await reviewer.getByTestId('return-confirm').click();
    await reviewer.getByTestId('assessment-state').getByText('草稿').waitFor();

    // The assessor sees why: the banner with the overall reason, the flagged item marked and linked.
    await assessor.reload();
    const banner = assessor.getByTestId('returned-banner');
    await banner.getByText('請補正第 1 項後再送審').waitFor();
    await banner.getByText('合約未載明 SLA 量測方式').waitFor();
    await assessor.getByTestId('flagged-1').waitFor();
    await shot(assessor, 'workspace-returned-1440');
    await banner.getByRole('link', { name: '#1' }).click();
    await assessor.getByTestId('item-review-note').getByText('合約未載明 SLA 量測方式').waitFor();
    await assessor.getByLabel('說明').fill('已補充 SLA 量測方式');
    await assessor.getByTestId('item-save').click();
    await assessor.getByText('已儲存').waitFor();
    await assessor.keyboard.press('Escape');
    await assessor.getByTestId('submit').click();
    await assessor.getByTestId('assessment-state').getByText('審查中').waitFor();

    await reviewer.reload();
    await reviewer.getByTestId('select-unreviewed').click();
    await reviewer.getByTestId('confirm-selected').click();
    await reviewer.getByTestId('confirmed-count').getByText('已確認 1 項。').waitFor();

    // A wrong code keeps the dialog open with the reason; the right one signs off.
    await approver.reload();
    await approver.getByTestId('approve').click();
    const dialog = approver.getByRole('dialog');
    await dialog.getByLabel('驗證碼').fill('000000');
    await dialog.getByRole('button', { name: '核定簽核' }).click();
    await dialog.getByTestId('approve-error').waitFor();
    await dialog.getByLabel('驗證碼').fill(await totpNow(org.users.approver.totpSecret!));
    await dialog.getByRole('button', { name: '核定簽核' }).click();
    await approver.getByTestId('fingerprint').waitFor();
    const signOff = await approver.getByTestId('sign-off-line').textContent();
    expect(signOff).toContain('覆核：reviewer');
    expect(signOff).toContain('核定：approver');
    await Promise.all([assessor.close(), reviewer.close(), approver.close()]);
  });

  it('counts carried-forward answers only once re-confirmed, filters them, and badges no out-of-scope item', async () => {
    const { server, browser, org } = suite;
    const { assessments } = server.database.services;
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const [approved] = (await assessments.lifecycle.list(org.orgId, 10)).filter(
      (a) => a.state === 'approved',
    );
    const next = await assessments.lifecycle.create(actor, {
      catalogRef: CATALOG,
      name: '116年度自評',
      period: '116年度',
      carryForwardFrom: approved!.id,
      scoping: { ...FULL_SCOPE, publishesMobileApps: false },
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server, org.users.assessor);
    await page.goto(`${server.url}/orgs/${org.orgId}/assessments/${next.id}`);
    await page
      .getByTestId('progress')
      .getByText(/^進度 0 \/ \d+$/)
      .waitFor();
    await page.getByTestId('unconfirmed-note').waitFor();
    // Submission waits for the re-confirmation, counting the items and linking to them.
    await page
      .getByTestId('submit-reason')
      .getByText(/尚有 \d+ 項延續自前期的答覆待重新確認/)
      .waitFor();
    await expect(page.getByTestId('submit').isDisabled()).resolves.toBe(true);
    await page.getByTestId('submit-items').getByRole('link', { name: '開啟第 1 項' }).waitFor();
    // Every item blocks here: the first links show, the rest behind a toggle, so the header stays short.
    await expect(page.getByTestId('submit-items').getByRole('link').count()).resolves.toBe(12);
    await shot(page, 'workspace-carried-1440');
    const { items } = await assessments.insights.load(org.orgId, next.id);
    const outOfScope = items.find((e) => e.item.applicable === 0)!.item.item_number;
    await expect(page.getByTestId(`item-row-${outOfScope}`).getByText('待重新確認').count()).resolves.toBe(0);
    await page.getByTestId('filter-reconfirm').check();
    await page.getByTestId(`item-row-${outOfScope}`).waitFor({ state: 'detached' });
    await page.getByTestId('item-row-1').click();
    await page.getByRole('button', { name: '確認延續內容無誤' }).click();
    await page.getByText('已儲存').waitFor();
    await page.keyboard.press('Escape');
    await page
      .getByTestId('progress')
      .getByText(/^進度 1 \/ \d+$/)
      .waitFor();
    await page.getByTestId('item-row-1').waitFor({ state: 'detached' });

    // The same workspace on a phone: nothing wider than the screen, text not at the very edge.
    const phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await signIn(phone, server, org.users.assessor);
    await phone.goto(`${server.url}/orgs/${org.orgId}/assessments/${next.id}`);
    await phone.getByTestId('item-row-2').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await phone.getByTestId('assessment-state').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(8);
    const question = await phone.getByTestId('item-row-2').getByRole('link').boundingBox();
    expect(question!.width).toBeGreaterThan(250);
    await shot(phone, 'workspace-390');
    await phone.goto(`${server.url}/orgs/${org.orgId}/assessments/${next.id}/items/2`);
    await phone.getByRole('dialog').getByText('#2').waitFor();
    await shot(phone, 'item-390');
    await Promise.all([page.close(), phone.close()]);
  });
});
