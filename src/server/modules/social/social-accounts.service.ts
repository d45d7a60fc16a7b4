import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import { todayInTaipei } from '../providers/domain/calendar-date.js';
import type {
  MemberDeparture,
  MemberDepartureListener,
  TaskRequest,
} from '../register-tasks/member-departure.js';
import type { RegisterTasksService } from '../register-tasks/register-tasks.service.js';
import './social.errors.js';
import { platformName } from './domain/platforms.js';
import { toAccountDto } from './social.mappers.js';
import type { AccountInputSchema, AdminInputSchema } from './social.schemas.js';
import type {
  AccountKey,
  AccountRow,
  AdminRow,
  SocialRegisterRepository,
} from './social-register.repository.js';

export type AccountInput = Static<typeof AccountInputSchema>;
export type AdminInput = Static<typeof AdminInputSchema>;
export type DepartureReason = 'member_left' | 'role_changed';

/** The account register in the shared task mechanism (`register_task.register`). */
export const ACCOUNT_REGISTER = 'social_account';
export const ADMIN_TASK_KIND = 'remove_or_reconfirm_administrator';

/** The shared departure reasons, as the administrator flag records them. */
const FLAG_FOR: Record<MemberDeparture['reason'], DepartureReason> = {
  removed: 'member_left',
  role_changed: 'role_changed',
  department_changed: 'role_changed',
};

/** Input fields → columns (only those given, so a PATCH changes only what it names). */
function columns(input: Partial<AccountInput>): Partial<AccountRow> {
  const out: Partial<AccountRow> = {};
  const set = <K extends keyof AccountRow>(key: K, value: AccountRow[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('platform', input.platform);
  set('platform_label', input.platformLabel?.trim());
  set('handle', input.handle?.trim());
  set('url', input.url);
  set('purpose', input.purpose);
  set('scope', input.scope);
  set('exclusion_reason', input.exclusionReason);
  set('department', input.department);
  set('owner_user_id', input.ownerUserId);
  set('owner_name', input.ownerName);
  set('second_factor_method', input.secondFactorMethod);
  set('second_factor_verified_on', input.secondFactorVerifiedOn);
  set(
    'profile_shows_identity',
    input.profileShowsIdentity === undefined ? undefined : input.profileShowsIdentity ? 1 : 0,
  );
  set('profile_evidence_id', input.profileEvidenceId);
  set('status', input.status);
  set('notes', input.notes);
  return out;
}

/** Rules across fields, checked on the account as it would stand after the change. */
function checkAccount(row: AccountRow): void {
  if (row.platform === 'other' && row.platform_label === '')
    throw new AppError(400, 'SOCIAL_PLATFORM_LABEL_REQUIRED');
  if (row.scope === 'excluded_internal' && !row.exclusion_reason?.trim())
    throw new AppError(400, 'SOCIAL_EXCLUSION_REASON_REQUIRED');
}

/**
 * Art. 11: the register of official accounts and their administrators. It listens for member departures
 * (the shared task mechanism): a member who leaves or changes role is flagged on every account they
 * administer, with one task per account; removing or re-confirming them closes the task.
 */
export class SocialAccountsService implements MemberDepartureListener {
  readonly register = ACCOUNT_REGISTER;

  constructor(
    private readonly tenants: Tenants,
    private readonly repo: SocialRegisterRepository,
    private readonly audit: AuditRecorder,
    private readonly tasks: RegisterTasksService,
  ) {}

  /** Called by the task mechanism inside the identity change's transaction. */
  async onMemberDeparted(t: TenantScope, departure: MemberDeparture): Promise<TaskRequest[]> {
    const flagged = await this.flagAdministratorsOf(
      t,
      departure.memberUserId,
      FLAG_FOR[departure.reason],
      null,
    );
    const requests: TaskRequest[] = [];
    for (const accountId of new Set(flagged.map((a) => a.account_id))) {
      const account = await this.repo.findAccount(t, accountId);
      if (account)
        requests.push({
          subjectId: accountId,
          subjectLabel: `${platformName(account.platform, account.platform_label)} ${account.handle}`,
          kind: ADMIN_TASK_KIND,
        });
    }
    return requests;
  }

  async get(orgId: string, id: string): Promise<AccountRow> {
    const row = await this.repo.findAccount(this.tenants.scope(orgId), id);
    if (!row) throw new AppError(404, 'SOCIAL_ACCOUNT_NOT_FOUND');
    return row;
  }

  /** A page of accounts in their public form, with administrators and evidence validity: four queries. */
  async list(orgId: string, limit: number, after?: AccountKey, onlyId?: string) {
    const t = this.tenants.scope(orgId);
    const rows = onlyId ? [await this.get(orgId, onlyId)] : await this.repo.listAccounts(t, limit, after);
    const ids = rows.map((r) => r.id);
    const [admins, validity] = await Promise.all([
      this.repo.listAdmins(t, ids),
      this.repo.evidenceValidity(
        t,
        rows.flatMap((r) => (r.profile_evidence_id ? [r.profile_evidence_id] : [])),
      ),
    ]);
    const names = await this.repo.peopleNames(t, [
      ...rows.flatMap((r) => (r.owner_user_id ? [r.owner_user_id] : [])),
      ...admins.flatMap((a) => (a.user_id ? [a.user_id] : [])),
    ]);
    const today = todayInTaipei();
    return rows.map((row) =>
      toAccountDto(
        row,
        admins.filter((a) => a.account_id === row.id),
        names,
        row.profile_evidence_id ? (validity.get(row.profile_evidence_id) ?? null) : null,
        today,
      ),
    );
  }

  async dto(orgId: string, id: string) {
    const [account] = await this.list(orgId, 1, undefined, id);
    return account!;
  }

  async create(actor: Actor, input: AccountInput): Promise<AccountRow> {
    const at = new Date().toISOString();
    const row: AccountRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      platform: input.platform,
      platform_label: '',
      handle: input.handle,
      url: '',
      purpose: '',
      scope: 'in_scope',
      exclusion_reason: null,
      department: '',
      owner_user_id: null,
      owner_name: '',
      second_factor_method: 'none',
      second_factor_verified_on: null,
      profile_shows_identity: 0,
      profile_evidence_id: null,
      status: 'active',
      notes: '',
      created_at: at,
      updated_at: at,
      version: 1,
      ...columns(input),
    };
    checkAccount(row);
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.ensureMember(t, row.owner_user_id);
      await this.repo.insertAccount(t, row);
      await this.record(t, actor, 'social.account.create', row.id, undefined, row);
    });
    return row;
  }

  async update(actor: Actor, id: string, expectedVersion: number, input: Partial<AccountInput>) {
    const updated = await this.tenants.transaction(actor.orgId, async (t) => {
      const before = await this.repo.findAccount(t, id);
      if (!before) throw new AppError(404, 'SOCIAL_ACCOUNT_NOT_FOUND');
      const patch = { ...columns(input), updated_at: new Date().toISOString() };
      checkAccount({ ...before, ...patch });
      await this.ensureMember(t, input.ownerUserId);
      if (!(await this.repo.updateAccountIfVersion(t, id, expectedVersion, patch))) return false;
      await this.record(t, actor, 'social.account.update', id, before, patch);
      return true;
    });
    // Stale: the account as it now stands, in its public form, read after the transaction.
    if (!updated) throw new AppError(409, 'VERSION_CONFLICT', { current: await this.dto(actor.orgId, id) });
  }

  async addAdmin(actor: Actor, accountId: string, input: AdminInput): Promise<AdminRow> {
    const userId = input.userId ?? null;
    const outsider = input.outsiderName?.trim() || null;
    if ((userId === null) === (outsider === null)) throw new AppError(400, 'SOCIAL_ADMIN_INVALID');
    return this.tenants.transaction(actor.orgId, async (t) => {
      if (!(await this.repo.findAccount(t, accountId))) throw new AppError(404, 'SOCIAL_ACCOUNT_NOT_FOUND');
      if (userId) {
        await this.ensureMember(t, userId);
        const current = await this.repo.currentAdminRowsOf(t, userId);
        if (current.some((a) => a.account_id === accountId))
          throw new AppError(409, 'SOCIAL_ADMIN_DUPLICATE');
      }
      const row: AdminRow = {
        id: randomUUID(),
        org_id: actor.orgId,
        account_id: accountId,
        user_id: userId,
        outsider_name: outsider,
        outsider_organisation: input.outsiderOrganisation ?? '',
        last_reviewed_on: input.lastReviewedOn,
        added_at: new Date().toISOString(),
        added_by: actor.userId,
        removed_at: null,
        removed_by: null,
        removal_reason: null,
        flagged_reason: null,
        flagged_at: null,
      };
      await this.repo.insertAdmin(t, row);
      await this.record(t, actor, 'social.account.admin.add', accountId, undefined, row);
      return row;
    });
  }

  /** Removes an administrator (kept in the history with who removed them and why). */
  async removeAdmin(actor: Actor, accountId: string, adminId: string, reason: string): Promise<void> {
    const open = await this.openTasksFor(actor.orgId, accountId);
    await this.tenants.transaction(actor.orgId, async (t) => {
      const admin = await this.current(t, accountId, adminId);
      await this.closeTasks(t, actor, open, admin);
      const patch = {
        removed_at: new Date().toISOString(),
        removed_by: actor.userId,
        removal_reason: reason,
        flagged_reason: null,
        flagged_at: null,
      };
      await this.repo.updateAdmin(t, adminId, patch);
      await this.record(t, actor, 'social.account.admin.remove', accountId, admin, patch);
    });
  }

  /** Re-confirms an administrator: a new review date, and any departure flag cleared. */
  async confirmAdmin(actor: Actor, accountId: string, adminId: string, reviewedOn: string): Promise<void> {
    const open = await this.openTasksFor(actor.orgId, accountId);
    await this.tenants.transaction(actor.orgId, async (t) => {
      const admin = await this.current(t, accountId, adminId);
      await this.closeTasks(t, actor, open, admin);
      const patch = { last_reviewed_on: reviewedOn, flagged_reason: null, flagged_at: null };
      await this.repo.updateAdmin(t, adminId, patch);
      await this.record(t, actor, 'social.account.admin.confirm', accountId, admin, patch);
    });
  }

  /**
   * A member left the organisation or changed role: every account they administer is flagged for removal
   * or re-confirmation (the account-hijack case). Runs inside the caller's transaction; returns the
   * flagged administrator rows so the caller can open a task for each account.
   */
  async flagAdministratorsOf(
    t: TenantScope,
    userId: string,
    reason: DepartureReason,
    actorUserId: string | null,
  ): Promise<AdminRow[]> {
    const rows = await this.repo.currentAdminRowsOf(t, userId);
    const at = new Date().toISOString();
    for (const row of rows) {
      await this.repo.updateAdmin(t, row.id, { flagged_reason: reason, flagged_at: at });
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId,
        action: 'social.account.admin.flag',
        targetType: 'social_account',
        targetId: row.account_id,
        after: { adminId: row.id, reason },
      });
    }
    return rows;
  }

  /** Open administrator tasks of one account (read before the transaction that closes them). */
  private openTasksFor(orgId: string, accountId: string) {
    return this.tasks.list(orgId, { status: 'open', register: ACCOUNT_REGISTER, subjectId: accountId }, 100);
  }

  /** Closes the member's open tasks on this account with the removal or re-confirmation that did the work. */
  private async closeTasks(
    t: TenantScope,
    actor: Actor,
    open: Awaited<ReturnType<SocialAccountsService['openTasksFor']>>,
    admin: AdminRow,
  ): Promise<void> {
    for (const task of open.filter((x) => admin.user_id !== null && x.member_user_id === admin.user_id))
      await this.tasks.completeWithin(t, actor, task.id, {
        register: ACCOUNT_REGISTER,
        subjectId: admin.account_id,
        eventId: admin.id,
      });
  }

  /** Owners and administrators named by user id must be members of this organisation. */
  private async ensureMember(t: TenantScope, userId: string | null | undefined): Promise<void> {
    if (userId && !(await this.repo.isMember(t, userId))) throw new AppError(404, 'USER_NOT_FOUND');
  }

  private async current(t: TenantScope, accountId: string, adminId: string): Promise<AdminRow> {
    const admin = await this.repo.findAdmin(t, accountId, adminId);
    if (!admin || admin.removed_at) throw new AppError(404, 'SOCIAL_ADMIN_NOT_FOUND');
    return admin;
  }

  private record(
    t: TenantScope,
    actor: Actor,
    action: string,
    targetId: string,
    before?: unknown,
    after?: unknown,
  ) {
    return this.audit.record(t.db, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action,
      targetType: 'social_account',
      targetId,
      before,
      after,
    });
  }
}
