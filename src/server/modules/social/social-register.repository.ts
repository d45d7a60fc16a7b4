import type { Selectable, Updateable } from 'kysely';
import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type {
  SocialAccountAdminTable,
  SocialAccountTable,
  SocialPlatformRiskTable,
  SocialPolicyVersionTable,
  SocialPrivacyReviewTable,
} from './social.tables.js';

export type AccountRow = Selectable<SocialAccountTable>;
export type AdminRow = Selectable<SocialAccountAdminTable>;
export type PolicyVersionRow = Selectable<SocialPolicyVersionTable>;
export type RiskRow = Selectable<SocialPlatformRiskTable>;
export type PrivacyReviewRow = Selectable<SocialPrivacyReviewTable>;

/** A review without its (possibly long) reviewed text. */
const REVIEW_COLUMNS = [
  'id',
  'org_id',
  'platform',
  'platform_label',
  'reviewed_on',
  'reviewer_user_id',
  'summary',
  'conclusion',
  'policy_url',
  'policy_sha256',
  'evidence_id',
  'interval_months',
  'next_due_on',
  'created_by',
  'created_at',
] as const;

export interface AccountKey {
  platform: string;
  handle: string;
  id: string;
}

/** Kysely queries for the accounts register, usage policy, risk and privacy reviews; all tenant-scoped. */
export class SocialRegisterRepository {
  async insertAccount(t: TenantScope, row: AccountRow): Promise<void> {
    await t.db.insertInto('social_account').values(row).execute();
  }

  findAccount(t: TenantScope, id: string): Promise<AccountRow | undefined> {
    return t.db.selectFrom('social_account').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Keyset pagination by platform, handle, id. */
  listAccounts(t: TenantScope, limit: number, after?: AccountKey): Promise<AccountRow[]> {
    let query = t.db.selectFrom('social_account').selectAll();
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('platform', '>', after.platform),
          eb.and([eb('platform', '=', after.platform), eb('handle', '>', after.handle)]),
          eb.and([
            eb('platform', '=', after.platform),
            eb('handle', '=', after.handle),
            eb('id', '>', after.id),
          ]),
        ]),
      );
    return query.orderBy('platform').orderBy('handle').orderBy('id').limit(limit).execute();
  }

  async updateAccountIfVersion(
    t: TenantScope,
    id: string,
    expectedVersion: number,
    patch: Updateable<SocialAccountTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('social_account')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Valid-until of the evidence behind each account's profile screenshot, in one query. */
  async evidenceValidity(t: TenantScope, evidenceIds: string[]): Promise<Map<string, string | null>> {
    if (evidenceIds.length === 0) return new Map();
    const rows = await t.db
      .selectFrom('evidence')
      .select(['id', 'valid_until'])
      .where('id', 'in', evidenceIds)
      .execute();
    return new Map(rows.map((r) => [r.id, r.valid_until]));
  }

  async insertAdmin(t: TenantScope, row: AdminRow): Promise<void> {
    await t.db.insertInto('social_account_admin').values(row).execute();
  }

  findAdmin(t: TenantScope, accountId: string, id: string): Promise<AdminRow | undefined> {
    return t.db
      .selectFrom('social_account_admin')
      .selectAll()
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  }

  /** Administrators of the given accounts (current and removed), oldest first. */
  listAdmins(t: TenantScope, accountIds: string[]): Promise<AdminRow[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('social_account_admin')
      .selectAll()
      .where('account_id', 'in', accountIds)
      .orderBy('added_at')
      .orderBy('id')
      .execute();
  }

  /** Current administrator rows held by one member, across every account. */
  currentAdminRowsOf(t: TenantScope, userId: string): Promise<AdminRow[]> {
    return t.db
      .selectFrom('social_account_admin')
      .selectAll()
      .where('user_id', '=', userId)
      .where('removed_at', 'is', null)
      .execute();
  }

  async updateAdmin(t: TenantScope, id: string, patch: Updateable<SocialAccountAdminTable>): Promise<void> {
    await t.db.updateTable('social_account_admin').set(patch).where('id', '=', id).execute();
  }

  /** Whether `userId` is a member of the scope's organisation. */
  async isMember(t: TenantScope, userId: string): Promise<boolean> {
    const row = await t.db
      .selectFrom('membership')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Display names by user id, in one query. People are named on the records they touched even after they
   * leave (the ids come from this organisation's own rows, written while they were members).
   */
  async peopleNames(t: TenantScope, userIds: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const rows = await t.db
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  async insertPolicyVersion(t: TenantScope, row: PolicyVersionRow): Promise<void> {
    await t.db.insertInto('social_policy_version').values(row).execute();
  }

  findPolicyVersion(t: TenantScope, id: string): Promise<PolicyVersionRow | undefined> {
    return t.db.selectFrom('social_policy_version').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first (the first row is the version in force). */
  listPolicyVersions(t: TenantScope): Promise<PolicyVersionRow[]> {
    return t.db
      .selectFrom('social_policy_version')
      .selectAll()
      .orderBy('effective_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Acknowledgements by current members, per version: one aggregate query. */
  async ackCounts(t: TenantScope): Promise<Map<string, number>> {
    const rows = await t.db
      .selectFrom('social_policy_ack')
      .innerJoin('membership', (j) =>
        j
          .onRef('membership.user_id', '=', 'social_policy_ack.user_id')
          .onRef('membership.org_id', '=', 'social_policy_ack.org_id'),
      )
      .select(['social_policy_ack.policy_version_id as id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('social_policy_ack.policy_version_id')
      .execute();
    return new Map(rows.map((r) => [r.id, Number(r.n)]));
  }

  async memberCount(t: TenantScope): Promise<number> {
    const row = await t.db
      .selectFrom('membership')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every current member with their acknowledgement of `versionId` (null when not yet given). */
  acknowledgementsOf(t: TenantScope, versionId: string) {
    return t.db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .leftJoin('social_policy_ack', (j) =>
        j
          .onRef('social_policy_ack.user_id', '=', 'membership.user_id')
          .on('social_policy_ack.policy_version_id', '=', versionId),
      )
      .select([
        'membership.user_id as userId',
        'app_user.display_name as name',
        'app_user.email as email',
        'social_policy_ack.acknowledged_at as acknowledgedAt',
      ])
      .orderBy('app_user.display_name')
      .orderBy('membership.user_id')
      .execute();
  }

  /** Records one acknowledgement; a second one by the same person keeps the first time. */
  async acknowledge(t: TenantScope, versionId: string, userId: string, at: string): Promise<boolean> {
    const result = await t.db
      .insertInto('social_policy_ack')
      .values({ org_id: t.orgId, policy_version_id: versionId, user_id: userId, acknowledged_at: at })
      .onConflict((oc) => oc.columns(['org_id', 'policy_version_id', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async insertRisk(t: TenantScope, row: RiskRow): Promise<void> {
    await t.db.insertInto('social_platform_risk').values(row).execute();
  }

  findRisk(t: TenantScope, id: string): Promise<RiskRow | undefined> {
    return t.db.selectFrom('social_platform_risk').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findRiskByPlatform(t: TenantScope, platform: string, label: string): Promise<RiskRow | undefined> {
    return t.db
      .selectFrom('social_platform_risk')
      .selectAll()
      .where('platform', '=', platform)
      .where('platform_label', '=', label)
      .executeTakeFirst();
  }

  listRisks(t: TenantScope): Promise<RiskRow[]> {
    return t.db
      .selectFrom('social_platform_risk')
      .selectAll()
      .orderBy('platform')
      .orderBy('platform_label')
      .execute();
  }

  async updateRiskIfVersion(
    t: TenantScope,
    id: string,
    expectedVersion: number,
    patch: Updateable<SocialPlatformRiskTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('social_platform_risk')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertPrivacyReview(t: TenantScope, row: PrivacyReviewRow): Promise<void> {
    await t.db.insertInto('social_privacy_review').values(row).execute();
  }

  /** The reviews of one platform, newest first (without their texts). */
  privacyReviewsOf(t: TenantScope, platform: string, label: string) {
    return t.db
      .selectFrom('social_privacy_review')
      .selectAll()
      .where('platform', '=', platform)
      .where('platform_label', '=', label)
      .orderBy('reviewed_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Every review, newest first per platform: the calendar takes the first of each platform. */
  listPrivacyReviews(t: TenantScope): Promise<Omit<PrivacyReviewRow, 'policy_text'>[]> {
    return t.db
      .selectFrom('social_privacy_review')
      .select(REVIEW_COLUMNS)
      .orderBy('platform')
      .orderBy('platform_label')
      .orderBy('reviewed_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  }
}
