import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.js';
import { type SeededOrg, seedOrganization, TEST_PASSWORD } from '../support/identity.js';
import { type LiveServer, startLiveServer } from '../support/live-server.js';

async function signIn(page: Page, server: LiveServer, email: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('電子郵件').fill(email);
  await page.getByLabel('密碼').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登入' }).last().click();
  await page.getByRole('heading', { name: '歡迎使用檢核' }).waitFor();
}

describe.skipIf(!chromiumAvailable)('provider dashboard and item hints in Chromium', () => {
  let server: LiveServer;
  let browser: Browser;
  let org: SeededOrg;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
    org = await seedOrganization(server.database, 'E2E 雲端投信股份有限公司');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows register health on the provider list and coverage while answering item 2, then assigns it', async () => {
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const { providers, assessments } = server.database.services;
    await providers.providers.create(actor, {
      name: '甲雲端',
      serviceModels: ['IaaS'],
      critical: true,
      contractStatesRto: true,
      rtoHours: 4,
    });
    await providers.providers.create(actor, { name: '乙雲端', serviceModels: ['SaaS'], critical: true });
    const { id } = await assessments.lifecycle.create(actor, {
      catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: '提示測試',
      period: '115年度',
    });
    const page = await browser.newPage();
    await signIn(page, server, org.users.assessor.email);
    await page.goto(`${server.url}/orgs/${org.orgId}/providers`);
    await page.getByText('雲端服務提供者概況').waitFor();
    await page.getByTestId('dash-critical').filter({ hasText: '2' }).waitFor();

    await page.goto(`${server.url}/orgs/${org.orgId}/assessments/${id}`);
    await page.getByTestId('item-row-2').click();
    await page.getByTestId('provider-hint').filter({ hasText: '1 / 2' }).waitFor();

    // Assign the item to the reviewer, then filter the workspace by that person.
    await page.getByTestId('item-assignee').click();
    await page
      .getByRole('option', { name: `reviewer ${org.users.reviewer.email.split('@')[0]!.split('.')[1]}` })
      .click();
    await page.getByTestId('item-save').click();
    await page.getByText('已儲存').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('filter-assignee').click();
    await page.getByRole('option', { name: /^reviewer / }).click();
    await page.getByTestId('item-row-2').waitFor();
    await expect(page.getByTestId('item-row-1').count()).resolves.toBe(0);
    await page.close();
  });
});
