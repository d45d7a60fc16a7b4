import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { CheckEndpointRow, CheckRunRow } from './checks.repository.js';
import type { RuleResult } from './domain/verdict.js';

/**
 * What a stored run sets in motion outside this module, inside the run's transaction: remediation items
 * for failing rules (check-remediation.ts, one item per endpoint and rule) and a notice to the endpoint's
 * owner about a certificate that expires soon (check-jobs.ts, through the notification outbox).
 */
export interface CheckFollowUps {
  /** One or more rules failed: open the endpoint's remediation item for each rule, or update the open one. */
  rulesFailed?(
    t: TenantScope,
    input: { endpoint: CheckEndpointRow; run: CheckRunRow; failing: RuleResult[] },
  ): Promise<void>;
  /** The certificate expires within the warning window; told once per certificate (fingerprint). */
  certificateExpiring?(
    t: TenantScope,
    input: {
      endpoint: CheckEndpointRow;
      run: CheckRunRow;
      notAfter: string;
      daysToExpiry: number;
      fingerprint256: string;
    },
  ): Promise<void>;
}

/** Checklist items of editable (draft) assessments that a run's evidence goes to. */
export type EvidenceTargets = (
  t: TenantScope,
  catalogItemIds: string[],
) => Promise<Array<{ id: string; item_id: string }>>;
