import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { HEADLESS_CHROMIUM_ARGS } from '../../src/server/modules/social/link-check/run-link-check.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

if (!chromiumAvailable) {
  process.stdout.write(
    `[jianhe e2e] browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)\n`,
  );
}

/** Debian's Chromium, headless, with background networking off (the sandboxed network refuses it). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', ...HEADLESS_CHROMIUM_ARGS],
  });
}
