import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TenantScope } from '../../src/server/db/tenancy/tenant-scope.js';
import { EvidenceRepository } from '../../src/server/modules/evidence/evidence.repository.js';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/devices/intune-en.csv');

describe.skipIf(!chromiumAvailable)('device register in Chromium', () => {
  const suite = useBrowserSuite('E2E 行動證券股份有限公司');

  it('imports an Intune CSV, shows the failing devices, and attaches the summary snapshot to item 50', async () => {
    const { server, browser, org } = suite;
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const { id } = await server.database.services.assessments.lifecycle.create(actor, {
      catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: '行動裝置自評',
      period: '115年度',
    });
    const page = await browser.newPage();
    await signIn(page, server, org.users.assessor);

    await page.goto(`${server.url}/orgs/${org.orgId}/devices/import`);
    await page.locator('input[type=file]').setInputFiles(FIXTURE);
    await page.getByRole('button', { name: '預覽' }).click();
    await page.getByTestId('device-import-preview').getByText('辨識來源：intune，共 4 列').waitFor();
    await page.getByText('新增 4、更新 0、標記缺漏 0').waitFor();
    await page.getByRole('button', { name: '套用全部' }).click();

    await page.getByTestId('device-table').waitFor();
    await page.getByTestId('filter-posture').click();
    await page.getByRole('option', { name: '有未通過項目' }).click();
    // TPE-IPHONE-002 is not encrypted and TPE-PIXEL-003 is jailbroken; the others fail nothing observed.
    await page.getByRole('link', { name: 'TPE-PIXEL-003' }).waitFor();
    await page.getByRole('link', { name: 'TPE-IPHONE-002' }).waitFor();
    await expect(page.getByRole('link', { name: 'TPE-IPHONE-001' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'TPE-PIXEL-003' }).click();
    await page.getByTestId('device-controls').getByText('未通過').first().waitFor();

    await page.goto(`${server.url}/orgs/${org.orgId}/devices/summary`);
    await page.getByTestId('device-summary').getByText('50 · Art. 14.4(7)').waitFor();
    await page.getByTestId('snapshot-item').waitFor();
    await page.getByRole('button', { name: '附加快照至項目' }).click();
    await page.getByText(/已附加快照/).waitFor();

    const items = await server.database.services.assessments.insights.load(org.orgId, id);
    const item50 = items.items.find(({ item }) => item.item_number === 50)!.item;
    const attached = await new EvidenceRepository().listForItem(
      TenantScope.of(server.database.handle.db, org.orgId),
      item50.id,
    );
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatchObject({
      source: 'register-snapshot',
      source_ref: 'device',
      mime_type: 'application/json',
    });
    await page.close();
  });
});
