import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tlsProfile } from '../../src/server/modules/checks/domain/tls-profile.js';
import { chromiumAvailable } from '../support/browser.js';
import { days, TestCa } from '../support/certificates.js';
import { signIn, useBrowserSuite } from '../support/e2e.js';
import { type Running, startHttpServer, startHttpsServer } from '../support/tls-servers.js';

describe.skipIf(!chromiumAvailable)('technical checks in Chromium', () => {
  const suite = useBrowserSuite('E2E 檢查證券股份有限公司');
  const servers: Running[] = [];
  let ca: TestCa;
  let sound: Running;
  let expiring: Running;
  let redirect: Running;

  beforeAll(async () => {
    ca = await TestCa.create();
    const tls = {
      minVersion: 'TLSv1.2' as const,
      ciphers: tlsProfile('intermediate').rules.ciphers.openssl.join(':'),
    };
    redirect = await startHttpServer('https://localhost/');
    sound = await startHttpsServer({ issued: await ca.issue(), tls, hsts: 'max-age=63072000' });
    expiring = await startHttpsServer({
      issued: await ca.issue({ notBefore: days(-60), notAfter: days(12) }),
      tls,
      hsts: 'max-age=63072000',
    });
    servers.push(redirect, sound, expiring);
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('registers an endpoint on the provider page, runs it now, shows its history, rules, observations and the calendar', async () => {
    const { server, browser, org } = suite;
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const { providers, checks } = server.database.services;
    const provider = await providers.providers.create(actor, {
      name: '丙雲端',
      serviceModels: ['SaaS'],
      critical: true,
    });
    // One endpoint registered beforehand (its certificate expires in 12 days), one through the form.
    const portal = await checks.endpoints.create(actor, {
      providerId: provider.id,
      purpose: '客戶入口',
      host: 'localhost',
      port: expiring.port,
      kind: 'tls',
      httpPort: redirect.port,
      trustedCaPem: ca.cert,
      supportedItems: ['item-7'],
    });
    await checks.runs.runNow(actor, portal.id);

    const page = await browser.newPage();
    await signIn(page, server, org.users.assessor);
    await page.goto(`${server.url}/orgs/${org.orgId}/providers/${provider.id}`);
    await page.getByText('技術檢查端點').waitFor();
    await page
      .getByTestId('endpoint-客戶入口')
      .getByTestId('endpoint-verdict')
      .filter({ hasText: '注意' })
      .waitFor();

    await page.getByTestId('endpoint-add').click();
    await page.getByTestId('endpoint-purpose').fill('API');
    await page.getByTestId('endpoint-host').fill('localhost');
    await page.getByTestId('endpoint-port').fill(String(sound.port));
    await page.getByTestId('endpoint-http-port').fill(String(redirect.port));
    await page.getByTestId('endpoint-ca').fill(ca.cert);
    await page.getByTestId('endpoint-save').click();
    const api = page.getByTestId('endpoint-API');
    await api.getByText('尚未檢查').waitFor();
    await api.getByTestId('endpoint-run').click();
    await api.getByTestId('endpoint-verdict').and(page.locator('[data-verdict]')).waitFor();
    const verdict = await api.getByTestId('endpoint-verdict').getAttribute('data-verdict');
    expect(['pass', 'warn']).toContain(verdict);

    await api.getByRole('link', { name: 'API' }).click();
    await page.getByTestId('run-history').waitFor();
    await page.getByTestId('rule-tls.protocols').getByText('通過').waitFor();
    await page.getByTestId('rule-cert.trusted').getByText('通過').waitFor();
    await expect(page.getByTestId('run-observations').textContent()).resolves.toContain('"TLSv1.3"');

    await page.goto(`${server.url}/orgs/${org.orgId}/checks/certificates`);
    await page.getByText('憑證到期行事曆').waitFor();
    await page
      .getByTestId('certificate-客戶入口')
      .getByText('11 天')
      .or(page.getByTestId('certificate-客戶入口').getByText('12 天'))
      .waitFor();
    await page.getByTestId('certificate-API').waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Certificate expiry calendar').waitFor();
    await page.close();
  });
});
