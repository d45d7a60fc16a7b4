import type { Bilingual } from '../../../platform/i18n.js';

/**
 * How one rule judged an observation. `warn` needs attention but is not a breach of the profile (or a
 * fact could not be established, e.g. a protocol this machine's OpenSSL cannot offer); `skip` means the
 * rule does not apply (no certificate to judge when nothing answered, HSTS on a non-HTTP service).
 */
export type RuleStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface RuleResult {
  /** Stable id, e.g. `tls.protocols`; a remediation item or a `--fail-on` list refers to it. */
  id: string;
  status: RuleStatus;
  message: Bilingual;
  /** The facts the rule used, for the result history and JSON output. */
  details?: Record<string, unknown>;
}

export type Verdict = 'pass' | 'warn' | 'fail';

const RANK: Record<RuleStatus, number> = { skip: 0, pass: 0, warn: 1, fail: 2 };

/** The worst status of all rules: any fail fails, else any warn warns. */
export function overallVerdict(results: RuleResult[]): Verdict {
  const worst = Math.max(0, ...results.map((r) => RANK[r.status]));
  return worst === 2 ? 'fail' : worst === 1 ? 'warn' : 'pass';
}

/** `fail` (default): only failures count; `warn`: warnings too; `never`: the check never fails a build. */
export type FailOn = 'fail' | 'warn' | 'never';

export function failsBuild(verdict: Verdict, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return verdict === 'fail' || (failOn === 'warn' && verdict === 'warn');
}

export const rule = (
  id: string,
  status: RuleStatus,
  en: string,
  zh: string,
  details?: Record<string, unknown>,
): RuleResult => ({ id, status, message: { en, 'zh-TW': zh }, ...(details ? { details } : {}) });

/** What every check of an endpoint records first: which target, when, and whether it answered at all. */
export interface EndpointObservation {
  host: string;
  port: number;
  /** The vetted addresses the check connected to. */
  addresses: string[];
  startedAt: string;
  durationMs: number;
  reachable: { ok: boolean; connectMs?: number; error?: string };
}

const endpointLabel = (o: EndpointObservation) =>
  `${o.host.includes(':') ? `[${o.host}]` : o.host}:${o.port}`;

/** `service.reachable`: a TCP connection opened within the bound, or why not. */
export function reachabilityRule(o: EndpointObservation): RuleResult {
  const at = endpointLabel(o);
  return o.reachable.ok
    ? rule('service.reachable', 'pass', `${at} answers.`, `${at} 有回應。`, {
        connectMs: o.reachable.connectMs,
      })
    : rule(
        'service.reachable',
        'fail',
        `${at} does not answer (${o.reachable.error ?? 'no connection'}).`,
        `${at} 無回應（${o.reachable.error ?? '無法連線'}）。`,
        { error: o.reachable.error },
      );
}
