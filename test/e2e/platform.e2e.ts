import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';

describe.skipIf(!chromiumAvailable)('platform administration in Chromium', () => {
  const suite = useBrowserSuite('E2E 平台管理證券');

  it('lets a platform administrator list and create organisations', async () => {
    const { server, browser, org } = suite;
    await server.database.handle.db
      .updateTable('app_user')
      .set({ platform_admin: 1 })
      .where('id', '=', org.users.admin.id)
      .execute();
    const page = await browser.newPage();
    await signIn(page, server, org.users.admin);
    await page.getByRole('link', { name: '組織管理' }).click();
    await page.getByTestId('org-list').getByText('E2E 平台管理證券').waitFor();
    await page.getByLabel('組織名稱').fill('新設期貨股份有限公司');
    await page.getByRole('textbox', { name: '業別' }).click();
    await page.getByRole('option', { name: '期貨商' }).click();
    await page.getByTestId('org-create').click();
    await page.getByTestId('org-list').getByText('新設期貨股份有限公司').waitFor();
    const created = await server.database.services.identity.findOrganizationByName('新設期貨股份有限公司');
    expect(created?.industry).toBe('futures');
    await page.close();
  });
});
