import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { OutboundPolicy } from '../../platform/outbound-policy.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { AuditRecorder } from '../assessments/assessments.ports.js';
import type { AssessmentsRepository } from '../assessments/assessments.repository.js';
import { CheckEndpointsService } from './check-endpoints.service.js';
import { CheckRunsService } from './check-runs.service.js';
import { ChecksRepository } from './checks.repository.js';

export interface CheckServices {
  endpoints: CheckEndpointsService;
  runs: CheckRunsService;
}

/** Bounds of every scheduled or requested check: 5 s per connection, 30 s per check. */
export const CHECK_TIMEOUT_MS = 5000;
export const CHECK_TOTAL_TIMEOUT_MS = 30_000;

export function createCheckServices(deps: {
  db: Kysely<Database>;
  assessments: AssessmentServices;
  assessmentsRepo: AssessmentsRepository;
  audit: AuditRecorder;
  policy: OutboundPolicy;
}): CheckServices {
  const tenants = new Tenants(deps.db);
  const repo = new ChecksRepository(deps.db);
  return {
    endpoints: new CheckEndpointsService(tenants, repo, deps.audit),
    runs: new CheckRunsService(
      tenants,
      repo,
      deps.assessments.evidence,
      (t, itemIds) => deps.assessmentsRepo.draftItemsFor(t, itemIds),
      deps.audit,
      {
        limits: { policy: deps.policy, timeoutMs: CHECK_TIMEOUT_MS, totalTimeoutMs: CHECK_TOTAL_TIMEOUT_MS },
      },
    ),
  };
}
