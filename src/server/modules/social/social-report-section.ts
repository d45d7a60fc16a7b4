import type { ReportSocialRegister } from '../reports/report-model.js';
import type { SocialAccountsService } from './social-accounts.service.js';
import type { SocialGovernanceService } from './social-governance.service.js';

/**
 * The register as the PDF report prints it (docs/reports.md): every account, and each platform's latest
 * risk and privacy-policy review with its next due date. Null when the organisation keeps no register,
 * so a firm without social media gets no empty section.
 */
export async function socialReportSection(
  accounts: SocialAccountsService,
  governance: SocialGovernanceService,
  orgId: string,
): Promise<ReportSocialRegister | null> {
  const [list, risks, privacy] = await Promise.all([
    accounts.list(orgId, 10_000),
    governance.listRisks(orgId),
    governance.privacyCalendar(orgId),
  ]);
  if (list.length === 0 && risks.length === 0 && privacy.length === 0) return null;
  return {
    accounts: list.map((a) => ({
      platform: a.platformName,
      handle: a.handle,
      purpose: a.purpose,
      exclusionReason: a.scope === 'excluded_internal' ? (a.exclusionReason ?? '') : null,
      status: a.status,
      secondFactorMethod: a.secondFactorMethod,
      secondFactorVerifiedOn: a.secondFactorVerifiedOn,
      profileShowsIdentity: a.profileShowsIdentity,
      administrators: a.administrators
        .filter((x) => x.removedAt === null)
        .map((x) => (x.outsiderOrganisation ? `${x.name}／${x.outsiderOrganisation}` : x.name)),
    })),
    reviews: [
      ...risks.map((r) => ({
        kind: 'risk' as const,
        platform: r.platformName,
        reviewedOn: r.reviewedOn,
        nextDueOn: r.nextDueOn,
        state: r.state,
        conclusion: null,
      })),
      ...privacy.map((p) => ({
        kind: 'privacy' as const,
        platform: p.platformName,
        reviewedOn: p.reviewedOn,
        nextDueOn: p.nextDueOn,
        state: p.state,
        conclusion: p.conclusion,
      })),
    ].sort((a, b) => a.nextDueOn.localeCompare(b.nextDueOn)),
  };
}
