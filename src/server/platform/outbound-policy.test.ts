import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCa } from '../../../test/support/certificates.js';
import { errorMessage } from './errors.js';
import {
  connectTcp,
  connectTls,
  type OutboundPolicy,
  OutboundPolicyError,
  parseHostPort,
  type VettedTarget,
  vetHost,
  vetHostPort,
  vetUrl,
} from './outbound-policy.js';

const strict: OutboundPolicy = { allowPrivateTargets: false };
const dev: OutboundPolicy = { allowPrivateTargets: true };

async function refusal(promise: Promise<unknown>): Promise<OutboundPolicyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundPolicyError);
    return error as OutboundPolicyError;
  }
  throw new Error('expected the policy to refuse the target');
}

describe('parseHostPort', () => {
  it('splits names, IPv4, bracketed and bare IPv6, with the default port', () => {
    expect(parseHostPort('Example.COM', 443)).toEqual({ host: 'example.com', port: 443 });
    expect(parseHostPort('example.com:8443', 443)).toEqual({ host: 'example.com', port: 8443 });
    expect(parseHostPort('192.0.2.1:22', 443)).toEqual({ host: '192.0.2.1', port: 22 });
    expect(parseHostPort('[2001:db8::1]:993', 443)).toEqual({ host: '2001:db8::1', port: 993 });
    expect(parseHostPort('[::1]', 443)).toEqual({ host: '::1', port: 443 });
    expect(parseHostPort('2001:db8::1', 443)).toEqual({ host: '2001:db8::1', port: 443 });
  });

  it('refuses ports out of range, paths, credentials and spaces with OUTBOUND_TARGET_INVALID', () => {
    for (const input of [
      'example.com:0',
      'example.com:65536',
      'example.com:http',
      'example.com/path',
      'user@example.com',
      'exa mple.com',
      '[example.com]:443',
      '',
    ]) {
      expect(() => parseHostPort(input, 443), input).toThrow(OutboundPolicyError);
    }
  });
});

describe('vetHost refuses non-public addresses', () => {
  const literals: Array<[string, string]> = [
    ['127.0.0.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'carrier-grade-nat'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique-local'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
  ];

  it.each(literals)('%s (%s) is refused with OUTBOUND_TARGET_NOT_PUBLIC', async (address, range) => {
    const error = await refusal(vetHost(address, 443, strict));
    expect(error.code).toBe('OUTBOUND_TARGET_NOT_PUBLIC');
    expect(error.statusCode).toBe(422);
    expect(error.details).toMatchObject({ range });
  });

  it('refuses localhost after resolving it for real', async () => {
    const error = await refusal(vetHostPort('localhost:8443', 443, strict));
    expect(error.code).toBe('OUTBOUND_TARGET_NOT_PUBLIC');
    expect(error.details).toMatchObject({ host: 'localhost', range: 'loopback' });
  });

  it('refuses a name when any one of its addresses is private, even after a public one', async () => {
    const policy: OutboundPolicy = {
      allowPrivateTargets: false,
      resolve: async () => [
        { address: '93.184.215.14', family: 4 },
        { address: '10.1.1.1', family: 4 },
      ],
    };
    expect((await refusal(vetHost('mixed.example', 443, policy))).details).toMatchObject({
      range: 'private',
    });
  });

  it('accepts a public literal without resolving anything', async () => {
    const target = await vetHost('8.8.8.8', 853, strict);
    expect(target).toEqual({
      host: '8.8.8.8',
      port: 853,
      addresses: [{ address: '8.8.8.8', family: 4, range: 'public' }],
    });
  });

  it('allows loopback when the installation allows private targets, returning what it resolved', async () => {
    const target = await vetHostPort('localhost:8443', 443, dev);
    expect(target.host).toBe('localhost');
    expect(target.port).toBe(8443);
    expect(target.addresses.length).toBeGreaterThan(0);
    for (const a of target.addresses) expect(a.range).toBe('loopback');
    expect(target.addresses.map((a) => a.address)).toContain('127.0.0.1');
  });

  it('answers OUTBOUND_TARGET_UNRESOLVED for a name that does not resolve, within its time bound', async () => {
    const error = await refusal(vetHost('no-such-host.invalid', 443, { ...strict, resolveTimeoutMs: 3000 }));
    expect(error.code).toBe('OUTBOUND_TARGET_UNRESOLVED');
    const slow: OutboundPolicy = { ...strict, resolveTimeoutMs: 50, resolve: () => new Promise(() => {}) };
    expect((await refusal(vetHost('slow.example', 443, slow))).code).toBe('OUTBOUND_TARGET_UNRESOLVED');
  });
});

describe('vetUrl', () => {
  it('requires https for a public target', async () => {
    const error = await refusal(vetUrl('http://8.8.8.8/.well-known/openid-configuration', strict));
    expect(error.code).toBe('OUTBOUND_HTTPS_REQUIRED');
    expect(error.statusCode).toBe(400);
    expect((await refusal(vetUrl('http://8.8.8.8/', dev))).code).toBe('OUTBOUND_HTTPS_REQUIRED');
    expect((await refusal(vetUrl('ftp://8.8.8.8/', strict))).code).toBe('OUTBOUND_HTTPS_REQUIRED');
  });

  it('refuses credentials in the URL and text that is no URL', async () => {
    expect((await refusal(vetUrl('https://user:pw@8.8.8.8/', strict))).code).toBe('OUTBOUND_TARGET_INVALID');
    expect((await refusal(vetUrl('not a url', strict))).code).toBe('OUTBOUND_TARGET_INVALID');
  });

  it('judges the address the URL really reaches (bracketed IPv6, hex and integer IPv4 forms)', async () => {
    for (const raw of [
      'https://[::1]:8443/',
      'https://0x7f.1/',
      'https://2130706433/',
      'https://[::ffff:7f00:1]/',
    ])
      expect((await refusal(vetUrl(raw, strict))).code, raw).toBe('OUTBOUND_TARGET_NOT_PUBLIC');
  });

  it('allows plain http only to a local target under the development setting, or when asked for', async () => {
    const local = await vetUrl('http://127.0.0.1:9999/issuer', dev);
    expect(local).toMatchObject({ host: '127.0.0.1', port: 9999 });
    expect(local.url.pathname).toBe('/issuer');
    expect((await vetUrl('http://8.8.8.8/', strict, { allowHttp: true })).port).toBe(80);
    expect((await vetUrl('https://8.8.8.8/', strict)).port).toBe(443);
  });

  it('has zh-TW and English messages for every code', () => {
    for (const code of [
      'OUTBOUND_TARGET_INVALID',
      'OUTBOUND_HTTPS_REQUIRED',
      'OUTBOUND_TARGET_UNRESOLVED',
      'OUTBOUND_TARGET_NOT_PUBLIC',
    ]) {
      expect(errorMessage(code, 'en')).not.toBe(errorMessage('INTERNAL_ERROR', 'en'));
      expect(errorMessage(code, 'zh-TW')).not.toBe(errorMessage('INTERNAL_ERROR', 'zh-TW'));
    }
  });
});

describe('connecting to exactly the vetted address', () => {
  let server: net.Server;
  let tlsServer: tls.Server;
  let ca: TestCa;
  const seenSni: Array<string | false | null> = [];

  beforeAll(async () => {
    server = net.createServer((socket) => socket.end('hello\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ca = await TestCa.create();
    const leaf = await ca.issue({ names: ['pinned.invalid'], ips: [] });
    tlsServer = tls.createServer({ key: leaf.key, cert: leaf.cert }, (socket) => {
      seenSni.push(socket.servername);
      socket.end('secure hello\n');
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => tlsServer.close(resolve));
  });

  // A name that cannot resolve: a connection succeeds only if nothing asks DNS again.
  const pinned = (port: number): VettedTarget => ({
    host: 'pinned.invalid',
    port,
    addresses: [{ address: '127.0.0.1', family: 4, range: 'loopback' }],
  });

  it('connectTcp reaches the vetted address without a second resolution', async () => {
    const socket = connectTcp(pinned((server.address() as AddressInfo).port), { timeoutMs: 3000 });
    const text = await new Promise<string>((resolve, reject) => {
      let data = '';
      socket.on('data', (chunk) => {
        data += chunk;
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(text).toBe('hello\n');
    expect(socket.remoteAddress).toBe('127.0.0.1');
  });

  it('connectTls sends the original name as SNI and checks the certificate against it', async () => {
    const socket = connectTls(pinned((tlsServer.address() as AddressInfo).port), {
      ca: ca.cert,
      timeoutMs: 3000,
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('secureConnect', resolve);
      socket.on('error', reject);
    });
    expect(socket.authorized).toBe(true);
    expect(socket.remoteAddress).toBe('127.0.0.1');
    // The server's callback may run just after the client's handshake completes.
    await new Promise((resolve) => socket.once('data', resolve));
    expect(seenSni).toContain('pinned.invalid');
    socket.destroy();
  });

  it('ends a connection that gives no result within the bound', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const socket = connectTls(pinned((silent.address() as AddressInfo).port), { timeoutMs: 200 });
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => socket.on('error', resolve));
      expect(error.code).toBe('ETIMEDOUT');
    } finally {
      silent.close();
    }
  });
});
