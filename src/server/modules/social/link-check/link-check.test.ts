import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable } from '../../../../../test/support/browser.js';
import { type SitePages, startSitePages } from '../../../../../test/support/site-pages.js';
import { type LinkCheckReport, lacksNotice, runLinkCheck } from './run-link-check.js';
import { staticSocialLinks } from './static-links.js';

/** The exit-notice check (Art. 11.2) against pages this test serves on loopback, in real Chromium. */
describe.skipIf(!chromiumAvailable)('exit-notice link check in Chromium', () => {
  let site: SitePages;
  let report: LinkCheckReport;
  const policy = { allowPrivateTargets: true };
  const linksOf = (path: string) => report.pages.find((p) => p.url === site.url(path))!.links;

  beforeAll(async () => {
    site = await startSitePages();
    report = await runLinkCheck(
      ['/static-plain', '/script-plain', '/confirm', '/modal', '/interstitial'].map((p) => site.url(p)),
      { policy, chromiumPath: CHROMIUM_PATH },
    );
  }, 120_000);
  afterAll(() => site.close());

  it('finds a missing notice on a link a script adds, which the HTML as served does not contain', () => {
    const links = linksOf('/script-plain');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      host: 'instagram.com',
      foundIn: 'script',
      notice: null,
      outcome: 'left_without_notice',
    });
    expect(lacksNotice(links[0]!)).toBe(true);
    expect(links[0]!.screenshot?.subarray(0, 4).toString('hex')).toBe('89504e47');
  });

  it('flags a static link without a notice, and blocks every off-site request (the other host is never reached)', () => {
    expect(linksOf('/static-plain')[0]).toMatchObject({
      host: 'facebook.com',
      foundIn: 'both',
      outcome: 'left_without_notice',
    });
    const page = report.pages.find((p) => p.url === site.url('/static-plain'))!;
    expect(page.blockedOrigins).toEqual(
      expect.arrayContaining([site.offsite.url, 'https://www.facebook.com']),
    );
    expect(site.offsite.hits()).toBe(0);
  });

  it('passes a confirmation dialog, an in-page modal added by a script, and an interstitial page', () => {
    expect(linksOf('/confirm')[0]).toMatchObject({
      notice: 'confirm_dialog',
      outcome: 'notice_shown',
      noticeText: expect.stringContaining('您即將離開本公司網站'),
    });
    expect(linksOf('/modal')[0]).toMatchObject({
      foundIn: 'script',
      notice: 'in_page_dialog',
      noticeText: expect.stringContaining('非本公司之網站'),
    });
    const interstitial = linksOf('/interstitial');
    // The first link points at the firm's own /leave page, so only the second one is a social link.
    expect(interstitial).toHaveLength(1);
    expect(interstitial[0]).toMatchObject({
      host: 'x.com',
      notice: 'interstitial_page',
      outcome: 'notice_shown',
    });
    expect(report.linksFound).toBe(5);
    expect(report.linksWithoutNotice).toBe(2);
  });

  it('refuses a page the outbound policy does not allow before starting anything', async () => {
    await expect(
      runLinkCheck([site.url('/confirm')], {
        policy: { allowPrivateTargets: false },
        chromiumPath: CHROMIUM_PATH,
      }),
    ).rejects.toMatchObject({
      code: 'OUTBOUND_TARGET_NOT_PUBLIC',
    });
  });
});

describe('static social links (htmlparser2)', () => {
  it('resolves links against <base>, reads their text, and ignores other hosts and schemes', () => {
    const html = `<base href="https://www.firm.example/zh/"><a href="//www.facebook.com/firm">臉書 &amp; 粉專</a>
      <a href="/about">關於</a><a href="mailto:x@firm.example">信箱</a><a href="https://evil-facebook.com/">x</a>
      <map><area href="https://youtu.be/abc" title="影片"></map><a href="https://m.facebook.com/firm" target="_blank"><b>FB</b></a>`;
    expect(staticSocialLinks(html, 'https://www.firm.example/')).toEqual([
      { href: 'https://www.facebook.com/firm', host: 'facebook.com', text: '臉書 & 粉專', newWindow: false },
      { href: 'https://youtu.be/abc', host: 'youtu.be', text: '影片', newWindow: false },
      { href: 'https://m.facebook.com/firm', host: 'facebook.com', text: 'FB', newWindow: true },
    ]);
  });
});
