import type { Static } from 'typebox';
import { platformName } from './domain/platforms.js';
import type { ReviewState } from './domain/review-schedule.js';
import type { Account, AccountAdmin, PlatformRisk, PrivacyReview } from './social.schemas.js';
import type { AccountRow, AdminRow, PrivacyReviewRow, RiskRow } from './social-register.repository.js';

type AccountDto = Static<typeof Account>;

export function toAdminDto(row: AdminRow, names: Map<string, string>): Static<typeof AccountAdmin> {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.user_id ? (names.get(row.user_id) ?? '') : (row.outsider_name ?? ''),
    outsiderOrganisation: row.outsider_organisation,
    lastReviewedOn: row.last_reviewed_on,
    addedAt: row.added_at,
    removedAt: row.removed_at,
    removalReason: row.removal_reason,
    flaggedReason: row.flagged_reason as 'member_left' | 'role_changed' | null,
    flaggedAt: row.flagged_at,
  };
}

export function toAccountDto(
  row: AccountRow,
  admins: AdminRow[],
  names: Map<string, string>,
  evidenceValidUntil: string | null,
  today: string,
): AccountDto {
  return {
    id: row.id,
    platform: row.platform as AccountDto['platform'],
    platformLabel: row.platform_label,
    platformName: platformName(row.platform, row.platform_label),
    handle: row.handle,
    url: row.url,
    purpose: row.purpose,
    scope: row.scope as AccountDto['scope'],
    exclusionReason: row.exclusion_reason,
    department: row.department,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_user_id ? (names.get(row.owner_user_id) ?? row.owner_name) : row.owner_name,
    secondFactorMethod: row.second_factor_method as AccountDto['secondFactorMethod'],
    secondFactorVerifiedOn: row.second_factor_verified_on,
    profileShowsIdentity: row.profile_shows_identity === 1,
    profileEvidenceId: row.profile_evidence_id,
    profileEvidenceValidUntil: evidenceValidUntil,
    profileEvidenceExpired: evidenceValidUntil !== null && evidenceValidUntil < today,
    status: row.status as AccountDto['status'],
    notes: row.notes,
    version: row.version,
    administrators: admins.map((a) => toAdminDto(a, names)),
  };
}

export function toRiskDto(
  row: RiskRow,
  schedule: { nextDueOn: string; state: ReviewState },
): Static<typeof PlatformRisk> {
  return {
    id: row.id,
    platform: row.platform as Static<typeof PlatformRisk>['platform'],
    platformLabel: row.platform_label,
    platformName: platformName(row.platform, row.platform_label),
    businessUse: row.business_use === 1,
    risks: JSON.parse(row.risks),
    controls: JSON.parse(row.controls),
    reviewedOn: row.reviewed_on,
    reviewedBy: row.reviewed_by,
    reviewIntervalMonths: row.review_interval_months,
    nextDueOn: schedule.nextDueOn,
    state: schedule.state,
    notes: row.notes,
    version: row.version,
  };
}

export function toPrivacyReviewDto(
  row: Omit<PrivacyReviewRow, 'policy_text'>,
  state: ReviewState,
): Static<typeof PrivacyReview> {
  return {
    id: row.id,
    platform: row.platform as Static<typeof PrivacyReview>['platform'],
    platformLabel: row.platform_label,
    platformName: platformName(row.platform, row.platform_label),
    reviewedOn: row.reviewed_on,
    reviewerUserId: row.reviewer_user_id,
    summary: row.summary,
    conclusion: row.conclusion as Static<typeof PrivacyReview>['conclusion'],
    policyUrl: row.policy_url,
    policySha256: row.policy_sha256,
    evidenceId: row.evidence_id,
    intervalMonths: row.interval_months,
    nextDueOn: row.next_due_on,
    state,
  };
}
