import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { type Clock, calendarDateAt } from '../../platform/clock.js';
import type { Grants } from '../identity/access.js';
import { addDays } from '../scheduler/domain/recurrence.js';
import type { HomeRepository } from './home.repository.js';

/** The provider register's audit counts (its own rules, Art. 4.3), asked of the providers module. */
export type ProviderAudits = (
  orgId: string,
) => Promise<{ auditsOverdue: number; auditsDueWithin30Days: number }>;

const MINE_LIMIT = 20;

/**
 * The signed-in landing page (docs/remediation.md, "Home page"): where the firm stands and what is mine.
 * Each part is one aggregate query; the parts a person's role does not act on are left empty.
 */
export class HomeService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: HomeRepository,
    private readonly providerAudits: ProviderAudits,
    private readonly clock: Clock,
  ) {}

  async overview(orgId: string, userId: string, grants: Grants | null) {
    const t = this.tenants.scope(orgId);
    const today = calendarDateAt(this.clock.now());
    const can = (permission: string) => grants?.permissions.includes(permission as never) ?? false;
    const current = await this.repo.currentAssessment(t);
    const [progress, gaps, evidence, remediation, providers, assigned, reviews, approvals, closures, mine] =
      await Promise.all([
        current ? this.repo.assessmentProgress(t, current.id) : null,
        current ? this.repo.gapsByChapter(t, current.id) : [],
        this.repo.expiringEvidence(t, today, addDays(today, 30)),
        this.repo.remediationCounts(t, today),
        can('provider:read') ? this.providerAudits(orgId) : null,
        this.repo.assignedItems(t, userId, MINE_LIMIT),
        can('assessment:review') ? this.repo.reviewsWaiting(t) : [],
        can('assessment:approve') ? this.repo.assessmentsAwaitingApproval(t) : [],
        can('remediation:approve') ? this.repo.closuresAwaiting(t, userId) : [],
        this.repo.myRemediation(t, userId, MINE_LIMIT),
      ]);
    const answered = progress ? progress.compliant + progress.partial + progress.nonCompliant : 0;
    return {
      today,
      firm: {
        assessment:
          current && progress
            ? {
                id: current.id,
                name: current.name,
                period: current.period,
                state: current.state,
                dueDate: current.due_date,
                ...progress,
                // Compliance over the answered applicable items (N/A and 未評 excluded), in percent.
                complianceRate:
                  answered === 0 ? null : Math.round((progress.compliant / answered) * 1000) / 10,
              }
            : null,
        gapsByChapter: gaps,
        providers,
        evidence,
        remediation,
      },
      mine: {
        assignedItems: {
          total: Number(assigned[0]?.total ?? 0),
          items: assigned.map(({ total: _total, ...item }) => ({
            ...item,
            itemNumber: Number(item.itemNumber),
          })),
        },
        reviewsWaiting: reviews.map((r) => ({ id: r.id, name: r.name, items: Number(r.items) })),
        approvalsWaiting: {
          assessments: approvals,
          closures,
        },
        remediation: mine.map((r) => ({
          ...r,
          overdue:
            r.plannedCompletion !== null && r.plannedCompletion < today && r.status !== 'risk_accepted',
        })),
      },
    };
  }
}
