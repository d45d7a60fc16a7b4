import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { Clock } from '../../platform/clock.js';
import { uuidV7 } from '../../platform/uuid-v7.js';
import type { AuditRecorder } from '../assessments/assessments.ports.js';
import type { DueDatesService } from '../scheduler/due-dates.service.js';
import type { RemediationRepository, RemediationRow } from './remediation.repository.js';

export const REMEDIATION_DUE_KIND = 'remediation';

/**
 * What every change to an item also does, in the same transaction: a risk-log entry (the POA&M's record
 * of status changes), the audit trail, and the item's due date in the shared due-date table (planned
 * completion while the work is open, the acceptance's expiry while a risk is accepted, none once done).
 */
export class RemediationLog {
  constructor(
    private readonly repo: RemediationRepository,
    private readonly audit: AuditRecorder,
    private readonly dueDates: DueDatesService,
    private readonly clock: Clock,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  async record(
    t: TenantScope,
    actorId: string | null,
    before: RemediationRow | null,
    after: RemediationRow,
    kind: string,
    note = '',
  ): Promise<void> {
    await this.repo.insertEvent(t, {
      // Time-ordered: events of one instant keep the order they happened in.
      id: uuidV7(),
      item_id: after.id,
      at: this.now(),
      actor_id: actorId,
      kind,
      from_status: before?.status ?? null,
      to_status: after.status,
      note,
    });
    await this.audit.record(t.db, {
      orgId: t.orgId,
      actorUserId: actorId,
      action: `remediation.${kind}`,
      targetType: 'remediation_item',
      targetId: after.id,
      ...(before ? { before: { status: before.status, version: before.version } } : {}),
      after: { status: after.status, version: after.version, note },
    });
    await this.syncDueDate(t, after);
  }

  async syncDueDate(t: TenantScope, item: RemediationRow): Promise<void> {
    const link = `/orgs/${t.orgId}/remediation/${item.id}`;
    if (item.status === 'completed') return this.dueDates.remove(t, REMEDIATION_DUE_KIND, item.id);
    if (item.status === 'risk_accepted') {
      const acceptance = await this.repo.activeAcceptance(t, item.id);
      if (acceptance)
        return this.dueDates.set(t, {
          sourceKind: REMEDIATION_DUE_KIND,
          sourceId: item.id,
          title: `風險接受到期 Risk acceptance ends: ${item.title}`,
          link,
          ownerId: item.owner_id,
          dueOn: acceptance.expires_on,
        });
    }
    if (!item.planned_completion) return this.dueDates.remove(t, REMEDIATION_DUE_KIND, item.id);
    await this.dueDates.set(t, {
      sourceKind: REMEDIATION_DUE_KIND,
      sourceId: item.id,
      title: item.title,
      link,
      ownerId: item.owner_id,
      dueOn: item.planned_completion,
    });
  }
}
