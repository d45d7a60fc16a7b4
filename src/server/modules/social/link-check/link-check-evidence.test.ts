import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../../test/support/app.js';
import { chromiumAvailable } from '../../../../../test/support/browser.js';
import { runCli } from '../../../../../test/support/cli.js';
import { cliEnvFor, describeEachDatabase } from '../../../../../test/support/databases.js';
import {
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
} from '../../../../../test/support/identity.js';
import { type SitePages, startSitePages } from '../../../../../test/support/site-pages.js';
import { CATALOG_REF } from '../../../../../test/support/tenant-records.js';
import type { App } from '../../../platform/app.js';

/**
 * The link check as evidence: from the API on registered pages only (stored with the time and the pages,
 * a screenshot per link, attached to item 38), and from the CLI (exit 2 when a notice is missing).
 */
describe.skipIf(!chromiumAvailable)('exit-notice check results as evidence', () => {
  let site: SitePages;
  beforeAll(async () => {
    site = await startSitePages();
  });
  afterAll(() => site.close());

  describeEachDatabase('API and CLI', (db) => {
    let app: App;
    let org: SeededOrg;
    let assessor: Session;
    let item38: string;
    beforeAll(async () => {
      app = await createTestApp(db());
      org = await seedOrganization(db(), 'Link Check Securities');
      assessor = await login(app, org.users.assessor);
      const actor = { orgId: org.orgId, userId: org.users.assessor.id };
      const { assessments } = db().services;
      const assessment = await assessments.lifecycle.create(actor, {
        catalogRef: CATALOG_REF,
        name: '社群',
        period: '2026',
      });
      const { items } = await assessments.insights.load(org.orgId, assessment.id);
      item38 = items.find((i) => i.item.item_id === 'item-38')!.item.id;
    });
    afterAll(() => app.close());

    const base = () => `/api/v1/orgs/${org.orgId}/social`;

    it('checks registered pages only, stores the report and screenshots, and attaches the report to item 38', async () => {
      const unregistered = await db()
        .services.social.linkChecks.run(
          { orgId: org.orgId, userId: org.users.assessor.id },
          { urls: [site.url('/confirm')] },
        )
        .catch((e: { code: string }) => e.code);
      expect(unregistered).toBe('SOCIAL_SITE_PAGE_REQUIRED');
      const pages = [];
      for (const path of ['/script-plain', '/confirm']) {
        const page = await app.inject({
          method: 'POST',
          url: `${base()}/site-pages`,
          headers: assessor.headers,
          payload: { url: site.url(path), label: path },
        });
        expect(page.statusCode).toBe(201);
        pages.push(page.json().id);
      }
      const run = await app.inject({
        method: 'POST',
        url: `${base()}/link-checks`,
        headers: assessor.headers,
        payload: { pageIds: pages, attachToItemId: item38 },
      });
      expect(run.statusCode).toBe(201);
      const check = run.json();
      expect(check).toMatchObject({
        linksFound: 2,
        linksWithoutNotice: 1,
        pages: [site.url('/confirm'), site.url('/script-plain')],
      });

      const report = await app.inject({
        method: 'GET',
        url: `/api/v1/orgs/${org.orgId}/evidence/${check.reportEvidenceId}/download`,
        headers: assessor.headers,
      });
      const json = JSON.parse(report.body);
      expect(json).toMatchObject({ kind: 'jianhe.social.exit-notice-check', linksWithoutNotice: 1 });
      const links = json.pages.flatMap((p: { links: unknown[] }) => p.links);
      for (const link of links) {
        const png = await app.inject({
          method: 'GET',
          url: `/api/v1/orgs/${org.orgId}/evidence/${link.screenshotEvidenceId}/download`,
          headers: assessor.headers,
        });
        expect(png.rawPayload.subarray(0, 4).toString('hex')).toBe('89504e47');
      }
      const item = await db().services.assessments.insights.loadItem(org.orgId, item38);
      expect(item.evidence.map((e) => e.row.id)).toContain(check.reportEvidenceId);
      const figures = await db().services.social.dashboard.figures(org.orgId);
      expect(figures.items.find((i) => i.itemNumber === 38)!.lines[0]).toMatchObject({
        code: 'link_check_last',
        values: { found: 2, missing: 1 },
      });
    }, 120_000);

    it('jianhe social check-links exits 2 when a link lacks a notice, 0 when every link has one', async () => {
      const env = { ...cliEnvFor(db()), JIANHE_ALLOW_PRIVATE_TARGETS: '1' };
      const failing = await runCli(
        ['social', 'check-links', site.url('/script-plain'), '--format', 'json'],
        env,
      );
      expect(failing.code).toBe(2);
      expect(JSON.parse(failing.stdout).pages[0].links[0]).toMatchObject({
        lacksNotice: true,
        foundIn: 'script',
      });
      const passing = await runCli(
        [
          'social',
          'check-links',
          site.url('/confirm'),
          '--org',
          org.orgId,
          '--as',
          org.users.assessor.email,
          '--attach-to-item',
          '38',
        ],
        env,
      );
      expect(passing.stderr).toBe('');
      expect(passing.code).toBe(0);
      expect(passing.stdout).toContain('有提示');
    }, 120_000);
  });
});
