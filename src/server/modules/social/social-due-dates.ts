import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { DueDatesService } from '../scheduler/due-dates.service.js';
import { platformName } from './domain/platforms.js';
import { reviewSchedule } from './domain/review-schedule.js';
import type { RiskRow, SocialRegisterRepository } from './social-register.repository.js';

/** The scheduler's source kinds of the social register's recurring reviews. */
export const RISK_REVIEW_DUE_KIND = 'social-risk-review';
export const PRIVACY_REVIEW_DUE_KIND = 'social-privacy-review';

/** One privacy-review cycle per platform (and, for 'other', its name). */
export const privacyReviewSourceId = (platform: string, label: string) => `${platform}:${label}`;

/**
 * Keeps the review due dates of the register in the one scheduler (docs/remediation.md, "Due dates"), so
 * that the 30/7/1-day and overdue reminders go through the one outbox to the person who last reviewed,
 * and the dates show in the calendar feed and digests. Called inside the writing transaction.
 */
export class SocialDueDates {
  constructor(
    private readonly dueDates: DueDatesService,
    private readonly repo: SocialRegisterRepository,
  ) {}

  /** A platform risk record falls due at its review date plus its interval; its last reviewer owns it. */
  risk(t: TenantScope, row: RiskRow): Promise<void> {
    return this.dueDates.set(t, {
      sourceKind: RISK_REVIEW_DUE_KIND,
      sourceId: row.id,
      title: `社群平台風險評估 Platform risk review: ${platformName(row.platform, row.platform_label)}`,
      link: `/orgs/${row.org_id}/social/governance`,
      ownerId: row.reviewed_by,
      dueOn: reviewSchedule(row.reviewed_on, row.review_interval_months, row.reviewed_on).nextDueOn,
    });
  }

  /**
   * The platform's next privacy-policy review follows its latest review by date (a back-dated entry does
   * not move it back); its reviewer owns it.
   */
  async privacy(t: TenantScope, orgId: string, platform: string, label: string): Promise<void> {
    const [latest] = await this.repo.privacyReviewsOf(t, platform, label);
    if (!latest)
      return this.dueDates.remove(t, PRIVACY_REVIEW_DUE_KIND, privacyReviewSourceId(platform, label));
    await this.dueDates.set(t, {
      sourceKind: PRIVACY_REVIEW_DUE_KIND,
      sourceId: privacyReviewSourceId(platform, label),
      title: `隱私權政策審閱 Privacy-policy review: ${platformName(platform, label)}`,
      link: `/orgs/${orgId}/social/governance`,
      ownerId: latest.reviewer_user_id,
      dueOn: latest.next_due_on,
    });
  }
}
