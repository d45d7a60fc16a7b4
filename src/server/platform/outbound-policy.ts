import { lookup as systemLookup } from 'node:dns/promises';
import net, { type LookupFunction } from 'node:net';
import tls from 'node:tls';
import { type AddressRange, classifyAddress } from './address-ranges.js';
import { AppError, registerErrorMessages } from './errors.js';

/**
 * The one guard for every outbound connection Jianhe makes to a target a user registered (OIDC issuers,
 * TLS/SSH checks, …). A target is vetted once: its name is resolved, every address must be public (unless
 * the installation allows private targets), and the caller then connects to exactly those addresses
 * (`connectOptions`, `connectTcp`, `connectTls`), so a second DNS answer (rebinding) never counts.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface OutboundPolicy {
  /**
   * Development and tests only (JIANHE_ALLOW_PRIVATE_TARGETS=1): targets on loopback, private, link-local
   * and other non-public addresses are allowed, and so is plain http to them (never to a public address).
   */
  allowPrivateTargets: boolean;
  /** Name resolution; defaults to the system resolver (getaddrinfo), as a connection would use it. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
  /** Upper bound on one resolution in milliseconds (default 5000). */
  resolveTimeoutMs?: number;
}

export interface VettedAddress extends ResolvedAddress {
  range: AddressRange;
}

/** A target that passed the policy. Connect only through the helpers below, or to `addresses` yourself. */
export interface VettedTarget {
  /** Host as given, lower-cased, IPv6 without brackets: for SNI, certificate checks and the Host header. */
  host: string;
  port: number;
  /** Every address the name resolved to (never empty); each one passed the policy. */
  addresses: VettedAddress[];
}

export interface VettedUrl extends VettedTarget {
  url: URL;
}

export type OutboundErrorCode =
  | 'OUTBOUND_TARGET_INVALID'
  | 'OUTBOUND_HTTPS_REQUIRED'
  | 'OUTBOUND_TARGET_UNRESOLVED'
  | 'OUTBOUND_TARGET_NOT_PUBLIC';

/** Refusal of a target; an AppError, so an API route renders it as 4xx with a stable code. */
export class OutboundPolicyError extends AppError {
  constructor(
    override readonly code: OutboundErrorCode,
    details: { host?: string; range?: AddressRange; reason?: string } = {},
  ) {
    super(
      code === 'OUTBOUND_TARGET_INVALID' || code === 'OUTBOUND_HTTPS_REQUIRED' ? 400 : 422,
      code,
      details,
    );
    this.name = 'OutboundPolicyError';
  }
}

registerErrorMessages({
  OUTBOUND_TARGET_INVALID: {
    'zh-TW': '目標位址格式不正確：須為主機名稱或 IP，可加連接埠 (1–65535)，網址不可含帳號密碼。',
    en: 'The target is not valid: expected a host name or IP with an optional port (1–65535), and no credentials in a URL.',
  },
  OUTBOUND_HTTPS_REQUIRED: {
    'zh-TW': '目標須使用 https:// 網址。',
    en: 'The target must be an https:// URL.',
  },
  OUTBOUND_TARGET_UNRESOLVED: {
    'zh-TW': '無法解析目標主機名稱。',
    en: 'The target host name could not be resolved.',
  },
  OUTBOUND_TARGET_NOT_PUBLIC: {
    'zh-TW': '目標解析為非公開位址（本機、私有、鏈路本地或保留網段），基於安全不予連線。',
    en: 'The target resolves to a non-public address (loopback, private, link-local or reserved); Jianhe does not connect to it.',
  },
});

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/;

function parsePort(raw: string): number {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535)
    throw new OutboundPolicyError('OUTBOUND_TARGET_INVALID', { reason: 'port' });
  return Number(raw);
}

/** Lower-cases a host and strips IPv6 brackets; refuses anything that is neither an IP nor a DNS name. */
function normaliseHost(raw: string): string {
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(host) !== 0 || HOST_NAME.test(host)) return host;
  throw new OutboundPolicyError('OUTBOUND_TARGET_INVALID', { reason: 'host' });
}

/**
 * Splits `host`, `host:port`, `[v6]:port` or a bare IPv6 literal. The port defaults to `defaultPort`.
 */
export function parseHostPort(input: string, defaultPort: number): { host: string; port: number } {
  const text = input.trim();
  if (net.isIP(text) === 6) return { host: normaliseHost(text), port: defaultPort };
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    if (net.isIP(bracketed[1]!) !== 6) throw new OutboundPolicyError('OUTBOUND_TARGET_INVALID');
    return { host: normaliseHost(bracketed[1]!), port: bracketed[2] ? parsePort(bracketed[2]) : defaultPort };
  }
  const colon = text.lastIndexOf(':');
  if (colon === -1) return { host: normaliseHost(text), port: defaultPort };
  return { host: normaliseHost(text.slice(0, colon)), port: parsePort(text.slice(colon + 1)) };
}

async function resolveAll(host: string, policy: OutboundPolicy): Promise<ResolvedAddress[]> {
  const literal = net.isIP(host);
  if (literal !== 0) return [{ address: host, family: literal as 4 | 6 }];
  const resolve =
    policy.resolve ??
    (async (name: string) =>
      (await systemLookup(name, { all: true, verbatim: true })).map((a) => ({
        address: a.address,
        family: a.family as 4 | 6,
      })));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), policy.resolveTimeoutMs ?? 5000);
  });
  try {
    const addresses = await Promise.race([resolve(host), timeout]);
    if (addresses.length === 0) throw new Error('no addresses');
    return addresses;
  } catch {
    throw new OutboundPolicyError('OUTBOUND_TARGET_UNRESOLVED', { host });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves `host` and checks every address. Refuses the whole target if any one address is not public
 * (a name with one public and one private address could otherwise be steered to the private one).
 */
export async function vetHost(host: string, port: number, policy: OutboundPolicy): Promise<VettedTarget> {
  const name = normaliseHost(host);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new OutboundPolicyError('OUTBOUND_TARGET_INVALID', { reason: 'port' });
  const addresses: VettedAddress[] = [];
  for (const resolved of await resolveAll(name, policy)) {
    const range = classifyAddress(resolved.address) ?? 'reserved';
    if (range !== 'public' && !policy.allowPrivateTargets)
      throw new OutboundPolicyError('OUTBOUND_TARGET_NOT_PUBLIC', { host: name, range });
    addresses.push({ ...resolved, range });
  }
  return { host: name, port, addresses };
}

/** `vetHost` for user input of the form `host[:port]` (see `parseHostPort`). */
export async function vetHostPort(
  input: string,
  defaultPort: number,
  policy: OutboundPolicy,
): Promise<VettedTarget> {
  const { host, port } = parseHostPort(input, defaultPort);
  return vetHost(host, port, policy);
}

export interface VetUrlOptions {
  /** Accept http:// to any target that passes the address check (e.g. probing a redirect to https). */
  allowHttp?: boolean;
}

/**
 * Vets a URL. https is required unless `allowHttp` is set, or the policy allows private targets and every
 * address is non-public (a development provider on this machine). URLs carrying credentials are refused.
 */
export async function vetUrl(
  raw: string | URL,
  policy: OutboundPolicy,
  options: VetUrlOptions = {},
): Promise<VettedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundPolicyError('OUTBOUND_TARGET_INVALID', { reason: 'url' });
  }
  if (url.username || url.password) throw new OutboundPolicyError('OUTBOUND_TARGET_INVALID');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new OutboundPolicyError('OUTBOUND_HTTPS_REQUIRED');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const target = await vetHost(url.hostname, port, policy);
  if (url.protocol === 'http:' && !options.allowHttp) {
    const localOnly = policy.allowPrivateTargets && target.addresses.every((a) => a.range !== 'public');
    if (!localOnly) throw new OutboundPolicyError('OUTBOUND_HTTPS_REQUIRED', { host: target.host });
  }
  return { ...target, url };
}

/**
 * A `lookup` for net/tls/http(s) that answers with the vetted addresses only and never asks DNS again.
 * With `autoSelectFamily` (Node's default) every vetted address is tried in turn.
 */
export function pinnedLookup(target: VettedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const list = target.addresses.filter((a) => !wanted || a.family === wanted);
    if (list.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`no vetted address of family ${wanted}`);
      error.code = 'ENOTFOUND';
      callback(error, '', 0);
    } else if (options.all) {
      callback(
        null,
        list.map(({ address, family }) => ({ address, family })),
      );
    } else {
      callback(null, list[0]!.address, list[0]!.family);
    }
  };
}

/**
 * Options for `net.connect`, `tls.connect`, `http.request` and `https.request` that reach the vetted
 * addresses only, and send the original name as SNI (TLS) so certificates are checked against it.
 */
export function connectOptions(target: VettedTarget): {
  host: string;
  port: number;
  lookup: LookupFunction;
  autoSelectFamily: true;
  servername?: string;
} {
  const base = {
    host: target.host,
    port: target.port,
    lookup: pinnedLookup(target),
    autoSelectFamily: true as const,
  };
  // SNI carries names only (RFC 6066); for an IP literal Node checks the certificate against the IP.
  return net.isIP(target.host) === 0 ? { ...base, servername: target.host.replace(/\.$/, '') } : base;
}

/** Ends a socket that is still open `timeoutMs` after it was created, whatever it is doing. */
function bound<T extends net.Socket>(socket: T, timeoutMs: number): T {
  const timer = setTimeout(() => {
    const error: NodeJS.ErrnoException = new Error(`no result within ${timeoutMs} ms`);
    error.code = 'ETIMEDOUT';
    socket.destroy(error);
  }, timeoutMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  return socket;
}

/** A TCP connection to the vetted addresses, destroyed with ETIMEDOUT after `timeoutMs` (default 10 s). */
export function connectTcp(target: VettedTarget, options: { timeoutMs?: number } = {}): net.Socket {
  const { servername: _sni, ...tcp } = connectOptions(target);
  return bound(net.connect(tcp), options.timeoutMs ?? 10_000);
}

/**
 * A TLS connection to the vetted addresses (SNI and certificate name check use the original host),
 * destroyed with ETIMEDOUT after `timeoutMs` (default 10 s). Host, port, lookup and servername come from
 * the target; every other `tls.connect` option is passed through.
 */
export function connectTls(
  target: VettedTarget,
  options: Omit<tls.ConnectionOptions, 'host' | 'port' | 'lookup' | 'socket' | 'path'> & {
    timeoutMs?: number;
    /** Ask for a stapled OCSP response ('OCSPResponse' event); tls.connect hands it to the TLSSocket. */
    requestOCSP?: boolean;
  } = {},
): tls.TLSSocket {
  const { timeoutMs, ...rest } = options;
  return bound(tls.connect({ ...rest, ...connectOptions(target) }), timeoutMs ?? 10_000);
}

/** The installation's policy, from its configuration. */
export function outboundPolicyFromConfig(config: {
  outbound: { allowPrivateTargets: boolean };
}): OutboundPolicy {
  return { allowPrivateTargets: config.outbound.allowPrivateTargets };
}
