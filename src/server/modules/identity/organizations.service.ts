import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import { isValidBusinessId } from './business-id.js';
import type { IdentityRepository, OrganizationRow, UserRow } from './identity.repository.js';
import type { MemberChangeHook } from './member-change-hook.js';
import type { Role } from './permissions.js';

export const INDUSTRIES = [
  'securities',
  'futures',
  'investment_trust_advisory',
  'association',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Organisations (tenants), their members and roles, and users created for them. */
export class OrganizationsService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
    /** The registers' follow-up tasks (register-tasks), raised inside the membership change's transaction. */
    private readonly onMemberChange: MemberChangeHook = async () => {},
  ) {}

  async get(orgId: string): Promise<OrganizationRow> {
    const org = await this.repo.findOrganization(orgId);
    if (!org) throw new AppError(404, 'NOT_FOUND');
    return org;
  }

  create(
    actorUserId: string | null,
    input: { name: string; businessId?: string | null; industry: Industry },
  ): Promise<OrganizationRow> {
    return this.repo.transaction((trx) => this.createWithin(trx, actorUserId, input));
  }

  /** Creates an organisation inside the caller's transaction (first start creates it with its first admin). */
  async createWithin(
    trx: Db,
    actorUserId: string | null,
    input: { name: string; businessId?: string | null; industry: Industry },
  ): Promise<OrganizationRow> {
    if (input.businessId && !isValidBusinessId(input.businessId))
      throw new AppError(400, 'BUSINESS_ID_INVALID');
    if (await this.repo.findOrganizationByName(input.name.trim(), trx))
      throw new AppError(409, 'ORGANIZATION_NAME_TAKEN');
    const now = new Date().toISOString();
    const org: OrganizationRow = {
      id: randomUUID(),
      name: input.name.trim(),
      business_id: input.businessId || null,
      industry: input.industry,
      require_2fa: 0,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insertOrganization(trx, org);
    await this.audit.record(trx, {
      orgId: org.id,
      actorUserId,
      action: 'org.create',
      targetType: 'organization',
      targetId: org.id,
      after: org,
    });
    return org;
  }

  async update(
    actorUserId: string,
    orgId: string,
    patch: { name?: string; businessId?: string | null; industry?: Industry; require2fa?: boolean },
  ) {
    const before = await this.get(orgId);
    if (patch.businessId && !isValidBusinessId(patch.businessId))
      throw new AppError(400, 'BUSINESS_ID_INVALID');
    const changes = {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.businessId !== undefined ? { business_id: patch.businessId || null } : {}),
      ...(patch.industry !== undefined ? { industry: patch.industry } : {}),
      ...(patch.require2fa !== undefined ? { require_2fa: patch.require2fa ? 1 : 0 } : {}),
      updated_at: new Date().toISOString(),
    };
    await this.repo.transaction(async (trx) => {
      await this.repo.updateOrganization(trx, orgId, changes);
      await this.audit.record(trx, {
        orgId,
        actorUserId,
        action: 'org.update',
        targetType: 'organization',
        targetId: orgId,
        before,
        after: changes,
      });
    });
    return this.get(orgId);
  }

  /**
   * Makes `user` a member, inside the caller's transaction. Only for a person who consented or is new: an
   * accepted invitation, an account created for this organisation (first start, SSO provisioning, the
   * operator CLI). Adding an existing account goes through an invitation (invitations.service.ts).
   */
  async insertMembershipWithin(
    trx: Db,
    actorUserId: string | null,
    orgId: string,
    user: UserRow,
    role: Role,
  ) {
    if (await this.repo.membership(orgId, user.id, trx)) throw new AppError(409, 'MEMBER_ALREADY_EXISTS');
    await this.repo.upsertMembership(trx, {
      org_id: orgId,
      user_id: user.id,
      role,
      created_at: new Date().toISOString(),
    });
    await this.audit.record(trx, {
      orgId,
      actorUserId,
      action: 'member.add',
      targetType: 'user',
      targetId: user.id,
      after: { role, email: user.email },
    });
  }

  async removeMember(actorUserId: string, orgId: string, userId: string) {
    const members = await this.repo.membersOfOrganization(orgId);
    const member = members.find((m) => m.id === userId);
    if (!member) throw new AppError(404, 'USER_NOT_FOUND');
    if (member.role === 'admin' && members.filter((m) => m.role === 'admin').length === 1)
      throw new AppError(409, 'LAST_ADMIN');
    await this.repo.transaction(async (trx) => {
      await this.repo.deleteMembership(trx, orgId, userId);
      await this.audit.record(trx, {
        orgId,
        actorUserId,
        action: 'member.remove',
        targetType: 'user',
        targetId: userId,
        before: { role: member.role, department: member.department },
      });
      await this.onMemberChange(trx, {
        orgId,
        actorUserId,
        memberUserId: userId,
        reason: 'removed',
        before: { role: member.role, department: member.department },
      });
    });
  }

  members(orgId: string) {
    return this.repo.membersOfOrganization(orgId);
  }

  /** Changes a member's role and/or department; either change raises the registers' tasks. */
  async updateMember(
    actorUserId: string,
    orgId: string,
    userId: string,
    patch: { role?: Role; department?: string | null },
  ) {
    const members = await this.repo.membersOfOrganization(orgId);
    const member = members.find((m) => m.id === userId);
    if (!member) throw new AppError(404, 'USER_NOT_FOUND');
    const role = patch.role ?? (member.role as Role);
    const department = patch.department === undefined ? member.department : patch.department?.trim() || null;
    if (member.role === 'admin' && role !== 'admin' && members.filter((m) => m.role === 'admin').length === 1)
      throw new AppError(409, 'LAST_ADMIN');
    const before = { role: member.role, department: member.department };
    const after = { role, department };
    const reason =
      role !== member.role ? 'role_changed' : department !== member.department ? 'department_changed' : null;
    if (!reason) return this.repo.findUser(userId);
    await this.repo.transaction(async (trx) => {
      await this.repo.updateMembership(trx, orgId, userId, after);
      await this.audit.record(trx, {
        orgId,
        actorUserId,
        action: role !== member.role ? 'member.role.change' : 'member.department.change',
        targetType: 'user',
        targetId: userId,
        before,
        after: { ...after, email: member.email },
      });
      await this.onMemberChange(trx, { orgId, actorUserId, memberUserId: userId, reason, before, after });
    });
    return this.repo.findUser(userId);
  }

  changeRole(actorUserId: string, orgId: string, userId: string, role: Role) {
    return this.updateMember(actorUserId, orgId, userId, { role });
  }
}
