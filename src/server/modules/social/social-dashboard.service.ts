import type { Static } from 'typebox';
import type { Actor } from '../assessments/assessments.ports.js';
import { addMonths, todayInTaipei } from '../providers/domain/calendar-date.js';
import type { RegisterSnapshotsService } from '../register-snapshots/register-snapshots.service.js';
import { platformName } from './domain/platforms.js';
import type { LinkChecksService } from './link-checks.service.js';
import type { RegisterFigures } from './social.schemas.js';
import type { SocialAccountsService } from './social-accounts.service.js';
import { ACCOUNT_REGISTER } from './social-accounts.service.js';
import type { SocialGovernanceService } from './social-governance.service.js';

type Figures = Static<typeof RegisterFigures>;
type Line = Figures['items'][number]['lines'][number];

/** Months after which an administrator's last review counts as stale (Art. 11.4 帳號權限管理). */
const ADMIN_REVIEW_MONTHS = 12;

/**
 * What the register says for checklist items 34–40 (Art. 10–11), as coded lines the web renders in
 * either language, e.g. `accounts_2fa_verified` {n: 3, of: 4} → 「4 個帳號中 3 個已驗證雙因子」.
 * The same figures are what a register snapshot freezes as evidence.
 */
export class SocialDashboardService {
  constructor(
    private readonly accounts: SocialAccountsService,
    private readonly governance: SocialGovernanceService,
    private readonly checks: LinkChecksService,
    private readonly snapshots: RegisterSnapshotsService,
  ) {}

  /**
   * Freezes the register's figures and accounts as it stands now into hashed evidence (the shared snapshot
   * mechanism), attached to an item when one is named — both happen, or neither.
   */
  async snapshot(actor: Actor, attachToItemId: string | null) {
    const figures = await this.figures(actor.orgId);
    const accounts = await this.accounts.list(actor.orgId, 10_000);
    const snapshot = await this.snapshots.snapshot(
      actor,
      {
        registerKind: ACCOUNT_REGISTER,
        title: `社群媒體帳號清冊快照 ${todayInTaipei()}`,
        summary: {
          figures: figures.items,
          accounts: accounts.map((a) => ({
            platform: a.platformName,
            handle: a.handle,
            scope: a.scope,
            status: a.status,
            secondFactor: a.secondFactorMethod,
            secondFactorVerifiedOn: a.secondFactorVerifiedOn,
            profileShowsIdentity: a.profileShowsIdentity,
            administrators: a.administrators.filter((x) => x.removedAt === null).map((x) => x.name),
          })),
        },
        asOf: figures.generatedAt,
      },
      attachToItemId ?? undefined,
    );
    return { evidenceId: snapshot.evidence.id, sha256: snapshot.sha256, takenAt: snapshot.document.takenAt };
  }

  async figures(orgId: string): Promise<Figures> {
    const today = todayInTaipei();
    const [accounts, policies, risks, privacy, [lastCheck]] = await Promise.all([
      this.accounts.list(orgId, 10_000),
      this.governance.listPolicyVersions(orgId),
      this.governance.listRisks(orgId),
      this.governance.privacyCalendar(orgId),
      this.checks.listChecks(orgId, 1),
    ]);
    const official = accounts.filter((a) => a.scope === 'in_scope' && a.status !== 'closed');
    const current = policies.find((p) => p.effectiveOn <= today) ?? null;
    const policyLines = (field: 'shareableInformation' | 'privateBusinessRules'): Line[] =>
      current
        ? [
            {
              code:
                field === 'shareableInformation'
                  ? 'policy_shareable_defined'
                  : 'policy_private_business_defined',
              values: { label: current.label, effectiveOn: current.effectiveOn },
            },
            { code: 'policy_acknowledged', values: { n: current.acknowledged, of: current.members } },
          ]
        : [{ code: 'policy_missing', values: {} }];

    const businessRisks = risks.filter((r) => r.businessUse);
    const riskLines: Line[] = [
      {
        code: 'risk_reviews_current',
        values: { n: businessRisks.filter((r) => r.state !== 'overdue').length, of: businessRisks.length },
      },
      ...businessRisks
        .filter((r) => r.state === 'overdue')
        .map((r) => ({
          code: 'risk_review_overdue',
          values: { platform: r.platformName, since: r.nextDueOn },
        })),
    ];

    const platformsInUse = new Map<string, string>();
    for (const a of official)
      platformsInUse.set(`${a.platform}\u0000${a.platformLabel}`, platformName(a.platform, a.platformLabel));
    const reviewed = new Map(privacy.map((p) => [`${p.platform}\u0000${p.platformLabel}`, p]));
    const privacyLines: Line[] = [
      {
        code: 'privacy_reviews_current',
        values: {
          n: [...platformsInUse.keys()].filter((k) => reviewed.get(k) && reviewed.get(k)!.state !== 'overdue')
            .length,
          of: platformsInUse.size,
        },
      },
      ...[...platformsInUse.entries()].flatMap(([key, name]): Line[] => {
        const review = reviewed.get(key);
        if (!review) return [{ code: 'privacy_review_missing', values: { platform: name } }];
        return review.state === 'overdue'
          ? [{ code: 'privacy_review_overdue', values: { platform: name, since: review.nextDueOn } }]
          : [];
      }),
    ];

    const checkLines: Line[] = lastCheck
      ? [
          {
            code: 'link_check_last',
            values: {
              at: lastCheck.started_at,
              found: lastCheck.links_found,
              missing: lastCheck.links_without_notice,
            },
          },
        ]
      : [{ code: 'link_check_never', values: {} }];

    const identityOk = official.filter(
      (a) => a.profileShowsIdentity && a.profileEvidenceId && !a.profileEvidenceExpired,
    );
    const staleBefore = addMonths(today, -ADMIN_REVIEW_MONTHS);
    const admins = official.flatMap((a) => a.administrators.filter((x) => x.removedAt === null));
    const accessLines: Line[] = [
      {
        code: 'accounts_2fa_verified',
        values: {
          n: official.filter((a) => a.secondFactorMethod !== 'none' && a.secondFactorVerifiedOn).length,
          of: official.length,
        },
      },
      { code: 'admins_flagged', values: { n: admins.filter((x) => x.flaggedReason !== null).length } },
      {
        code: 'admins_review_stale',
        values: { n: admins.filter((x) => x.lastReviewedOn < staleBefore).length, of: admins.length },
      },
    ];

    return {
      generatedAt: new Date().toISOString(),
      accounts: {
        total: accounts.length,
        official: official.length,
        excluded: accounts.filter((a) => a.scope === 'excluded_internal').length,
      },
      items: [
        { itemNumber: 34, itemId: 'item-34', lines: policyLines('shareableInformation') },
        { itemNumber: 35, itemId: 'item-35', lines: policyLines('privateBusinessRules') },
        { itemNumber: 36, itemId: 'item-36', lines: riskLines },
        { itemNumber: 37, itemId: 'item-37', lines: privacyLines },
        { itemNumber: 38, itemId: 'item-38', lines: checkLines },
        {
          itemNumber: 39,
          itemId: 'item-39',
          lines: [{ code: 'accounts_identity_shown', values: { n: identityOk.length, of: official.length } }],
        },
        { itemNumber: 40, itemId: 'item-40', lines: accessLines },
      ],
    };
  }
}
