import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';
import { totpNow } from '../support/identity.js';

describe.skipIf(!chromiumAvailable)('assessment journey in Chromium', () => {
  const suite = useBrowserSuite('E2E 證券股份有限公司');

  it('creates, scopes, answers, uploads, submits and approves an assessment', async () => {
    const { server, browser, org } = suite;
    const assessor = await browser.newPage();
    await signIn(assessor, server, org.users.assessor);
    await assessor.goto(`${server.url}/orgs/${org.orgId}/assessments`);
    await assessor.getByRole('button', { name: '新增自評' }).click();
    await assessor.getByLabel('名稱').fill('115年度 E2E 自評');
    await assessor.getByLabel('期間').fill('115年度');
    await assessor.getByRole('button', { name: '下一步' }).click();
    await assessor
      .getByLabel('是否允許員工自攜行動裝置（BYOD）處理組織事務？（第15條）')
      .uncheck({ force: true });
    await assessor.getByRole('button', { name: '下一步' }).click();
    await assessor.getByRole('button', { name: '建立自評' }).click();
    await assessor.getByTestId('assessment-state').waitFor();
    const assessmentId = assessor.url().split('/').at(-1)!;

    // Answer item 1 through the item panel, with an uploaded PDF as evidence.
    await assessor.getByTestId('item-row-1').click();
    await assessor.getByTestId('item-result').click();
    await assessor.getByRole('option', { name: '符合', exact: true }).click();
    await assessor.getByLabel('說明').fill('已於選商前完成服務水準評估');
    await assessor.getByTestId('item-save').click();
    await assessor.getByText('已儲存').waitFor();
    // The discussion tab shows the change just made, field by field (its history answered 500 before).
    await assessor.getByRole('tab', { name: '討論' }).click();
    await assessor
      .getByTestId('item-history-entry')
      .getByText('說明: — → 已於選商前完成服務水準評估')
      .waitFor();
    await assessor.getByRole('tab', { name: /佐證資料/ }).click();
    // The per-file limit is stated before anyone picks a file.
    await assessor
      .getByTestId('upload-limit')
      .getByText(/^單一檔案上限 \d+(\.\d)? MB$/)
      .waitFor();
    await assessor.locator('input[type=file]').setInputFiles({
      name: '服務水準評估.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await assessor.getByRole('link', { name: '服務水準評估.pdf' }).waitFor();
    await assessor.keyboard.press('Escape');

    // The remaining items are answered through the same services the API uses (the UI path is covered above).
    const { assessments } = server.database.services;
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const loaded = await assessments.insights.load(org.orgId, assessmentId);
    expect(loaded.items.find((e) => e.item.item_number === 52)!.item.applicable).toBe(0);
    for (const { item } of loaded.items.filter((e) => e.item.applicable === 1 && e.item.item_number !== 1)) {
      await assessments.items.update(actor, item.id, item.version, {
        result: 'compliant',
        explanation: '依程序辦理',
      });
    }
    await assessor.reload();
    await assessor.getByRole('button', { name: '送審' }).click();
    await expect(assessor.getByTestId('assessment-state').textContent()).resolves.toBeTruthy();
    await assessor.getByText('審查中').first().waitFor();

    const reviewer = { orgId: org.orgId, userId: org.users.reviewer.id };
    for (const { item } of (await assessments.insights.load(org.orgId, assessmentId)).items.filter(
      (e) => e.item.applicable === 1,
    )) {
      await assessments.items.review(reviewer, item.id, item.version, { status: 'validated' });
    }

    const approver = await browser.newPage();
    await signIn(approver, server, org.users.approver);
    await approver.goto(`${server.url}/orgs/${org.orgId}/assessments/${assessmentId}`);
    await approver.getByRole('button', { name: '核定簽核' }).click();
    await approver.getByLabel('驗證碼').fill(await totpNow(org.users.approver.totpSecret!));
    await approver.getByRole('dialog').getByRole('button', { name: '核定簽核' }).click();
    await approver.getByTestId('fingerprint').waitFor();
    expect(await approver.getByTestId('fingerprint').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await approver.getByTestId('assessment-state').textContent()).toBe('已核定');
  });

  it('browses the catalog: search finds an item and derived items carry a badge', async () => {
    const { server, browser } = suite;
    const page = await browser.newPage();
    await page.goto(`${server.url}/catalog`);
    await page.getByTestId('catalog-item-1').waitFor();
    await page.getByTestId('catalog-search').fill('去識別化');
    await page.getByTestId('catalog-item-1').waitFor({ state: 'detached' });
    await page.getByTestId('catalog-item-56').waitFor();
    await expect(page.locator('[data-testid^="catalog-item-"]').count()).resolves.toBe(1);
    await expect(page.getByTestId('catalog-item-56').getByText('衍生項目').count()).resolves.toBe(1);
  });
});
