import { randomUUID } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { type Clock, calendarDateAt, daysBetween } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../assessments/assessments.ports.js';
import { canAcceptRisk, type RemediationStatus } from './domain/lifecycle.js';
import { toAcceptanceDto, toRemediationDto } from './remediation.mappers.js';
import type { RemediationRepository, RemediationRow } from './remediation.repository.js';
import type { RemediationLog } from './remediation-log.js';
import './remediation.errors.js';

/** The current answer of a finding (e.g. an assessment item's result), or null when unknown. */
export type SourceAnswer = (t: TenantScope, sourceKind: string, sourceId: string) => Promise<string | null>;

const MAX_ACCEPTANCE_DAYS = 3 * 366;

/**
 * Exceptions (docs/remediation.md, "Risk acceptance"): an approver accepts an item's risk with a reason, a
 * compensating control and an expiry. On expiry the item reopens by itself (the daily job); when the
 * finding's answer changes, the acceptance is stale and the item reopens for a fresh decision.
 */
export class RiskAcceptanceService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: RemediationRepository,
    private readonly log: RemediationLog,
    private readonly clock: Clock,
    private readonly sourceAnswer: SourceAnswer,
  ) {}

  private today(): string {
    return calendarDateAt(this.clock.now());
  }

  async accept(
    actor: Actor,
    itemId: string,
    input: { reason: string; compensatingControl: string; expiresOn: string; version: number },
  ) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.repo.find(t, itemId);
      if (!item) throw new AppError(404, 'REMEDIATION_NOT_FOUND');
      if (item.version !== input.version)
        throw new AppError(409, 'VERSION_CONFLICT', { current: toRemediationDto(item, this.today()) });
      if (!canAcceptRisk(item.status as RemediationStatus))
        throw new AppError(409, 'REMEDIATION_STATUS_INVALID');
      const days = daysBetween(this.today(), input.expiresOn);
      if (!(days > 0 && days <= MAX_ACCEPTANCE_DAYS))
        throw new AppError(422, 'RISK_ACCEPTANCE_EXPIRY_INVALID');
      const at = this.log.now();
      const acceptance = {
        id: randomUUID(),
        item_id: itemId,
        reason: input.reason,
        compensating_control: input.compensatingControl,
        expires_on: input.expiresOn,
        status: 'active',
        basis: item.source_id ? await this.sourceAnswer(t, item.source_kind, item.source_id) : null,
        approved_by: actor.userId,
        approved_at: at,
        ended_at: null,
        ended_reason: null,
      };
      await this.repo.insertAcceptance(t, acceptance);
      if (
        !(await this.repo.updateIfVersion(t, itemId, item.version, {
          status: 'risk_accepted',
          updated_at: at,
        }))
      )
        throw new AppError(409, 'VERSION_CONFLICT', { current: toRemediationDto(item, this.today()) });
      const after = (await this.repo.find(t, itemId))!;
      await this.log.record(t, actor.userId, item, after, 'risk.accept', input.reason);
      return {
        item: toRemediationDto(after, this.today()),
        acceptance: toAcceptanceDto({ ...acceptance, org_id: actor.orgId }),
      };
    });
  }

  /**
   * The finding behind an item now answers `basis`: an active acceptance given for another answer is
   * stale, and the item reopens (called by the assessments module inside its transaction).
   */
  async sourceChanged(t: TenantScope, sourceKind: string, sourceId: string, basis: string): Promise<void> {
    const items = await this.repo.itemsBySource(t, sourceKind, sourceId);
    for (const item of items) {
      const acceptance = await this.repo.activeAcceptance(t, item.id);
      if (!acceptance || acceptance.basis === null || acceptance.basis === basis) continue;
      await this.end(t, item, acceptance.id, 'stale', `answer changed: ${acceptance.basis} → ${basis}`);
    }
  }

  /**
   * An approver withdraws the item's active acceptance before it expires (a reason is required): the
   * acceptance ends as `revoked` and the item reopens, in the risk log and the audit trail.
   */
  async revoke(actor: Actor, itemId: string, input: { version: number; reason: string }) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.repo.find(t, itemId);
      if (!item) throw new AppError(404, 'REMEDIATION_NOT_FOUND');
      if (item.version !== input.version)
        throw new AppError(409, 'VERSION_CONFLICT', { current: toRemediationDto(item, this.today()) });
      const acceptance = await this.repo.activeAcceptance(t, itemId);
      if (!acceptance || item.status !== 'risk_accepted')
        throw new AppError(409, 'RISK_ACCEPTANCE_NOT_ACTIVE');
      if (!(await this.end(t, item, acceptance.id, 'revoked', input.reason, actor.userId)))
        throw new AppError(409, 'RISK_ACCEPTANCE_NOT_ACTIVE');
      return toRemediationDto((await this.repo.find(t, itemId))!, this.today());
    });
  }

  /** The daily job: every acceptance past its expiry ends and its item reopens. Returns how many. */
  async expireDue(): Promise<number> {
    let ended = 0;
    for (const row of await this.repo.expiredEverywhere(this.today())) {
      await this.tenants.transaction(row.org_id, async (t) => {
        const item = await this.repo.find(t, row.item_id);
        if (item && (await this.end(t, item, row.id, 'expired', 'expired'))) ended += 1;
      });
    }
    return ended;
  }

  private async end(
    t: TenantScope,
    item: RemediationRow,
    acceptanceId: string,
    status: 'stale' | 'expired' | 'revoked',
    reason: string,
    actorId: string | null = null,
  ) {
    const at = this.log.now();
    if (!(await this.repo.endAcceptance(t, acceptanceId, status, at, reason))) return false;
    if (item.status === 'risk_accepted') {
      await this.repo.updateIfVersion(t, item.id, item.version, { status: 'open', updated_at: at });
      const after = (await this.repo.find(t, item.id))!;
      await this.log.record(t, actorId, item, after, `risk.${status}`, reason);
    }
    return true;
  }
}
