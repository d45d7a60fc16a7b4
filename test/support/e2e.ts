import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.js';
import { type SeededOrg, seedOrganization, TEST_PASSWORD, totpNow } from './identity.js';
import { type LiveServer, startLiveServer } from './live-server.js';

export interface BrowserSuite {
  server: LiveServer;
  browser: Browser;
  org: SeededOrg;
}

/**
 * One live server (built SPA, fresh SQLite), one Chromium and one seeded organisation for an e2e file.
 * Call inside `describe`; the returned object is filled in by `beforeAll`.
 */
export function useBrowserSuite(organizationName: string): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.server = await startLiveServer();
    suite.browser = await launchBrowser();
    suite.org = await seedOrganization(suite.server.database, organizationName);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** Signs in through the login page, with the TOTP step when the user has one. */
export async function signIn(
  page: Page,
  server: LiveServer,
  user: { email: string; totpSecret: string | null },
) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('電子郵件').fill(user.email);
  await page.getByLabel('密碼').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登入' }).last().click();
  if (user.totpSecret) {
    await page.getByLabel('驗證碼').fill(await totpNow(user.totpSecret));
    await page.getByRole('button', { name: '驗證' }).click();
  }
  await page.getByRole('heading', { name: '歡迎使用檢核' }).waitFor();
}
