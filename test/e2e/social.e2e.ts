import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';

const SHOTS = process.env.JIANHE_SHOTS_DIR;

/** Screenshots for a person to look at (never compared), at 1440 and 390 px: only when JIANHE_SHOTS_DIR is set. */
async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: false });
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** A small real PNG (an 8×8 grey square), made here so the upload is an image the server can sniff. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0);
  header.writeUInt32BE(8, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...Array(8).fill(128)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(!chromiumAvailable)('social media register and post approval in Chromium', () => {
  const suite = useBrowserSuite('E2E 社群證券股份有限公司');

  it('an admin registers an account, a colleague’s post is approved by a second person, item 40 shows the figures', async () => {
    const { server, browser, org } = suite;
    const base = `${server.url}/orgs/${org.orgId}/social`;
    const asUser = async (user: (typeof org.users)[keyof typeof org.users]) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await signIn(page, server, user);
      return { page, close: () => context.close() };
    };

    // The admin registers the firm's LINE account with a verified authenticator app.
    const admin = await asUser(org.users.admin);
    await admin.page.goto(base);
    await admin.page.getByTestId('social-account-add').click();
    await admin.page.getByLabel('帳號名稱').fill('@firm-line');
    await admin.page.getByLabel('用途').fill('客戶服務');
    await admin.page.getByRole('textbox', { name: '雙因子驗證方式' }).click();
    await admin.page.getByRole('option', { name: '驗證器 App' }).click();
    await admin.page.getByLabel('雙因子確認日').fill('2026-11-30');
    await admin.page.getByTestId('social-account-save').click();
    await admin.page.getByTestId('social-accounts').getByText('@firm-line').waitFor();
    await admin.page.getByTestId('social-figures').getByText('1 個帳號中 1 個已驗證雙因子').waitFor();
    await shots(admin.page, 'social-accounts');

    // Someone else saves the account while the admin has it open: the admin's edit is refused (409), said so.
    await admin.page.getByTestId('social-accounts').getByText('@firm-line').click();
    await admin.page.getByTestId('social-account-edit').waitFor();
    const [account] = await server.database.services.social.accounts.list(org.orgId, 10);
    await server.database.services.social.accounts.update(
      { orgId: org.orgId, userId: org.users.assessor.id },
      account!.id,
      account!.version,
      { department: '數位金融部' },
    );
    await admin.page.getByTestId('social-account-edit').click();
    await admin.page.getByRole('textbox', { name: '狀態' }).click();
    await admin.page.getByRole('option', { name: '停用中' }).click();
    await admin.page.getByTestId('social-account-edit-save').click();
    await admin.page.getByTestId('social-account-error').getByText('資料已被他人更新').waitFor();
    // Reloaded as it now stands, the same edit goes through.
    await admin.page.getByText('數位金融部').waitFor();
    await admin.page.getByTestId('social-account-edit').click();
    await admin.page.getByRole('textbox', { name: '狀態' }).click();
    await admin.page.getByRole('option', { name: '停用中' }).click();
    // The screenshot is evidence, which an admin does not produce: the upload says who can.
    await admin.page
      .getByTestId('social-profile-evidence-upload-reason')
      .getByText(/填報人員/)
      .waitFor();
    await expect(admin.page.getByTestId('social-profile-evidence-upload').isDisabled()).resolves.toBe(true);
    await admin.page.getByTestId('social-account-edit-save').click();
    await admin.page.getByRole('cell', { name: '停用中' }).waitFor();
    await expect(admin.page.getByTestId('social-account-error').count()).resolves.toBe(0);
    await server.database.services.social.accounts.update(
      { orgId: org.orgId, userId: org.users.admin.id },
      account!.id,
      account!.version + 2,
      { status: 'active' },
    );
    await admin.close();

    // Art. 11.3: a colleague uploads the profile screenshot as evidence with its valid-until date.
    const author = await asUser(org.users.assessor);
    await author.page.goto(`${base}/accounts/${account!.id}`);
    await author.page.getByTestId('social-account-edit').click();
    await author.page.getByTestId('social-profile-evidence-valid-until').fill('2027-06-30');
    const [chooser] = await Promise.all([
      author.page.waitForEvent('filechooser'),
      author.page.getByTestId('social-profile-evidence-upload').click(),
    ]);
    await chooser.setFiles({ name: 'line-profile.png', mimeType: 'image/png', buffer: tinyPng() });
    await author.page
      .getByTestId('social-profile-evidence')
      .getByRole('link', { name: /line-profile\.png · 截圖有效期限 2027-06-30/ })
      .waitFor();
    await author.page.getByTestId('social-account-edit-save').click();
    await author.page.getByTestId('social-account-screenshot').getByText('截圖有效期限 2027-06-30').waitFor();

    // The colleague drafts and submits a post.
    await author.page.goto(`${base}/posts`);
    await author.page.getByLabel('標題').fill('年終講座');
    await author.page.getByLabel('內文').fill('12 月 20 日投資講座，歡迎報名。');
    await author.page.getByTestId('social-post-accounts').click();
    await author.page.getByRole('option', { name: 'LINE @firm-line' }).click();
    await author.page.keyboard.press('Escape');
    await author.page.getByTestId('social-post-save').click();
    await author.page.getByTestId('social-post-年終講座').getByTestId('social-post-submit').click();
    await author.page.getByTestId('social-post-年終講座').getByText('待審核').waitFor();
    // The author sees no approve button on their own post.
    await expect(author.page.getByTestId('social-post-approve').count()).resolves.toBe(0);

    // The approver approves it; the approved text's SHA-256 is shown.
    const approver = await asUser(org.users.approver);
    await approver.page.goto(`${base}/posts`);
    await approver.page.getByTestId('social-post-年終講座').getByTestId('social-post-approve').waitFor();
    await shots(approver.page, 'social-approval-queue');
    await approver.page.getByTestId('social-post-年終講座').getByTestId('social-post-approve').click();
    await approver.page.getByTestId('social-post-年終講座').getByText('已核准').waitFor();
    await approver.page.getByText('核准內文 SHA-256').waitFor();
    await approver.close();

    // Item 40 in an assessment shows what the register says, and attaches its snapshot.
    const { id } = await server.database.services.assessments.lifecycle.create(
      { orgId: org.orgId, userId: org.users.assessor.id },
      {
        catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
        name: '社群自評',
        period: '115年度',
      },
    );
    await author.page.goto(`${server.url}/orgs/${org.orgId}/assessments/${id}`);
    await author.page.getByTestId('item-row-40').click();
    const hint = author.page.getByTestId('social-hint');
    await hint.getByText('1 個帳號中 1 個已驗證雙因子').waitFor();
    await hint.getByTestId('social-snapshot').click();
    await hint.getByText(/已附上快照/).waitFor();
    await author.close();
  });
});
