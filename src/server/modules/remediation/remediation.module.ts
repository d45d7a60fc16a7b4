import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { Clock } from '../../platform/clock.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { AuditRecorder } from '../assessments/assessments.ports.js';
import type { AssessmentItemRow } from '../assessments/assessments.repository.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { DueDatesService } from '../scheduler/due-dates.service.js';
import type { JobScheduler } from '../scheduler/job-scheduler.js';
import { isGapResult } from './domain/lifecycle.js';
import { RemediationRepository } from './remediation.repository.js';
import { RemediationService, type SourceFinding } from './remediation.service.js';
import { RemediationLog } from './remediation-log.js';
import { closureRequestNotifier } from './remediation-notifications.js';
import { RiskAcceptanceService } from './risk-acceptance.service.js';

export interface RemediationServices {
  items: RemediationService;
  acceptances: RiskAcceptanceService;
  repo: RemediationRepository;
}

export const RISK_EXPIRY_JOB = 'risk-acceptance-expiry';

/** The finding an assessment item's gap reports: the same catalog item in a later assessment is the same gap. */
export function assessmentGapFinding(item: AssessmentItemRow): SourceFinding {
  return {
    sourceKind: 'assessment-item',
    sourceId: item.id,
    link: `/assessments/${item.assessment_id}/items/${item.id}`,
    matchKey: `catalog-item:${item.item_id}`,
    title: `第 ${item.item_number} 項：${item.question_zh}`.slice(0, 300),
    description: item.explanation,
    riskStatement: item.compensating_control
      ? `補償性措施 Compensating control: ${item.compensating_control}`
      : '',
    ownerId: item.assignee_user_id,
    plannedCompletion: item.due_date,
    basis: item.result,
  };
}

/**
 * Wires remediation over one database: every 部分符合 / 不符合 answer opens or updates its item (inside the
 * answer's transaction), any other answer makes an acceptance given for the old one stale, and the daily
 * expiry job (00:10 Asia/Taipei) reopens items whose acceptance has ended.
 */
export function createRemediationServices(deps: {
  db: Kysely<Database>;
  tenants: Tenants;
  audit: AuditRecorder;
  dueDates: DueDatesService;
  clock: Clock;
  scheduler: JobScheduler;
  assessments: AssessmentServices;
  notifications: NotificationsService;
}): RemediationServices {
  const repo = new RemediationRepository(deps.db);
  const log = new RemediationLog(repo, deps.audit, deps.dueDates, deps.clock);
  const acceptances = new RiskAcceptanceService(deps.tenants, repo, log, deps.clock, async (t, kind, id) =>
    kind === 'assessment-item'
      ? ((await deps.assessments.items.find(t, id).catch(() => null))?.result ?? null)
      : null,
  );
  const items = new RemediationService(
    deps.tenants,
    repo,
    log,
    deps.clock,
    (t, kind, id, basis) => acceptances.sourceChanged(t, kind, id, basis),
    closureRequestNotifier(repo, deps.notifications),
  );
  deps.assessments.items.onResultChanged(async (t, actor, item) => {
    if (isGapResult(item.result))
      await items.openOrUpdateFromSource(actor.orgId, actor.userId, assessmentGapFinding(item), t);
    else await acceptances.sourceChanged(t, 'assessment-item', item.id, item.result);
  });
  deps.scheduler.recurring(RISK_EXPIRY_JOB, '10 0 * * *', async () => {
    await acceptances.expireDue();
  });
  return { items, acceptances, repo };
}
