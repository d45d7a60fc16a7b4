import http from 'node:http';
import https from 'node:https';
import { connectOptions, type OutboundPolicy, type VettedUrl, vetUrl } from './outbound-policy.js';

export interface VettedFetchOptions {
  /** Whole request, from resolution to the last body byte (default 10 s). */
  timeoutMs?: number;
  /** Largest response body read; a longer one fails with OUTBOUND_RESPONSE_TOO_LARGE (default 1 MiB). */
  maxBytes?: number;
  /** TLS options for https (e.g. `rejectUnauthorized: false` to read headers of a misconfigured server). */
  tls?: Pick<https.RequestOptions, 'ca' | 'rejectUnauthorized'>;
  /** Resolve once the headers are in, with no body, and close the connection (probing headers). */
  headersOnly?: boolean;
}

export interface OutboundFetchOptions extends Omit<VettedFetchOptions, 'headersOnly'> {
  policy: OutboundPolicy;
  /** Accept http:// to any vetted target (probing a redirect); otherwise as `vetUrl`. */
  allowHttp?: boolean;
}

export interface OutboundRequestInit {
  method?: string;
  headers?: Record<string, string> | Headers;
  body?: string | URLSearchParams | Uint8Array | null;
  signal?: AbortSignal | null;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A failure to get a response (refused, reset, timed out, too large): `cause` has the socket's code. */
export class OutboundFetchError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundFetchError';
  }
}

/**
 * A `fetch` whose every URL goes through the outbound policy and whose connection reaches exactly the
 * vetted addresses. It never follows redirects (each hop is a new, vetted call: the caller decides), and
 * bounds time and body size. Usable as openid-client's `customFetch`.
 */
export function createOutboundFetch(options: OutboundFetchOptions) {
  return async function outboundFetch(
    input: string | URL,
    init: OutboundRequestInit = {},
  ): Promise<Response> {
    const target = await vetUrl(input, options.policy, { allowHttp: options.allowHttp ?? false });
    return fetchVetted(target, init, options);
  };
}

/** One request to a target that has already been vetted (see `vetUrl`), over its vetted addresses only. */
export async function fetchVetted(
  target: VettedUrl,
  init: OutboundRequestInit = {},
  options: VettedFetchOptions = {},
): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const headers = new Headers(init.headers);
  let body: Buffer | undefined;
  if (init.body instanceof URLSearchParams) {
    body = Buffer.from(init.body.toString());
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
  } else if (typeof init.body === 'string') {
    body = Buffer.from(init.body);
  } else if (init.body) {
    body = Buffer.from(init.body);
  }
  if (body) headers.set('content-length', String(body.length));
  const secure = target.url.protocol === 'https:';
  const request = (secure ? https : http).request({
    ...connectOptions(target),
    ...(secure ? (options.tls ?? {}) : {}),
    agent: false,
    method: init.method ?? 'GET',
    path: `${target.url.pathname}${target.url.search}`,
    headers: { host: target.url.host, ...Object.fromEntries(headers) },
    signal: init.signal ?? undefined,
  });
  return new Promise<Response>((resolve, reject) => {
    const timer = setTimeout(
      () => request.destroy(new OutboundFetchError('ETIMEDOUT', `no response within ${timeoutMs} ms`)),
      timeoutMs,
    );
    let settled = false;
    const fail = (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(
        error instanceof OutboundFetchError
          ? error
          : new OutboundFetchError(error.code ?? 'ERROR', error.message),
      );
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const status = response.statusCode ?? 502;
        const responseHeaders = new Headers();
        for (let i = 0; i + 1 < response.rawHeaders.length; i += 2)
          responseHeaders.append(response.rawHeaders[i]!, response.rawHeaders[i + 1]!);
        resolve(
          new Response(NULL_BODY.has(status) || options.headersOnly ? null : Buffer.concat(chunks), {
            status,
            statusText: response.statusMessage ?? '',
            headers: responseHeaders,
          }),
        );
      };
      if (options.headersOnly) {
        finish();
        request.destroy();
        return;
      }
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          fail(new OutboundFetchError('OUTBOUND_RESPONSE_TOO_LARGE', `more than ${maxBytes} bytes`));
          request.destroy();
        } else chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', finish);
    });
    request.end(body);
  });
}
