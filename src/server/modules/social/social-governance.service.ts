import { createHash, randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import { todayInTaipei } from '../providers/domain/calendar-date.js';
import { DEFAULT_REVIEW_INTERVAL_MONTHS } from './domain/platforms.js';
import { reviewSchedule } from './domain/review-schedule.js';
import './social.errors.js';
import { toPrivacyReviewDto, toRiskDto } from './social.mappers.js';
import type { PolicyInputSchema, PrivacyReviewInputSchema, RiskInputSchema } from './social.schemas.js';
import type { SocialDueDates } from './social-due-dates.js';
import type { PolicyVersionRow, RiskRow, SocialRegisterRepository } from './social-register.repository.js';

export type PolicyInput = Static<typeof PolicyInputSchema>;
export type RiskInput = Static<typeof RiskInputSchema>;
export type PrivacyReviewInput = Static<typeof PrivacyReviewInputSchema>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Art. 10: the usage policy and its acknowledgements, platform risk reviews; Art. 11.1: privacy reviews. */
export class SocialGovernanceService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: SocialRegisterRepository,
    private readonly audit: AuditRecorder,
    private readonly due: SocialDueDates,
  ) {}

  async createPolicyVersion(actor: Actor, input: PolicyInput): Promise<PolicyVersionRow> {
    const row: PolicyVersionRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      label: input.label,
      effective_on: input.effectiveOn,
      shareable_information: input.shareableInformation,
      private_business_rules: input.privateBusinessRules,
      document_evidence_id: input.documentEvidenceId ?? null,
      created_by: actor.userId,
      created_at: new Date().toISOString(),
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertPolicyVersion(t, row);
      await this.record(t, actor, 'social.policy.create', 'social_policy_version', row.id, row);
    });
    return row;
  }

  /** Every version, newest first, with how many current members acknowledged it: three queries. */
  async listPolicyVersions(orgId: string) {
    const t = this.tenants.scope(orgId);
    const [rows, acks, members] = await Promise.all([
      this.repo.listPolicyVersions(t),
      this.repo.ackCounts(t),
      this.repo.memberCount(t),
    ]);
    return rows.map((row) => ({
      id: row.id,
      label: row.label,
      effectiveOn: row.effective_on,
      shareableInformation: row.shareable_information,
      privateBusinessRules: row.private_business_rules,
      documentEvidenceId: row.document_evidence_id,
      createdAt: row.created_at,
      acknowledged: acks.get(row.id) ?? 0,
      members,
    }));
  }

  /** Who acknowledged one version and when, and who has not yet. */
  async acknowledgements(orgId: string, versionId: string) {
    const t = this.tenants.scope(orgId);
    if (!(await this.repo.findPolicyVersion(t, versionId)))
      throw new AppError(404, 'SOCIAL_POLICY_NOT_FOUND');
    const people = await this.repo.acknowledgementsOf(t, versionId);
    return {
      acknowledged: people.filter((p) => p.acknowledgedAt !== null),
      outstanding: people.filter((p) => p.acknowledgedAt === null).map(({ acknowledgedAt: _, ...p }) => p),
    };
  }

  /** The signed-in member acknowledges a version for themselves; a repeat keeps the first time. */
  async acknowledge(actor: Actor, versionId: string): Promise<void> {
    await this.tenants.transaction(actor.orgId, async (t) => {
      if (!(await this.repo.findPolicyVersion(t, versionId)))
        throw new AppError(404, 'SOCIAL_POLICY_NOT_FOUND');
      const at = new Date().toISOString();
      if (await this.repo.acknowledge(t, versionId, actor.userId, at))
        await this.record(t, actor, 'social.policy.acknowledge', 'social_policy_version', versionId, { at });
    });
  }

  private riskColumns(input: Partial<RiskInput>): Partial<RiskRow> {
    const out: Partial<RiskRow> = {};
    if (input.platform !== undefined) out.platform = input.platform;
    if (input.platformLabel !== undefined) out.platform_label = input.platformLabel.trim();
    if (input.businessUse !== undefined) out.business_use = input.businessUse ? 1 : 0;
    if (input.risks !== undefined) out.risks = JSON.stringify(input.risks);
    if (input.controls !== undefined) out.controls = JSON.stringify(input.controls);
    if (input.reviewedOn !== undefined) out.reviewed_on = input.reviewedOn;
    if (input.reviewIntervalMonths !== undefined) out.review_interval_months = input.reviewIntervalMonths;
    if (input.notes !== undefined) out.notes = input.notes;
    return out;
  }

  async createRisk(actor: Actor, input: RiskInput): Promise<RiskRow> {
    const label = input.platform === 'other' ? (input.platformLabel ?? '').trim() : '';
    if (input.platform === 'other' && label === '') throw new AppError(400, 'SOCIAL_PLATFORM_LABEL_REQUIRED');
    const at = new Date().toISOString();
    const row: RiskRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      platform: input.platform,
      platform_label: label,
      business_use: 0,
      risks: '[]',
      controls: '[]',
      reviewed_on: input.reviewedOn,
      reviewed_by: actor.userId,
      review_interval_months: DEFAULT_REVIEW_INTERVAL_MONTHS,
      notes: '',
      created_at: at,
      updated_at: at,
      version: 1,
      ...this.riskColumns({ ...input, platformLabel: label }),
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      if (await this.repo.findRiskByPlatform(t, row.platform, row.platform_label))
        throw new AppError(409, 'SOCIAL_RISK_EXISTS');
      await this.repo.insertRisk(t, row);
      await this.record(t, actor, 'social.risk.create', 'social_platform_risk', row.id, row);
      await this.due.risk(t, row);
    });
    return row;
  }

  /** A new review of the platform's risks (the platform itself stays). Stale → 409 with the current record. */
  async updateRisk(
    actor: Actor,
    id: string,
    expectedVersion: number,
    input: Partial<Omit<RiskInput, 'platform' | 'platformLabel'>>,
  ) {
    const done = await this.tenants.transaction(actor.orgId, async (t) => {
      const before = await this.repo.findRisk(t, id);
      if (!before) throw new AppError(404, 'SOCIAL_RISK_NOT_FOUND');
      const patch = {
        ...this.riskColumns(input),
        ...(input.reviewedOn ? { reviewed_by: actor.userId } : {}),
        updated_at: new Date().toISOString(),
      };
      if (!(await this.repo.updateRiskIfVersion(t, id, expectedVersion, patch))) return false;
      await this.record(t, actor, 'social.risk.update', 'social_platform_risk', id, patch, before);
      const after = await this.repo.findRisk(t, id);
      if (after) await this.due.risk(t, after);
      return true;
    });
    if (!done) throw new AppError(409, 'VERSION_CONFLICT', { current: await this.riskDto(actor.orgId, id) });
  }

  async riskDto(orgId: string, id: string) {
    const row = await this.repo.findRisk(this.tenants.scope(orgId), id);
    if (!row) throw new AppError(404, 'SOCIAL_RISK_NOT_FOUND');
    return toRiskDto(row, reviewSchedule(row.reviewed_on, row.review_interval_months, todayInTaipei()));
  }

  async listRisks(orgId: string) {
    const today = todayInTaipei();
    const rows = await this.repo.listRisks(this.tenants.scope(orgId));
    return rows.map((row) =>
      toRiskDto(row, reviewSchedule(row.reviewed_on, row.review_interval_months, today)),
    );
  }

  /**
   * Records a review of a platform's privacy policy, keeping the reviewed text (and its SHA-256) as the
   * baseline the next review is compared against.
   */
  async recordPrivacyReview(actor: Actor, input: PrivacyReviewInput) {
    const label = input.platform === 'other' ? (input.platformLabel ?? '').trim() : '';
    if (input.platform === 'other' && label === '') throw new AppError(400, 'SOCIAL_PLATFORM_LABEL_REQUIRED');
    const interval = input.intervalMonths ?? DEFAULT_REVIEW_INTERVAL_MONTHS;
    const row = {
      id: randomUUID(),
      org_id: actor.orgId,
      platform: input.platform,
      platform_label: label,
      reviewed_on: input.reviewedOn,
      reviewer_user_id: actor.userId,
      summary: input.summary,
      conclusion: input.conclusion,
      policy_url: input.policyUrl ?? '',
      policy_text: input.policyText,
      policy_sha256: sha256(input.policyText),
      evidence_id: input.evidenceId ?? null,
      interval_months: interval,
      next_due_on: reviewSchedule(input.reviewedOn, interval, input.reviewedOn).nextDueOn,
      created_by: actor.userId,
      created_at: new Date().toISOString(),
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertPrivacyReview(t, row);
      const { policy_text: _text, ...logged } = row;
      await this.record(t, actor, 'social.privacy_review.record', 'social_privacy_review', row.id, logged);
      await this.due.privacy(t, actor.orgId, row.platform, row.platform_label);
    });
    const { policy_text: _text, ...listed } = row;
    return toPrivacyReviewDto(listed, reviewSchedule(row.reviewed_on, interval, todayInTaipei()).state);
  }

  /** The calendar: each platform's latest review and when the next one is due, soonest first. */
  async privacyCalendar(orgId: string) {
    const today = todayInTaipei();
    const rows = await this.repo.listPrivacyReviews(this.tenants.scope(orgId));
    const latest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      const key = `${row.platform}\u0000${row.platform_label}`;
      if (!latest.has(key)) latest.set(key, row);
    }
    return [...latest.values()]
      .map((row) =>
        toPrivacyReviewDto(row, reviewSchedule(row.reviewed_on, row.interval_months, today).state),
      )
      .sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn));
  }

  /** Word-level diff of `currentText` (pasted or uploaded) against the platform's last reviewed text. */
  async diffAgainstLastReview(orgId: string, platform: string, platformLabel: string, currentText: string) {
    const [last] = await this.repo.privacyReviewsOf(this.tenants.scope(orgId), platform, platformLabel);
    if (!last) throw new AppError(404, 'SOCIAL_PRIVACY_REVIEW_NOT_FOUND');
    const { wordDiff } = await import('./domain/word-diff.js');
    return {
      baselineReviewId: last.id,
      baselineReviewedOn: last.reviewed_on,
      baselineSha256: last.policy_sha256,
      currentSha256: sha256(currentText),
      ...wordDiff(last.policy_text, currentText),
    };
  }

  private record(
    t: TenantScope,
    actor: Actor,
    action: string,
    targetType: string,
    targetId: string,
    after: unknown,
    before?: unknown,
  ) {
    return this.audit.record(t.db, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action,
      targetType,
      targetId,
      before,
      after,
    });
  }
}
