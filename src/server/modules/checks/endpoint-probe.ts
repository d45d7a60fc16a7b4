import { AppError } from '../../platform/errors.js';
import type { OutboundPolicy } from '../../platform/outbound-policy.js';
import type { CheckEndpointRow } from './checks.repository.js';
import type { StoredOutcome } from './domain/run-record.js';
import { isTlsProfileName } from './domain/tls-profile.js';
import { rule } from './domain/verdict.js';

export const CHECK_KINDS = ['tls', 'ssh', 'reachability'] as const;
export type EndpointKind = (typeof CHECK_KINDS)[number];

export interface ProbeLimits {
  policy: OutboundPolicy;
  /** Bound on each connection. */
  timeoutMs: number;
  /** Bound on one whole check. */
  totalTimeoutMs: number;
}

const hostPort = (e: Pick<CheckEndpointRow, 'host' | 'port'>) =>
  `${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;

/**
 * Checks one registered endpoint with the runner of its kind. A target the outbound policy refuses (or
 * that cannot be parsed any more) is an outcome too, stored like any other run: `target.allowed` fails
 * with the policy's code, and nothing was connected to.
 */
export async function probeEndpoint(endpoint: CheckEndpointRow, limits: ProbeLimits): Promise<StoredOutcome> {
  const target = hostPort(endpoint);
  const bounds = {
    policy: limits.policy,
    timeoutMs: limits.timeoutMs,
    totalTimeoutMs: limits.totalTimeoutMs,
  };
  try {
    // The probes (TLS, SSH, HTTP) load with the first run, not at start.
    const { runReachabilityCheck, runSshCheck, runTlsCheck } = await import('./check-runner.js');
    const run =
      endpoint.kind === 'tls'
        ? await runTlsCheck(target, {
            ...bounds,
            profile: isTlsProfileName(endpoint.profile) ? endpoint.profile : 'intermediate',
            http: endpoint.http_port !== null,
            ...(endpoint.http_port !== null ? { httpPort: endpoint.http_port } : {}),
            ...(endpoint.trusted_ca ? { ca: [endpoint.trusted_ca] } : {}),
          })
        : endpoint.kind === 'ssh'
          ? await runSshCheck(target, bounds)
          : await runReachabilityCheck(target, bounds);
    return {
      kind: run.kind,
      target: run.target,
      profile: { name: run.profile.label, version: run.profile.version },
      observations: run.observations as unknown as Record<string, unknown>,
      results: run.results,
      verdict: run.verdict,
      errorCode: null,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return {
      kind: endpoint.kind,
      target,
      profile: { name: 'outbound policy', version: '1' },
      observations: { host: endpoint.host, port: endpoint.port, addresses: [], refused: error.code },
      results: [
        rule(
          'target.allowed',
          'fail',
          `Not checked: the outbound policy refused ${target} (${error.code}).`,
          `未檢查：對外連線政策拒絕連線至 ${target}（${error.code}）。`,
          { code: error.code },
        ),
      ],
      verdict: 'fail',
      errorCode: error.code,
    };
  }
}
