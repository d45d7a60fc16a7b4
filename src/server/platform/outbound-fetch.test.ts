import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundFetch, OutboundFetchError } from './outbound-fetch.js';
import { type OutboundPolicy, OutboundPolicyError } from './outbound-policy.js';

let server: http.Server;
let base: string;
const seen: Array<{ method: string; url: string; host: string; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, host: req.headers.host!, body });
      if (req.url === '/redirect') {
        res.writeHead(302, { location: 'https://example.com/' }).end();
      } else if (req.url === '/big') {
        res.end('x'.repeat(5000));
      } else if (req.url === '/slow') {
        res.write('partial');
      } else {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.end(JSON.stringify({ ok: true }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createOutboundFetch', () => {
  it('refuses a loopback target under the default policy, before connecting', async () => {
    const before = seen.length;
    const fetch = createOutboundFetch({ policy: { allowPrivateTargets: false } });
    await expect(fetch(`${base}/`)).rejects.toMatchObject({ code: 'OUTBOUND_TARGET_NOT_PUBLIC' });
    await expect(fetch(`${base}/`)).rejects.toBeInstanceOf(OutboundPolicyError);
    expect(seen.length).toBe(before);
  });

  it('resolves once and connects to the vetted address, sending the original Host', async () => {
    let lookups = 0;
    const policy: OutboundPolicy = {
      allowPrivateTargets: true,
      resolve: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    };
    const port = (server.address() as AddressInfo).port;
    const response = await createOutboundFetch({ policy })(`http://issuer.test:${port}/x?y=1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(lookups).toBe(1);
    expect(seen.at(-1)).toMatchObject({ url: '/x?y=1', host: `issuer.test:${port}` });
  });

  it('posts form bodies and returns redirects without following them', async () => {
    const fetch = createOutboundFetch({ policy: { allowPrivateTargets: true } });
    const posted = await fetch(`${base}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'abc' }),
    });
    expect(posted.status).toBe(200);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: 'grant_type=authorization_code&code=abc' });
    const redirect = await fetch(`${base}/redirect`);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://example.com/');
  });

  it('bounds the body size and the time', async () => {
    const small = createOutboundFetch({ policy: { allowPrivateTargets: true }, maxBytes: 1000 });
    await expect(small(`${base}/big`)).rejects.toMatchObject({ code: 'OUTBOUND_RESPONSE_TOO_LARGE' });
    const quick = createOutboundFetch({ policy: { allowPrivateTargets: true }, timeoutMs: 200 });
    const error = await quick(`${base}/slow`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundFetchError);
    expect((error as OutboundFetchError).code).toBe('ETIMEDOUT');
  });
});
