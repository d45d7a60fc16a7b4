import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';
import { seedOrganization } from '../support/identity.js';

const NEW_PASSWORD = 'Invited colleague passphrase 2026';

async function passwordSignIn(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel('電子郵件').fill(email);
  await page.getByLabel('密碼').fill(password);
  await page.getByRole('button', { name: '登入' }).last().click();
}

describe.skipIf(!chromiumAvailable)('invitations in Chromium', () => {
  const suite = useBrowserSuite('E2E 邀請證券股份有限公司');

  it('an admin invites by e-mail, the invitee registers from the link, and an approver enrols 2FA first', async () => {
    const { server, browser, org } = suite;
    const admin = await browser.newPage();
    await signIn(admin, server, org.users.admin);
    await admin.goto(`${server.url}/orgs/${org.orgId}/members`);
    await admin.getByTestId('role-guide').getByText('職務分離').waitFor();

    let previousLink = '';
    const invite = async (email: string, role: string) => {
      await admin.getByLabel('電子郵件').fill(email);
      await admin.getByTestId('invite-role').click();
      await admin.getByRole('option', { name: role, exact: true }).click();
      await admin.getByTestId('invite').click();
      await admin.getByTestId('open-invitations').getByText(email).waitFor();
      // The box shows the previous invitation's link until this one's answer renders: wait for the new link.
      await admin.waitForFunction((previous) => {
        const text = document.querySelector('[data-testid="invitation-link"]')?.textContent?.trim();
        return Boolean(text) && text !== previous;
      }, previousLink);
      previousLink = (await admin.getByTestId('invitation-link').textContent())!.trim();
      return previousLink;
    };
    const assessorLink = await invite('new.assessor@e2e.example', '填報人員');
    expect(assessorLink).toContain('/invite/');

    // The invitee has no account: the link page shows who invites whom, and registers a password.
    const invitee = await (await browser.newContext()).newPage();
    await invitee.goto(assessorLink);
    await invitee.getByText('new.assessor@e2e.example 受邀以「填報人員」身分加入').waitFor();
    await invitee.getByLabel('姓名').fill('新進填報人員');
    await invitee.getByLabel('密碼').fill(NEW_PASSWORD);
    await invitee.getByTestId('invitation-register').click();
    await invitee.getByTestId('invitation-done').waitFor();
    await passwordSignIn(invitee, server.url, 'new.assessor@e2e.example', NEW_PASSWORD);
    await invitee.getByRole('heading', { name: '歡迎使用檢核' }).waitFor();
    await admin.reload();
    await admin.getByText('新進填報人員').waitFor();

    // Someone who already has an account (in another firm) accepts under /me/invitations.
    const elsewhere = await seedOrganization(server.database, 'Elsewhere Securities');
    await invite(elsewhere.users.assessor.email, '檢視者');
    const existing = await (await browser.newContext()).newPage();
    await signIn(existing, server, elsewhere.users.assessor);
    await existing.goto(`${server.url}/me/invitations`);
    await existing.getByTestId('my-invitation').getByText('E2E 邀請證券股份有限公司').waitFor();
    await existing.getByRole('button', { name: '接受' }).click();
    await existing.waitForURL(`${server.url}/orgs/${org.orgId}/assessments`);

    // An approver must enrol a second factor: at first sign-in they land on enrolment.
    const approverLink = await invite('new.approver@e2e.example', '核定主管');
    const approver = await (await browser.newContext()).newPage();
    await approver.goto(approverLink);
    await approver.getByLabel('姓名').fill('新任核定主管');
    await approver.getByLabel('密碼').fill(NEW_PASSWORD);
    await approver.getByTestId('invitation-register').click();
    await approver.getByTestId('invitation-done').waitFor();
    await passwordSignIn(approver, server.url, 'new.approver@e2e.example', NEW_PASSWORD);
    await approver.waitForURL(/\/profile\?enrol=1$/);
    await approver.getByTestId('enrolment-required').waitFor();
    // Any organisation page brings them back to enrolment until it is done.
    await approver.goto(`${server.url}/orgs/${org.orgId}/assessments`);
    await approver.waitForURL(/\/profile\?enrol=1$/);
  });
});
