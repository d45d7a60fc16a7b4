import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import type { DueDatesService } from '../scheduler/due-dates.service.js';
import type { DevicesService } from './devices.service.js';
import type { ByodAcceptanceTable, ByodAgreementTable, ByodReviewTable } from './devices.tables.js';

/** The scheduler's source kind of a BYOD device's periodic review (Art. 15.1). */
export const BYOD_REVIEW_DUE_KIND = 'byod-review';

export type AgreementRow = Selectable<ByodAgreementTable>;
export type AcceptanceRow = Selectable<ByodAcceptanceTable>;
export type ReviewRow = Selectable<ByodReviewTable>;

export interface AgreementInput {
  title: string;
  usageLimits: string;
  firmResponsibilities: string;
  holderResponsibilities: string;
  validDays: number;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

/**
 * BYOD (Art. 15): versioned agreements (15.2) each holder accepts — signed in, or on paper with a scan as
 * evidence — with an expiry, re-acceptance due when a new version is published; and periodic reviews of
 * each BYOD device's purpose, period of use and data types (15.1), due at the policy's interval.
 */
export class ByodService {
  constructor(
    private readonly tenants: Tenants,
    private readonly devices: DevicesService,
    private readonly evidence: EvidenceService,
    private readonly audit: AuditRecorder,
    private readonly dueDates: DueDatesService,
  ) {}

  agreements(orgId: string): Promise<AgreementRow[]> {
    return this.tenants
      .scope(orgId)
      .db.selectFrom('byod_agreement')
      .selectAll()
      .orderBy('version', 'desc')
      .execute();
  }

  async current(t: TenantScope): Promise<AgreementRow | undefined> {
    return t.db
      .selectFrom('byod_agreement')
      .selectAll()
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Publishes the next version; earlier acceptances stop counting as current. */
  publish(actor: Actor, input: AgreementInput): Promise<AgreementRow> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const previous = await this.current(t);
      const row: AgreementRow = {
        id: randomUUID(),
        org_id: t.orgId,
        version: (previous?.version ?? 0) + 1,
        title: input.title.trim(),
        usage_limits: input.usageLimits,
        firm_responsibilities: input.firmResponsibilities,
        holder_responsibilities: input.holderResponsibilities,
        valid_days: input.validDays,
        published_by: actor.userId,
        published_at: new Date().toISOString(),
      };
      await t.db.insertInto('byod_agreement').values(row).execute();
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'byod.agreement.publish',
        targetType: 'byod_agreement',
        targetId: row.id,
        after: { version: row.version, title: row.title, validDays: row.valid_days },
      });
      return row;
    });
  }

  private async insertAcceptance(
    t: TenantScope,
    actor: Actor,
    agreement: AgreementRow,
    row: Omit<AcceptanceRow, 'id' | 'org_id' | 'agreement_id' | 'expires_at' | 'recorded_by' | 'recorded_at'>,
  ) {
    const now = new Date().toISOString();
    const acceptance: AcceptanceRow = {
      ...row,
      id: randomUUID(),
      org_id: t.orgId,
      agreement_id: agreement.id,
      expires_at: addDays(row.accepted_at, agreement.valid_days),
      recorded_by: actor.userId,
      recorded_at: now,
    };
    await t.db.insertInto('byod_acceptance').values(acceptance).execute();
    await this.audit.record(t.db, {
      orgId: t.orgId,
      actorUserId: actor.userId,
      action: `byod.acceptance.${row.method}`,
      targetType: 'byod_agreement',
      targetId: agreement.id,
      after: {
        acceptanceId: acceptance.id,
        version: agreement.version,
        holderUserId: row.holder_user_id,
        evidenceId: row.evidence_id,
        expiresAt: acceptance.expires_at,
      },
    });
    return acceptance;
  }

  private async currentOrFail(t: TenantScope, agreementId: string): Promise<AgreementRow> {
    const agreement = await t.db
      .selectFrom('byod_agreement')
      .selectAll()
      .where('id', '=', agreementId)
      .executeTakeFirst();
    if (!agreement) throw new AppError(404, 'BYOD_AGREEMENT_NOT_FOUND');
    if ((await this.current(t))?.id !== agreement.id) throw new AppError(409, 'BYOD_AGREEMENT_NOT_CURRENT');
    return agreement;
  }

  /** The signed-in holder accepts the current version themselves (recorded in the audit chain). */
  accept(actor: Actor, agreementId: string): Promise<AcceptanceRow> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const agreement = await this.currentOrFail(t, agreementId);
      return this.insertAcceptance(t, actor, agreement, {
        holder_user_id: actor.userId,
        holder_name: null,
        method: 'in_app',
        evidence_id: null,
        accepted_at: new Date().toISOString(),
      });
    });
  }

  /** The firm records a paper acceptance, with the scan as evidence. */
  async recordPaper(
    actor: Actor,
    agreementId: string,
    input: {
      holderUserId?: string | null;
      holderName?: string | null;
      evidenceId: string;
      acceptedOn: string;
    },
  ): Promise<AcceptanceRow> {
    if (!input.holderUserId && !input.holderName?.trim())
      throw new AppError(400, 'BYOD_ACCEPTANCE_HOLDER_REQUIRED');
    await this.devices.ensureMember(actor.orgId, input.holderUserId);
    return this.tenants.transaction(actor.orgId, async (t) => {
      const agreement = await this.currentOrFail(t, agreementId);
      await this.evidence.find(t, input.evidenceId);
      return this.insertAcceptance(t, actor, agreement, {
        holder_user_id: input.holderUserId ?? null,
        holder_name: input.holderName?.trim() || null,
        method: 'paper',
        evidence_id: input.evidenceId,
        accepted_at: new Date(`${input.acceptedOn}T00:00:00+08:00`).toISOString(),
      });
    });
  }

  acceptances(orgId: string): Promise<Array<AcceptanceRow & { version: number }>> {
    return this.tenants
      .scope(orgId)
      .db.selectFrom('byod_acceptance')
      .innerJoin('byod_agreement', 'byod_agreement.id', 'byod_acceptance.agreement_id')
      .selectAll('byod_acceptance')
      .select('byod_agreement.version')
      .orderBy('byod_acceptance.accepted_at', 'desc')
      .limit(1000)
      .execute();
  }

  /** Records a review of one BYOD device; the next falls due after the policy's interval. */
  review(
    actor: Actor,
    deviceId: string,
    input: { purpose: string; periodStart: string; periodEnd: string; dataTypes: string[] },
  ): Promise<ReviewRow> {
    if (input.periodEnd < input.periodStart) throw new AppError(400, 'BYOD_REVIEW_PERIOD_INVALID');
    return this.tenants.transaction(actor.orgId, async (t) => {
      const device = await this.devices.find(t, deviceId);
      if (device.ownership !== 'byod') throw new AppError(409, 'BYOD_NOT_A_BYOD_DEVICE');
      const { policy } = await this.devices.policy(t);
      const now = new Date().toISOString();
      const row: ReviewRow = {
        id: randomUUID(),
        org_id: t.orgId,
        device_id: deviceId,
        purpose: input.purpose,
        period_start: input.periodStart,
        period_end: input.periodEnd,
        data_types: JSON.stringify(input.dataTypes),
        reviewed_by: actor.userId,
        reviewed_at: now,
        next_due_on: addDays(now, policy.byodReviewIntervalDays).slice(0, 10),
      };
      await t.db.insertInto('byod_review').values(row).execute();
      // The next review falls due through the one scheduler: reminders go to the reviewer via the outbox.
      await this.dueDates.set(t, {
        sourceKind: BYOD_REVIEW_DUE_KIND,
        sourceId: deviceId,
        title: `BYOD 裝置定期檢視 BYOD device review: ${device.name}`,
        link: `/orgs/${t.orgId}/devices/${deviceId}`,
        ownerId: actor.userId,
        dueOn: row.next_due_on,
      });
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'byod.review',
        targetType: 'device',
        targetId: deviceId,
        after: {
          reviewId: row.id,
          purpose: row.purpose,
          periodEnd: row.period_end,
          nextDueOn: row.next_due_on,
        },
      });
      return row;
    });
  }

  reviews(orgId: string, deviceId: string): Promise<ReviewRow[]> {
    return this.tenants
      .scope(orgId)
      .db.selectFrom('byod_review')
      .selectAll()
      .where('device_id', '=', deviceId)
      .orderBy('reviewed_at', 'desc')
      .execute();
  }

  /**
   * Art. 15.1–15.2 figures over the in-scope BYOD devices, in three queries: a device's review is current
   * when its latest review is not yet due; its holder has accepted when they hold an unexpired acceptance
   * of the current version.
   */
  async figures(t: TenantScope, today: string) {
    const devices = await t.db
      .selectFrom('device')
      .select(['id', 'holder_user_id', 'holder_name'])
      .where('ownership', '=', 'byod')
      .where('in_scope', '=', 1)
      .where('status', '=', 'active')
      .execute();
    const due = await t.db
      .selectFrom('byod_review')
      .select(['device_id', (eb) => eb.fn.max('next_due_on').as('next_due_on')])
      .groupBy('device_id')
      .execute();
    const nextDue = new Map(due.map((r) => [r.device_id, String(r.next_due_on)]));
    const current = await this.current(t);
    const now = new Date().toISOString();
    const accepted = current
      ? await t.db
          .selectFrom('byod_acceptance')
          .select(['holder_user_id', 'holder_name'])
          .where('agreement_id', '=', current.id)
          .where('expires_at', '>', now)
          .execute()
      : [];
    const holders = new Set(accepted.map((a) => a.holder_user_id ?? `name:${a.holder_name}`));
    const reviewsCurrent = devices.filter((d) => (nextDue.get(d.id) ?? '') > today).length;
    const byodAccepted = devices.filter((d) =>
      holders.has(d.holder_user_id ?? `name:${d.holder_name}`),
    ).length;
    return {
      byodReviewsCurrent: reviewsCurrent,
      byodReviewsDue: devices.length - reviewsCurrent,
      byodAccepted,
      byodNotAccepted: devices.length - byodAccepted,
      agreementVersion: current?.version ?? null,
    };
  }
}
