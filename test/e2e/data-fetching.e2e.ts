import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';

describe.skipIf(!chromiumAvailable)('shared data fetching in Chromium', () => {
  const suite = useBrowserSuite('E2E 資料載入證券股份有限公司');

  it('shows a failed read with the shared error and retry, and refreshes the list after a mutation', async () => {
    const { server, browser, org } = suite;
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    await server.database.services.assessments.lifecycle.create(actor, {
      catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: '載入測試',
      period: '115年度',
    });
    const page = await browser.newPage();
    await signIn(page, server, org.users.assessor);

    // The server fails every read of the list: the retries run out and the shared error offers a retry.
    const listUrl = `**/api/v1/orgs/${org.orgId}/assessments?**`;
    await page.route(listUrl, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'UNAVAILABLE', message: '暫時無法服務' }),
      }),
    );
    await page.goto(`${server.url}/orgs/${org.orgId}/assessments`);
    await page.getByTestId('query-error').getByText('暫時無法服務').waitFor();
    await page.unroute(listUrl);
    await page.getByTestId('query-retry').click();
    await page.getByRole('link', { name: '載入測試' }).waitFor();
    await expect(page.getByTestId('query-error').count()).resolves.toBe(0);

    // A created provider appears in the list without a reload: the mutation invalidates the cached list.
    await page.goto(`${server.url}/orgs/${org.orgId}/providers`);
    await page.getByTestId('add-provider').click();
    await page.getByLabel('提供者名稱').fill('快取雲端');
    await page.getByRole('button', { name: '儲存' }).click();
    await page.getByRole('link', { name: '快取雲端' }).waitFor();
    await page.close();
  });
});
