import { constants } from 'node:crypto';
import type tls from 'node:tls';
import { connectTcp, connectTls, type VettedTarget } from '../../platform/outbound-policy.js';

/**
 * Handshakes and bounds shared by the probes. Every connection goes through the outbound policy's
 * connect helpers, to the vetted addresses only, and ends by a deadline.
 */

/** A whole check ends by `at`; each connection also has its own bound. */
export class Deadline {
  readonly at: number;
  constructor(
    totalMs: number,
    private readonly perConnectionMs: number,
  ) {
    this.at = Date.now() + totalMs;
  }

  /** Time the next connection may take, or 0 when the check is out of time. */
  connectionBudget(): number {
    return Math.max(0, Math.min(this.perConnectionMs, this.at - Date.now()));
  }
}

/** Runs at most `limit` tasks at once, so one check never floods a server with handshakes. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Errors raised by this machine's OpenSSL before the server could answer: the probe could not ask the
 * question, so its result is "not testable", never "refused".
 */
const LOCAL_ERRORS = new Set([
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
  'ERR_SSL_NO_CIPHER_MATCH',
  'ERR_SSL_LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED',
  'ERR_SSL_NO_SUITABLE_SIGNATURE_ALGORITHM',
  'ERR_TLS_INVALID_PROTOCOL_VERSION',
  'ERR_SSL_INTERNAL_ERROR',
]);

/** Failures that are not an answer from the server's TLS stack (no connection, no time, no TLS at all). */
const TRANSPORT_ERRORS = new Set([
  'ETIMEDOUT',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EADDRNOTAVAIL',
  'DEADLINE',
]);

export type HandshakeOutcome =
  | {
      kind: 'accepted';
      version: string;
      cipher: { name: string; standardName: string };
      ephemeral: { type?: string; name?: string; size?: number };
      peer: tls.DetailedPeerCertificate | null;
      authorized: boolean;
      authorizationError: string | null;
      ocsp: Buffer | null;
    }
  | { kind: 'refused' | 'local' | 'transport'; code: string };

export interface HandshakeOptions {
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  ciphers?: string;
  ca?: string[];
  requestOCSP?: boolean;
}

function outcomeOf(code: string): HandshakeOutcome {
  if (LOCAL_ERRORS.has(code)) return { kind: 'local', code };
  if (TRANSPORT_ERRORS.has(code)) return { kind: 'transport', code };
  return { kind: 'refused', code };
}

/**
 * One TLS handshake that accepts any certificate (the rules judge it) and asks as widely as allowed:
 * OpenSSL security level 0 in `ciphers` where the caller puts it, and legacy servers without secure
 * renegotiation (RFC 5746) are still spoken to, so a client-side default never hides what a server accepts.
 */
export function handshake(
  target: VettedTarget,
  deadline: Deadline,
  options: HandshakeOptions,
): Promise<HandshakeOutcome> {
  const budget = deadline.connectionBudget();
  if (budget === 0) return Promise.resolve({ kind: 'transport', code: 'DEADLINE' });
  return new Promise((resolve) => {
    let socket: tls.TLSSocket;
    let ocsp: Buffer | null = null;
    try {
      socket = connectTls(target, {
        rejectUnauthorized: false,
        // `authorized` then tells whether the chain verifies; the name is judged on its own (cert.hostname).
        checkServerIdentity: () => undefined,
        secureOptions: constants.SSL_OP_LEGACY_SERVER_CONNECT,
        ...(options.minVersion ? { minVersion: options.minVersion } : {}),
        ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
        ...(options.ciphers ? { ciphers: options.ciphers } : {}),
        ...(options.ca ? { ca: options.ca } : {}),
        requestOCSP: options.requestOCSP ?? false,
        timeoutMs: budget,
      });
    } catch (error) {
      // Raised synchronously by the local OpenSSL (e.g. no cipher of the list exists here).
      resolve(outcomeOf((error as NodeJS.ErrnoException).code ?? 'ERR_SSL_INTERNAL_ERROR'));
      return;
    }
    socket.on('OCSPResponse', (response: Buffer | undefined) => {
      if (response && response.length > 0) ocsp = response;
    });
    socket.once('secureConnect', () => {
      const cipher = socket.getCipher();
      const peer = socket.getPeerCertificate(true);
      resolve({
        kind: 'accepted',
        version: socket.getProtocol() ?? 'unknown',
        cipher: { name: cipher.name, standardName: cipher.standardName },
        ephemeral: socket.getEphemeralKeyInfo() || {},
        peer: peer && Object.keys(peer).length > 0 ? peer : null,
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
        ocsp,
      });
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      resolve(outcomeOf(error.code ?? 'ERROR'));
      socket.destroy();
    });
  });
}

/** Opens and closes a TCP connection: the plain "is the service answering" question. */
export function tcpAnswers(
  target: VettedTarget,
  deadline: Deadline,
): Promise<{ ok: boolean; connectMs?: number; error?: string }> {
  const budget = deadline.connectionBudget();
  if (budget === 0) return Promise.resolve({ ok: false, error: 'DEADLINE' });
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connectTcp(target, { timeoutMs: budget });
    socket.once('connect', () => {
      resolve({ ok: true, connectMs: Math.round((performance.now() - started) * 10) / 10 });
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ ok: false, error: error.code ?? error.message }),
    );
  });
}
