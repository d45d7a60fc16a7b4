import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { AppError } from '../../../platform/errors.js';
import { fetchVetted } from '../../../platform/outbound-fetch.js';
import { type OutboundPolicy, type VettedUrl, vetUrl } from '../../../platform/outbound-policy.js';
import { type LinkOutcome, type NoticeKind, PageSession } from './browser-check.js';
import type { StaticLink } from './static-links.js';

export interface LinkCheckOptions {
  policy: OutboundPolicy;
  chromiumPath: string;
  /** Bound on each page load and each same-origin request (default 15 s). */
  timeoutMs?: number;
  /** Time given to a page's scripts after load, and to a click's consequences (default 800 ms). */
  settleMs?: number;
  /** Links checked per page at most (default 40); the rest are listed as not checked. */
  maxLinksPerPage?: number;
}

export interface CheckedLink {
  href: string;
  host: string;
  text: string;
  /** In the HTML as served (`static`), added by a script (`script`), or both. */
  foundIn: 'static' | 'script' | 'both';
  notice: NoticeKind | null;
  outcome: LinkOutcome | 'not_rendered' | 'not_checked';
  noticeText: string;
  screenshot: Buffer | null;
  screenshotSha256: string | null;
}

export interface CheckedPage {
  url: string;
  status: number | null;
  error: string | null;
  links: CheckedLink[];
  /** Origins the page tried to reach; every one was blocked. */
  blockedOrigins: string[];
}

export interface LinkCheckReport {
  startedAt: string;
  finishedAt: string;
  pages: CheckedPage[];
  linksFound: number;
  linksWithoutNotice: number;
}

/** A link lacks the Art. 11.2 notice when following it led off-site first, or nothing appeared at all. */
export function lacksNotice(link: CheckedLink): boolean {
  return (
    link.outcome === 'left_without_notice' || link.outcome === 'no_reaction' || link.outcome === 'not_checked'
  );
}

/** Headless Chromium without background traffic (also what the browser tests launch with). */
export const HEADLESS_CHROMIUM_ARGS = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function launch(chromiumPath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        ...HEADLESS_CHROMIUM_ARGS,
        '--dns-prefetch-disable',
        // Belt and braces under the request interception: anything that escaped it (a preconnect, a
        // socket) meets a dead proxy and a resolver that knows no names.
        '--proxy-server=http://127.0.0.1:9',
        '--proxy-bypass-list=<-loopback>',
        '--host-resolver-rules=MAP * ~NOTFOUND',
      ],
    });
  } catch {
    throw new AppError(503, 'SOCIAL_LINK_CHECK_UNAVAILABLE');
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function checkPage(
  browser: Browser,
  target: VettedUrl,
  options: LinkCheckOptions,
): Promise<CheckedPage> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const settleMs = options.settleMs ?? 800;
  const url = target.url.toString();
  let served: StaticLink[] = [];
  try {
    const response = await fetchVetted(
      target,
      { headers: { accept: 'text/html' } },
      { timeoutMs, maxBytes: 5 * 1024 * 1024 },
    );
    // htmlparser2 loads with the first page checked, not at start.
    const { staticSocialLinks } = await import('./static-links.js');
    served = staticSocialLinks(await response.text(), url);
  } catch (error) {
    return { url, status: null, error: (error as Error).message, links: [], blockedOrigins: [] };
  }
  const session = await PageSession.open(browser, target, timeoutMs);
  try {
    const { page, status, links: rendered } = await session.load(settleMs);
    await page.close();
    const staticHrefs = new Set(served.map((l) => l.href));
    const renderedHrefs = new Set(rendered.map((l) => l.href));
    const links: CheckedLink[] = [];
    for (const [index, link] of rendered.entries()) {
      const base = {
        href: link.href,
        host: link.host,
        text: link.text,
        foundIn: staticHrefs.has(link.href) ? ('both' as const) : ('script' as const),
      };
      if (index >= (options.maxLinksPerPage ?? 40)) {
        links.push({
          ...base,
          notice: null,
          outcome: 'not_checked',
          noticeText: '',
          screenshot: null,
          screenshotSha256: null,
        });
        continue;
      }
      const result = await session.click(link, settleMs);
      links.push({ ...base, ...result, screenshotSha256: sha256(result.screenshot) });
    }
    // In the HTML but gone once scripts ran: listed, but there is nothing a visitor could follow.
    for (const link of served.filter((l) => !renderedHrefs.has(l.href)))
      links.push({
        href: link.href,
        host: link.host,
        text: link.text,
        foundIn: 'static',
        notice: null,
        outcome: 'not_rendered',
        noticeText: '',
        screenshot: null,
        screenshotSha256: null,
      });
    return { url, status, error: null, links, blockedOrigins: [...session.blocked].sort() };
  } catch (error) {
    return {
      url,
      status: null,
      error: (error as Error).message,
      links: [],
      blockedOrigins: [...session.blocked].sort(),
    };
  } finally {
    await session.close();
  }
}

/**
 * The exit-notice check (Art. 11.2) of the given pages: each URL is vetted by the outbound policy first
 * (a refusal throws before anything starts), then parsed as served and driven in headless Chromium.
 */
export async function runLinkCheck(urls: string[], options: LinkCheckOptions): Promise<LinkCheckReport> {
  const targets = await Promise.all(urls.map((u) => vetUrl(u, options.policy)));
  const startedAt = new Date().toISOString();
  const browser = await launch(options.chromiumPath);
  const pages: CheckedPage[] = [];
  try {
    for (const target of targets) pages.push(await checkPage(browser, target, options));
  } finally {
    await browser.close();
  }
  const links = pages.flatMap((p) => p.links);
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    pages,
    linksFound: links.length,
    linksWithoutNotice: links.filter(lacksNotice).length,
  };
}

/** The report as stored evidence and printed JSON: screenshots by hash (the files are stored beside it). */
export function reportJson(report: LinkCheckReport, screenshotEvidence: Map<string, string> = new Map()) {
  return {
    kind: 'jianhe.social.exit-notice-check',
    formatVersion: 1,
    guideline: 'Art. 11.2',
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    linksFound: report.linksFound,
    linksWithoutNotice: report.linksWithoutNotice,
    pages: report.pages.map((p) => ({
      ...p,
      links: p.links.map(({ screenshot: _png, ...l }) => ({
        ...l,
        lacksNotice: lacksNotice({ ...l, screenshot: null }),
        screenshotEvidenceId: l.screenshotSha256
          ? (screenshotEvidence.get(l.screenshotSha256) ?? null)
          : null,
      })),
    })),
  };
}
