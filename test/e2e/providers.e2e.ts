import { describe, expect, it } from 'vitest';
import { addMonths, todayInTaipei } from '../../src/server/modules/providers/domain/calendar-date.js';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';

describe.skipIf(!chromiumAvailable)('provider dashboard and item hints in Chromium', () => {
  const suite = useBrowserSuite('E2E 雲端投信股份有限公司');

  it('shows register health on the provider list and coverage while answering item 2, then assigns it', async () => {
    const { server, browser, org } = suite;
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
    await signIn(page, server, org.users.assessor);
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

  it('asks for the last audit when a provider is added: due a year later, not overdue at once', async () => {
    const { server, browser, org } = suite;
    const lastAudit = addMonths(todayInTaipei(), -2);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server, org.users.assessor);
    await page.goto(`${server.url}/orgs/${org.orgId}/providers`);
    await page.getByTestId('add-provider').click();
    const form = page.getByRole('dialog');
    await form.getByLabel('提供者名稱').fill('丙雲端');
    await form.getByTestId('provider-contractStart').fill('2019-04-01');
    await form.getByTestId('provider-lastAuditDate').fill(lastAudit);
    await form.getByRole('button', { name: '儲存' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: '丙雲端' }).click();
    const due = page.getByTestId('provider-next-audit');
    await due.getByText(addMonths(lastAudit, 12)).waitFor();
    await due.getByText(`自 ${lastAudit} 最近一次查核起算`, { exact: false }).waitFor();
    await expect(due.getByText('查核逾期').count()).resolves.toBe(0);
    await page.getByTestId('provider-last-audit').getByText(lastAudit).waitFor();
    await page.close();
  });
});
