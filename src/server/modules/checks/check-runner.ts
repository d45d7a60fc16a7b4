import { type OutboundPolicy, type VettedTarget, vetHostPort } from '../../platform/outbound-policy.js';
import { inspectCertificate } from './certificate-inspect.js';
import { judgeSsh, type SshObservations } from './domain/ssh-rules.js';
import type { TlsObservations } from './domain/tls-observations.js';
import { type TlsProfileName, tlsProfile } from './domain/tls-profile.js';
import { judgeTls } from './domain/tls-rules.js';
import {
  type EndpointObservation,
  overallVerdict,
  type RuleResult,
  reachabilityRule,
  type Verdict,
} from './domain/verdict.js';
import { probeHttpRedirect, probeHttps } from './http-probe.js';
import { Deadline, Limiter, tcpAnswers } from './probe-support.js';
import { probeSsh } from './ssh-probe.js';
import { enumerateCiphers, negotiate, probeProtocols } from './tls-probe.js';

/**
 * Runs one check against one endpoint, with no database: vet the target through the outbound policy
 * (a refusal throws OutboundPolicyError before anything connects), observe, judge with pure rules.
 */

export type CheckKind = 'tls' | 'ssh' | 'reachability';

export interface CheckRun<O> {
  kind: CheckKind;
  /** host:port as checked. */
  target: string;
  /** The rule set and its version, stored with every run. */
  profile: { name: string; label: string; version: string; source: string };
  observations: O;
  results: RuleResult[];
  verdict: Verdict;
}

export interface CheckOptions {
  policy: OutboundPolicy;
  /** Bound on each connection (default 5 s). */
  timeoutMs?: number;
  /** Bound on the whole check (default 30 s). */
  totalTimeoutMs?: number;
}

export interface TlsCheckOptions extends CheckOptions {
  profile?: TlsProfileName;
  /** Probe HSTS and the plain-HTTP redirect when the service answers HTTP (default true). */
  http?: boolean;
  /** Port for the plain-HTTP redirect probe (default 80). */
  httpPort?: number;
  /** Extra trust anchors (PEM), on top of Node's bundled Mozilla roots, for a private PKI. */
  ca?: string[];
  /** Handshakes in flight at once against the target (default 4). */
  concurrency?: number;
}

const DEFAULT_PORT: Record<CheckKind, number> = { tls: 443, ssh: 22, reachability: 443 };

const label = (t: VettedTarget) => `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;

function base(target: VettedTarget, startedAt: number) {
  return {
    host: target.host,
    port: target.port,
    addresses: target.addresses.map((a) => a.address),
    startedAt: new Date(startedAt).toISOString(),
  };
}

export async function runTlsCheck(
  input: string,
  options: TlsCheckOptions,
): Promise<CheckRun<TlsObservations>> {
  const target = await vetHostPort(input, DEFAULT_PORT.tls, options.policy);
  const profile = tlsProfile(options.profile ?? 'intermediate');
  const startedAt = Date.now();
  const started = performance.now();
  const deadline = new Deadline(options.totalTimeoutMs ?? 30_000, options.timeoutMs ?? 5000);
  const limiter = new Limiter(options.concurrency ?? 4);

  const reachable = await tcpAnswers(target, deadline);
  let observations: TlsObservations = {
    ...base(target, startedAt),
    durationMs: 0,
    reachable,
    protocols: [],
    negotiated: null,
    ciphers: null,
    certificate: null,
    ocspStapled: null,
    https: null,
    httpRedirect: null,
  };
  if (reachable.ok) {
    const [protocols, main] = await Promise.all([
      probeProtocols(target, deadline, limiter),
      limiter.run(() => negotiate(target, deadline, options.ca)),
    ]);
    const probeHttp = options.http !== false && main.kind === 'accepted';
    const [ciphers, https] = await Promise.all([
      enumerateCiphers(target, deadline, limiter, protocols),
      probeHttp ? probeHttps(target, deadline) : Promise.resolve(null),
    ]);
    const httpRedirect = https?.isHttp
      ? await probeHttpRedirect(target, options.httpPort ?? 80, deadline)
      : null;
    observations = {
      ...observations,
      protocols,
      ciphers,
      https,
      httpRedirect,
      ...(main.kind === 'accepted'
        ? {
            negotiated: {
              version: main.version,
              cipher: main.cipher.standardName,
              keyExchange: main.ephemeral.type
                ? {
                    type: main.ephemeral.type,
                    size: main.ephemeral.size ?? 0,
                    ...(main.ephemeral.name ? { name: main.ephemeral.name } : {}),
                  }
                : null,
            },
            certificate: main.peer
              ? inspectCertificate(target.host, main.peer, main.authorized, main.authorizationError)
              : null,
            ocspStapled: main.ocsp !== null,
          }
        : {}),
    };
  }
  observations.durationMs = Math.round(performance.now() - started);
  const results = judgeTls(observations, profile);
  return {
    kind: 'tls',
    target: label(target),
    profile: {
      name: profile.name,
      label: profile.label,
      version: profile.guideline.version,
      source: profile.guideline.source,
    },
    observations,
    results,
    verdict: overallVerdict(results),
  };
}

const SSH_PROFILE = {
  name: 'ssh',
  label: 'Jianhe SSH algorithm policy',
  version: '2026-11',
  source: 'RFC 9142, RFC 8758, RFC 8332',
};

export async function runSshCheck(input: string, options: CheckOptions): Promise<CheckRun<SshObservations>> {
  const target = await vetHostPort(input, DEFAULT_PORT.ssh, options.policy);
  const startedAt = Date.now();
  const started = performance.now();
  const deadline = new Deadline(options.totalTimeoutMs ?? 30_000, options.timeoutMs ?? 5000);
  const seen = await probeSsh(target, deadline);
  const observations: SshObservations = {
    ...base(target, startedAt),
    durationMs: Math.round(performance.now() - started),
    ...seen,
  };
  const results = judgeSsh(observations);
  return {
    kind: 'ssh',
    target: label(target),
    profile: SSH_PROFILE,
    observations,
    results,
    verdict: overallVerdict(results),
  };
}

/** The plain "is the service answering" check: a TCP connection opens within the bound. */
export async function runReachabilityCheck(
  input: string,
  options: CheckOptions,
): Promise<CheckRun<EndpointObservation>> {
  const target = await vetHostPort(input, DEFAULT_PORT.reachability, options.policy);
  const startedAt = Date.now();
  const started = performance.now();
  const reachable = await tcpAnswers(
    target,
    new Deadline(options.totalTimeoutMs ?? 30_000, options.timeoutMs ?? 5000),
  );
  const observations: EndpointObservation = {
    ...base(target, startedAt),
    durationMs: Math.round(performance.now() - started),
    reachable,
  };
  const results = [reachabilityRule(observations)];
  return {
    kind: 'reachability',
    target: label(target),
    profile: { name: 'reachability', label: 'TCP connect', version: '1', source: 'Jianhe' },
    observations,
    results,
    verdict: overallVerdict(results),
  };
}
