import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.js';
import { signIn } from '../support/e2e.js';
import { seedOrganization } from '../support/identity.js';
import { type LiveServer, startLiveServer } from '../support/live-server.js';

describe.skipIf(!chromiumAvailable)('provider questionnaire on a phone', () => {
  let server: LiveServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startLiveServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the provider answer and submit on a 390×844 screen without logging in, and the firm accept the replies', async () => {
    const org = await seedOrganization(server.database, '手機問卷證券');
    const { providers, questionnaires } = server.database.services.providers;
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const provider = await providers.create(actor, {
      name: '雲端服務股份有限公司',
      serviceModels: ['IaaS'],
      critical: true,
    });
    const contact = await providers.addContact(actor, provider.id, {
      name: '王小明',
      email: 'ming@cloud.example',
    });
    const sent = await questionnaires.send(actor, provider.id, contact.id, server.url, null);

    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(sent.link);
    await page.getByText('雲端服務提供者問卷').waitFor();
    const questions = page.locator('[data-testid^="question-"]');
    expect(await questions.count()).toBe(15);
    for (let i = 0; i < 15; i++) {
      const card = questions.nth(i);
      await card.getByText('是', { exact: true }).click();
      await card.getByLabel('說明').fill(`第${i + 1}題說明`);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Attaching a file before saving keeps every unsaved answer (it used to read back as "").
    await questions
      .nth(0)
      .locator('input[type=file]')
      .setInputFiles({
        name: 'SOC2報告.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
    await questions
      .nth(0)
      .getByText(/SOC2報告\.pdf/)
      .waitFor();
    await expect(questions.nth(0).getByLabel('說明').inputValue()).resolves.toBe('第1題說明');
    await expect(questions.nth(14).getByLabel('說明').inputValue()).resolves.toBe('第15題說明');
    await page.getByRole('button', { name: '提交問卷' }).click();
    await page.getByTestId('questionnaire-submitted').waitFor();

    const stored = await questionnaires.get(org.orgId, sent.questionnaire.id);
    expect(stored.status).toBe('submitted');
    const again = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await again.goto(sent.link);
    await again.getByText('此問卷已提交，連結不能再使用。').waitFor();

    // The firm reviews the replies in its workspace and accepts them into this year's assessment.
    const assessment = await server.database.services.assessments.lifecycle.create(actor, {
      catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: '115年度自評',
      period: '115年度',
    });
    const firm = await browser.newPage();
    await signIn(firm, server, org.users.assessor);
    await firm.goto(`${server.url}/orgs/${org.orgId}/providers/${provider.id}`);
    await firm.getByTestId('questionnaire-review').click();
    await firm.getByTestId('questionnaire-replies').getByText('第1題說明').waitFor();
    await firm.getByRole('textbox', { name: '接受後附為佐證至' }).click();
    await firm.getByRole('option', { name: /115年度自評/ }).click();
    await firm.getByTestId('questionnaire-accept').click();
    await firm.getByTestId('questionnaire-replies').waitFor({ state: 'detached' });
    expect((await questionnaires.get(org.orgId, sent.questionnaire.id)).status).toBe('accepted');
    const { items } = await server.database.services.assessments.insights.load(org.orgId, assessment.id);
    // Item 4 (question 1) gets the reply and the attached SOC 2 report.
    expect(items.find((entry) => entry.item.item_number === 4)!.evidence).toHaveLength(2);
    expect(items.find((entry) => entry.item.item_number === 5)!.evidence).toHaveLength(1);
    // The evidence says where it came from.
    await firm.goto(`${server.url}/orgs/${org.orgId}/assessments/${assessment.id}`);
    await firm.getByTestId('item-row-4').click();
    await firm.getByRole('tab', { name: /佐證資料/ }).click();
    await firm.getByText('提供者問卷', { exact: true }).first().waitFor();
  });
});
