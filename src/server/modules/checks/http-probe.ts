import net from 'node:net';
import { fetchVetted, OutboundFetchError } from '../../platform/outbound-fetch.js';
import type { VettedTarget } from '../../platform/outbound-policy.js';
import { parseHsts } from './domain/hsts.js';
import type { HttpRedirectObservation, HttpsObservation } from './domain/tls-observations.js';
import type { Deadline } from './probe-support.js';

const USER_AGENT = 'Jianhe-check (+TLS posture check)';

/** Host as it appears in a URL: IPv6 literals in brackets. */
const urlHost = (host: string) => (net.isIP(host) === 6 ? `[${host}]` : host);

/**
 * GET / over TLS to the vetted addresses, reading headers only: whether the service speaks HTTP and its
 * Strict-Transport-Security header. The certificate is not required to verify here (the certificate
 * rules judge it), so a misconfigured server still shows its HSTS policy.
 */
export async function probeHttps(target: VettedTarget, deadline: Deadline): Promise<HttpsObservation> {
  const budget = deadline.connectionBudget();
  if (budget === 0) return { isHttp: false, error: 'DEADLINE' };
  const url = new URL(`https://${urlHost(target.host)}:${target.port}/`);
  try {
    const response = await fetchVetted(
      { ...target, url },
      { headers: { 'user-agent': USER_AGENT, accept: '*/*' } },
      { timeoutMs: budget, headersOnly: true, tls: { rejectUnauthorized: false } },
    );
    return {
      isHttp: true,
      statusCode: response.status,
      hsts: parseHsts(response.headers.get('strict-transport-security')),
    };
  } catch (error) {
    return { isHttp: false, error: error instanceof OutboundFetchError ? error.code : String(error) };
  }
}

/** The absolute URL a Location header points to, or null when it is not a URL. */
function resolveLocation(location: string, base: URL): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

/**
 * GET / in plain HTTP on `port` of the same vetted addresses: does it send the visitor to https? Nothing
 * answering (refused, timed out, not HTTP) means plain HTTP is not offered.
 */
export async function probeHttpRedirect(
  target: VettedTarget,
  port: number,
  deadline: Deadline,
): Promise<HttpRedirectObservation> {
  const budget = deadline.connectionBudget();
  if (budget === 0) return { port, result: 'not-offered', error: 'DEADLINE' };
  const url = new URL(`http://${urlHost(target.host)}:${port}/`);
  try {
    const response = await fetchVetted(
      { ...target, port, url },
      { headers: { 'user-agent': USER_AGENT, accept: '*/*' } },
      { timeoutMs: budget, headersOnly: true },
    );
    const location = response.headers.get('location') ?? undefined;
    const status = response.status;
    if (status >= 300 && status < 400 && location) {
      const to = resolveLocation(location, url);
      return {
        port,
        result: to?.protocol === 'https:' ? 'redirects-to-https' : 'redirects-elsewhere',
        statusCode: status,
        location,
      };
    }
    return { port, result: 'no-redirect', statusCode: status, ...(location ? { location } : {}) };
  } catch (error) {
    return {
      port,
      result: 'not-offered',
      error: error instanceof OutboundFetchError ? error.code : String(error),
    };
  }
}
