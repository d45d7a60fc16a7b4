import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../support/browser.js';
import { type LiveServer, startLiveServer } from '../support/live-server.js';

describe.skipIf(!chromiumAvailable)('web shell in Chromium', () => {
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

  it('renders in zh-TW by default and switches to English', async () => {
    const page = await browser.newPage({ locale: 'zh-TW' });
    await page.goto(server.url);
    // Pages are loaded lazily, so the heading appears once its chunk has arrived (not at the load event).
    await page.getByRole('heading', { name: '歡迎使用檢核' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hant-TW');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Welcome to Jianhe' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    // The API's error messages follow the language chosen in the UI, not the browser's (zh-TW here).
    await page.goto(`${server.url}/login`);
    await page.getByLabel('E-mail').fill('nobody@e2e.example');
    await page.getByLabel('Password').fill('Not the right passphrase 2026');
    await page.getByRole('button', { name: 'Sign in' }).last().click();
    await page.getByText('The e-mail address or password is incorrect.').waitFor();
    await page.close();
  });

  it('shows the server health and version on the system page, also when deep-linked', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/system`);
    const status = page.getByTestId('health-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('正常');
    const info = (await (await fetch(`${server.url}/api/v1/system/info`)).json()) as { version: string };
    expect(await page.getByTestId('app-version').textContent()).toBe(info.version);
    await page.close();
  });
});
