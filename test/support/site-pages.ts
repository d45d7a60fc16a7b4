import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A firm's website as the exit-notice tests need it, served on loopback: pages with and without a notice,
 * including links a script adds after load. `offsite` is a second server standing in for any other host:
 * the check must never reach it (its `hits` stays 0).
 */
export interface SitePages {
  url: (path: string) => string;
  offsite: { url: string; hits: () => number };
  close: () => Promise<void>;
}

const page = (body: string) =>
  `<!doctype html><html lang="zh-TW"><head><meta charset="utf-8"><title>官網</title></head><body>${body}</body></html>`;

function pages(offsite: string): Record<string, string> {
  return {
    // A plain static link, no notice.
    '/static-plain': page(`<h1>關於我們</h1><a href="https://www.facebook.com/firm">Facebook 粉絲專頁</a>
      <img src="${offsite}/tracker.gif" alt="">`),
    // The link is added by a script after load, with no notice: the HTML as served has no social link.
    '/script-plain': page(`<h1>最新消息</h1><div id="social"></div>
      <script src="/app.js"></script>`),
    '/app.js': `document.getElementById('social').innerHTML =
      '<a href="https://www.instagram.com/firm" target="_blank">Instagram</a>';`,
    // A proper confirmation before leaving.
    '/confirm': page(`<a href="https://line.me/R/ti/p/@firm" id="line">加入 LINE 官方帳號</a>
      <script>document.getElementById('line').addEventListener('click', function (e) {
        if (!confirm('您即將離開本公司網站，前往第三方社群平台 LINE。')) e.preventDefault();
      });</script>`),
    // An in-page modal (a common pattern), added by a script together with the link.
    '/modal': page(`<div id="links"></div>
      <dialog id="leave"><p>您即將離開本公司網站，連結至非本公司之網站。</p><a id="go" href="#">繼續</a></dialog>
      <script>
        var a = document.createElement('a');
        a.href = 'https://www.youtube.com/@firm'; a.textContent = 'YouTube';
        a.addEventListener('click', function (e) { e.preventDefault(); document.getElementById('leave').showModal(); });
        document.getElementById('links').appendChild(a);
      </script>`),
    // An interstitial page of the firm's own site.
    '/interstitial': page(`<a href="/leave?to=https%3A%2F%2Fx.com%2Ffirm" data-x="https://x.com/firm">X</a>
      <a href="https://x.com/firm" onclick="location.href='/leave?to=https%3A%2F%2Fx.com%2Ffirm'; return false;">X（官方）</a>`),
    '/leave': page(`<p>您即將離開本公司網站。</p><a href="https://x.com/firm">繼續前往</a>`),
  };
}

export async function startSitePages(): Promise<SitePages> {
  let hits = 0;
  const other = http.createServer((_req, res) => {
    hits += 1;
    res.end('nothing');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const offsite = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  const content = pages(offsite);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const body = content[path];
    if (!body) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('content-type', path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path) => `${base}${path}`,
    offsite: { url: offsite, hits: () => hits },
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => other.close(resolve));
    },
  };
}
