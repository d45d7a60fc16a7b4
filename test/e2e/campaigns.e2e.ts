import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../support/browser.js';
import { approvedAssessment, classify } from '../support/campaigns.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';
import { type SeededOrg, seedOrganization } from '../support/identity.js';

const SHOTS = process.env.JIANHE_SHOTS_DIR;

/** Screenshots for a person to look at (never compared): only when JIANHE_SHOTS_DIR is set. */
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

const sizes = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
] as const;

/**
 * An association invites two firms through its page; each firm's administrator accepts, starts the campaign
 * assessment and submits it once approved; each sees its benchmark; the association's aggregates, with
 * k = 3, hide the futures segment (one firm) while the whole campaign is shown. Three more securities firms
 * have joined and submit through the services, so that some segments reach k.
 */
describe.skipIf(!chromiumAvailable)('association campaigns in Chromium', () => {
  const suite = useBrowserSuite('E2E 證券商業同業公會');

  async function pageFor(browser: Browser, org: SeededOrg, role: 'admin' | 'assessor' = 'admin') {
    const page = await browser.newPage({ viewport: sizes[0] });
    await signIn(page, suite.server, org.users[role]);
    return page;
  }

  it('invites two firms, both submit and see their benchmark, and a segment below k stays hidden', async () => {
    const { server, browser, org: association } = suite;
    const db = server.database;
    const { campaigns } = db.services;
    await classify(db, association, 'association');
    const associationActor = { orgId: association.orgId, userId: association.users.admin.id };
    // Three securities firms that joined earlier and have an approved assessment ready.
    const earlier: { org: SeededOrg; assessmentId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const org = await seedOrganization(db, `E2E Earlier ${i} 證券`);
      const businessId = await classify(db, org, 'securities');
      const invited = await campaigns.association.inviteMember(associationActor, {
        businessId,
        sizeBand: 'large',
      });
      await campaigns.participation.decide(
        { orgId: org.orgId, userId: org.users.admin.id },
        invited.id,
        'accept',
      );
      earlier.push({
        org,
        assessmentId: await approvedAssessment(db, org, (n) => (n % 4 ? 'compliant' : 'non_compliant')),
      });
    }
    const securities = await seedOrganization(db, 'E2E Alpha 甲證券股份有限公司');
    const futures = await seedOrganization(db, 'E2E Beta 乙期貨股份有限公司');
    const firms = [
      { org: securities, businessId: await classify(db, securities, 'securities'), band: 'large' },
      { org: futures, businessId: await classify(db, futures, 'futures'), band: 'small' },
    ];

    // The association invites both firms by 統一編號.
    const staff = await pageFor(browser, association);
    await staff.goto(`${server.url}/orgs/${association.orgId}/association`);
    await staff.getByRole('heading', { name: '公會：會員與調查' }).waitFor();
    for (const firm of firms) {
      await staff.getByLabel('統一編號').fill(firm.businessId);
      await staff.getByRole('textbox', { name: '規模' }).click();
      await staff.getByRole('option', { name: firm.band, exact: true }).click();
      await staff.getByRole('button', { name: '邀請會員' }).click();
      await staff.getByTestId('association-members').getByText(firm.businessId).waitFor();
    }

    // Each firm's administrator accepts.
    for (const firm of firms) {
      const admin = await pageFor(browser, firm.org);
      await admin.goto(`${server.url}/orgs/${firm.org.orgId}/campaigns`);
      await admin.getByTestId('memberships').getByText('E2E 證券商業同業公會').waitFor();
      await admin.getByRole('button', { name: '接受' }).click();
      await admin.getByTestId('memberships').getByText('有效').waitFor();
      await admin.close();
    }

    // The association creates the campaign with k = 3, for all five active members.
    await staff.reload();
    await staff.getByTestId('association-members').getByText('E2E Beta 乙期貨股份有限公司').waitFor();
    await staff.getByLabel('名稱').fill('雲端指引自評');
    await staff.getByLabel('截止日').fill('2099-12-31');
    await staff.getByLabel('小格門檻 k（至少 3）').fill('3');
    await staff.getByRole('button', { name: '建立調查（邀請全部有效會員）' }).click();
    await staff.getByTestId('campaign-board').getByText('E2E Alpha 甲證券股份有限公司').waitFor();
    const [campaign] = await campaigns.association.listCampaigns(association.orgId);
    expect(campaign!.k_threshold).toBe(3);
    for (const { org, assessmentId } of earlier) {
      const [place] = await campaigns.participation.participations(org.orgId);
      await campaigns.participation.submit({ orgId: org.orgId, userId: org.users.admin.id }, place!.id, {
        assessmentId,
      });
    }

    // Each firm starts its campaign assessment, has it approved and submits it; then each reads its benchmark.
    for (const [i, firm] of firms.entries()) {
      // The assessor starts it (assessment:write); the administrator submits (campaign:submit).
      const assessor = await pageFor(browser, firm.org, 'assessor');
      await assessor.goto(`${server.url}/orgs/${firm.org.orgId}/campaigns`);
      await assessor.getByRole('button', { name: '建立調查自評' }).click();
      await assessor.getByRole('button', { name: '提交已核定自評' }).waitFor();
      await assessor.close();
      const [place] = await campaigns.participation.participations(firm.org.orgId);
      await approvedAssessment(
        db,
        firm.org,
        (n) => ((n + i) % 3 ? 'compliant' : 'partially_compliant'),
        place!.assessment_id!,
      );
      const admin = await pageFor(browser, firm.org);
      await admin.goto(`${server.url}/orgs/${firm.org.orgId}/campaigns`);
      await admin.getByRole('button', { name: '提交已核定自評' }).click();
      await admin.getByTestId('participations').getByText('已提交第 1 版').waitFor();
      await admin.close();
    }
    for (const [i, firm] of firms.entries()) {
      const admin = await pageFor(browser, firm.org);
      await admin.goto(`${server.url}/orgs/${firm.org.orgId}/campaigns`);
      await admin.getByRole('button', { name: '同業比較' }).click();
      const benchmark = admin.getByTestId('benchmark');
      // Peers are the four other firms (at least k), the firm itself left out.
      await benchmark.getByText('n = 4').waitFor();
      await benchmark
        .getByLabel(/^第 \d+ 章$/)
        .first()
        .waitFor();
      if (i === 0)
        for (const viewport of sizes) {
          await admin.setViewportSize(viewport);
          await shot(admin, `campaign-benchmark-${viewport.width}`);
        }
      await admin.close();
    }

    // The association's board shows everyone submitted; its aggregates hide the one-firm futures segment.
    await staff.reload();
    await staff.getByRole('textbox', { name: '調查活動' }).click();
    await staff.getByRole('option', { name: /雲端指引自評/ }).click();
    const board = staff.getByTestId('campaign-board');
    await expect.poll(() => board.getByText('已提交').count()).toBe(5);
    const aggregates = staff.getByTestId('campaign-aggregates');
    await aggregates.locator('[data-segment="all"][data-shown="true"]').waitFor();
    await aggregates.locator('[data-segment="industry:futures"][data-shown="false"]').waitFor();
    await expect(
      aggregates
        .locator('[data-segment="industry:futures"]')
        .getByText('不顯示（少於 k 家或互補抑制）')
        .count(),
    ).resolves.toBe(1);
    // Nothing of the hidden segment's figures reaches the page.
    await expect(aggregates.locator('[data-segment="industry:futures"]').textContent()).resolves.not.toMatch(
      /%/,
    );
    for (const viewport of sizes) {
      await staff.setViewportSize(viewport);
      await shot(staff, `campaign-board-aggregates-${viewport.width}`);
    }
    await staff.close();
  }, 240_000);
});
