import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { fetchVetted } from '../../../platform/outbound-fetch.js';
import type { VettedUrl } from '../../../platform/outbound-policy.js';
import { socialHostOf } from './social-hosts.js';

export type NoticeKind = 'confirm_dialog' | 'in_page_dialog' | 'interstitial_page';
export type LinkOutcome = 'notice_shown' | 'left_without_notice' | 'no_reaction';

export interface ClickResult {
  notice: NoticeKind | null;
  outcome: LinkOutcome;
  noticeText: string;
  screenshot: Buffer;
}

export interface RenderedLink {
  href: string;
  host: string;
  text: string;
  /** Position among the page's a[href] and area[href] elements once scripts have run. */
  domIndex: number;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
]);
const MODAL_SELECTOR = 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]';

/** What happened in one page after the click: filled in by the route handler and the dialog listener. */
interface ClickState {
  dialogAt: number | null;
  dialogText: string;
  leftAt: number | null;
  interstitialAt: number | null;
}

/**
 * One browser context for one vetted page. Every request Chromium makes goes through `route`: requests to
 * the page's own origin are fetched by Jianhe over the vetted addresses (the outbound policy) and handed
 * back; every other request is aborted and remembered, so nothing leaves the machine for another host.
 */
export class PageSession {
  readonly blocked = new Set<string>();
  private state: ClickState | null = null;
  private current: string | null = null;

  private constructor(
    private readonly context: BrowserContext,
    private readonly target: VettedUrl,
    private readonly timeoutMs: number,
  ) {}

  static async open(browser: Browser, target: VettedUrl, timeoutMs: number): Promise<PageSession> {
    const context = await browser.newContext({
      serviceWorkers: 'block',
      acceptDownloads: false,
      viewport: { width: 1280, height: 800 },
      locale: 'zh-TW',
    });
    const session = new PageSession(context, target, timeoutMs);
    await context.route('**/*', (route) => session.handle(route));
    // Dialogs block the page until handled: note the first one while a click is watched, and dismiss it
    // (the visitor does not go on).
    context.on('dialog', (dialog) => {
      if (session.state) {
        session.state.dialogAt ??= Date.now();
        session.state.dialogText ||= dialog.message();
      }
      void dialog.dismiss().catch(() => undefined);
    });
    return session;
  }

  close(): Promise<void> {
    return this.context.close();
  }

  private async handle(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    const sameOrigin = url.origin === this.target.url.origin;
    const navigation = request.isNavigationRequest();
    if (this.state && navigation) {
      if (!sameOrigin && socialHostOf(url.toString())) this.state.leftAt ??= Date.now();
      else if (sameOrigin && url.toString() !== this.current) this.state.interstitialAt ??= Date.now();
    }
    if (!sameOrigin) {
      this.blocked.add(url.origin);
      await route.abort('blockedbyclient');
      return;
    }
    try {
      const headers = Object.fromEntries(
        Object.entries(await request.allHeaders()).filter(
          ([k]) => k !== 'accept-encoding' && !k.startsWith(':'),
        ),
      );
      const response = await fetchVetted(
        { ...this.target, url },
        { method: request.method(), headers, body: request.postDataBuffer() },
        { timeoutMs: this.timeoutMs, maxBytes: 10 * 1024 * 1024 },
      );
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        if (!HOP_BY_HOP.has(key)) responseHeaders[key] = value;
      });
      await route.fulfill({
        status: response.status,
        headers: responseHeaders,
        body: Buffer.from(await response.arrayBuffer()),
      });
    } catch {
      await route.abort('failed');
    }
  }

  /** Loads the page and lets its scripts run; returns the page with its rendered social links. */
  async load(settleMs: number): Promise<{ page: Page; status: number | null; links: RenderedLink[] }> {
    const page = await this.context.newPage();
    this.current = this.target.url.toString();
    const response = await page.goto(this.current, { waitUntil: 'load', timeout: this.timeoutMs });
    await page.waitForTimeout(settleMs);
    const anchors = await page.$$eval('a[href], area[href]', (elements) =>
      elements.map((e, domIndex) => ({
        href: (e as unknown as { href: string }).href,
        text: (e.textContent || e.getAttribute('aria-label') || e.getAttribute('title') || '').trim(),
        domIndex,
      })),
    );
    const links = anchors.flatMap((a) => {
      const host = socialHostOf(a.href);
      return host ? [{ ...a, text: a.text.replace(/\s+/g, ' ').slice(0, 200), host }] : [];
    });
    return { page, status: response?.status() ?? null, links };
  }

  /**
   * Follows one link as a visitor would (a click on a freshly loaded page) and watches what comes first: a
   * confirmation dialog, an in-page modal, a page of the firm's own site (an interstitial), or the attempt
   * to leave for the social host (blocked here). A notice counts only if it came before any attempt to leave.
   */
  async click(link: RenderedLink, settleMs: number): Promise<ClickResult> {
    const { page } = await this.load(settleMs);
    const state: ClickState = { dialogAt: null, dialogText: '', leftAt: null, interstitialAt: null };
    this.state = state;
    try {
      await page
        .locator('a[href], area[href]')
        .nth(link.domIndex)
        .evaluate((e) => (e as unknown as { click(): void }).click(), undefined, { timeout: this.timeoutMs });
    } catch {
      // a navigation that tears the page down while the click returns is an outcome, not an error
    }
    const deadline = Date.now() + Math.max(settleMs, 1500);
    while (
      Date.now() < deadline &&
      state.dialogAt === null &&
      state.leftAt === null &&
      state.interstitialAt === null
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    await page.waitForLoadState('load', { timeout: this.timeoutMs }).catch(() => undefined);
    await page.waitForTimeout(200);
    const modal = await page
      .locator(MODAL_SELECTOR)
      .filter({ visible: true })
      .first()
      .textContent({ timeout: 500 })
      .catch(() => null);
    const pages = this.context.pages();
    const shown = pages.at(-1) ?? page;
    const screenshot = await shown
      .screenshot({ type: 'png', timeout: this.timeoutMs })
      .catch(() => page.screenshot({ type: 'png' }));
    this.state = null;
    for (const open of pages) await open.close().catch(() => undefined);

    const before = (at: number | null) => at !== null && (state.leftAt === null || at <= state.leftAt);
    if (before(state.dialogAt))
      return {
        notice: 'confirm_dialog',
        outcome: 'notice_shown',
        noticeText: state.dialogText.slice(0, 500),
        screenshot,
      };
    // A page of the firm's own site counts only if the visitor stays on it (no redirect onwards).
    if (state.interstitialAt !== null && state.leftAt === null)
      return { notice: 'interstitial_page', outcome: 'notice_shown', noticeText: '', screenshot };
    if (state.leftAt !== null)
      return { notice: null, outcome: 'left_without_notice', noticeText: '', screenshot };
    if (modal !== null)
      return {
        notice: 'in_page_dialog',
        outcome: 'notice_shown',
        noticeText: modal.trim().slice(0, 500),
        screenshot,
      };
    return { notice: null, outcome: 'no_reaction', noticeText: '', screenshot };
  }
}
