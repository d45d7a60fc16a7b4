import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';

describe.skipIf(!chromiumAvailable)('exports and offline re-import in Chromium', () => {
  const suite = useBrowserSuite('E2E 匯出期貨股份有限公司');

  it('downloads the XLSX from the workspace, previews an offline edit with a bad row, then applies a good one', async () => {
    const { server, browser, org } = suite;
    const { id: assessmentId } = await server.database.services.assessments.lifecycle.create(
      { orgId: org.orgId, userId: org.users.assessor.id },
      {
        catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
        name: '匯出測試',
        period: '115年度',
      },
    );
    const page = await browser.newPage({ acceptDownloads: true });
    await signIn(page, server, org.users.assessor);
    await page.goto(`${server.url}/orgs/${org.orgId}/assessments/${assessmentId}`);

    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    sheet.getRow(2).getCell(6).value = '不符合'; // item 1, no compensating control yet
    const bad = Buffer.from(await workbook.xlsx.writeBuffer());

    await page.getByTestId('import-open').click();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'checklist.xlsx', mimeType: 'application/octet-stream', buffer: bad });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-errors').getByText('補償性措施').first().waitFor();
    await expect(page.getByTestId('import-apply').isDisabled()).resolves.toBe(true);

    sheet.getRow(2).getCell(8).value = '由母公司資安單位代為評估';
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'checklist.xlsx', mimeType: 'application/octet-stream', buffer: good });
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-changes').getByText('由母公司資安單位代為評估').waitFor();
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-changes').waitFor({ state: 'detached' });

    const { items } = await server.database.services.assessments.insights.load(org.orgId, assessmentId);
    const first = items.find((entry) => entry.item.item_number === 1)!.item;
    expect(first.result).toBe('non_compliant');
    expect(first.compensating_control).toBe('由母公司資安單位代為評估');
    await page.close();
  });
});
