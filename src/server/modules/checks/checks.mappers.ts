import { ability } from '../identity/abilities.js';
import type { Grants } from '../identity/access.js';
import type { CheckRunRow, EndpointWithLatest, RunSummary } from './checks.repository.js';
import type { RuleResult } from './domain/verdict.js';

export const toRunSummaryDto = (r: RunSummary) => ({
  id: r.id,
  startedAt: r.started_at,
  verdict: r.verdict as 'pass' | 'warn' | 'fail',
  errorCode: r.error_code,
  certificateNotAfter: r.certificate_not_after,
  profile: { name: r.profile_name, version: r.profile_version },
});

/** What the caller may do with one endpoint: run it (not while disabled) and change it. */
export const endpointAbilities = (grants: Grants | null, row: { enabled: number }) => ({
  run: ability(grants, 'check:run', row.enabled !== 1 && { reason: 'CHECK_ENDPOINT_DISABLED' }),
  update: ability(grants, 'check:manage'),
});

export function toEndpointDto(row: EndpointWithLatest, grants: Grants | null) {
  return {
    abilities: endpointAbilities(grants, row),
    id: row.id,
    providerId: row.provider_id,
    purpose: row.purpose,
    host: row.host,
    port: row.port,
    kind: row.kind as 'tls' | 'ssh' | 'reachability',
    profile: row.profile as 'intermediate' | 'modern',
    httpPort: row.http_port,
    hasTrustedCa: row.trusted_ca !== null,
    supportedItems: JSON.parse(row.supported_items) as string[],
    ownerUserId: row.owner_user_id,
    intervalHours: row.interval_hours,
    enabled: row.enabled === 1,
    nextRunAt: row.next_run_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    latest: row.latest ? toRunSummaryDto(row.latest) : null,
  };
}

export function toRunDto(row: CheckRunRow) {
  return {
    ...toRunSummaryDto(row),
    endpointId: row.endpoint_id,
    trigger: row.trigger as 'scheduled' | 'manual' | 'cli',
    requestedBy: row.requested_by,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    kind: row.kind,
    target: row.target,
    sha256: row.sha256,
    validUntil: row.valid_until,
    evidenceId: row.evidence_id,
    observations: JSON.parse(row.observations) as Record<string, unknown>,
    results: JSON.parse(row.results) as RuleResult[],
  };
}
