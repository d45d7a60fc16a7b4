import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuthService } from './auth.service.js';
import { isValidBusinessId } from './business-id.js';
import type { IdentityRepository, OrganizationRow } from './identity.repository.js';
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
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async get(orgId: string): Promise<OrganizationRow> {
    const org = await this.repo.findOrganization(orgId);
    if (!org) throw new AppError(404, 'NOT_FOUND');
    return org;
  }

  async create(
    actorUserId: string | null,
    input: { name: string; businessId?: string | null; industry: Industry },
  ): Promise<OrganizationRow> {
    if (input.businessId && !isValidBusinessId(input.businessId))
      throw new AppError(400, 'BUSINESS_ID_INVALID');
    if (await this.repo.findOrganizationByName(input.name.trim()))
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
    await this.repo.transaction(async (trx) => {
      await this.repo.insertOrganization(trx, org);
      await this.audit.record(trx, {
        orgId: org.id,
        actorUserId,
        action: 'org.create',
        targetType: 'organization',
        targetId: org.id,
        after: org,
      });
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

  /** Adds a member with a role; creates the user when the e-mail is new (an initial password is then required). */
  async addMember(
    actorUserId: string | null,
    orgId: string,
    input: { email: string; name?: string; role: Role; password?: string },
  ) {
    await this.get(orgId);
    let user = await this.repo.findUserByEmail(input.email);
    const created = !user;
    if (!user) {
      if (!input.password) throw new AppError(400, 'PASSWORD_TOO_WEAK', { reason: 'TOO_SHORT' });
      this.auth.ensureStrong(input.password, { email: input.email, name: input.name });
      user = this.auth.newUserRow(
        input.email,
        input.name ?? input.email.split('@')[0]!,
        await this.auth.hashPassword(input.password),
        false,
      );
    }
    const target = user;
    const before = await this.repo.membership(orgId, target.id);
    // Role changes go through changeRole, which keeps the last-admin guard.
    if (before) throw new AppError(409, 'MEMBER_ALREADY_EXISTS');
    await this.repo.transaction(async (trx) => {
      if (created) await this.repo.insertUser(trx, target);
      await this.repo.upsertMembership(trx, {
        org_id: orgId,
        user_id: target.id,
        role: input.role,
        created_at: new Date().toISOString(),
      });
      await this.audit.record(trx, {
        orgId,
        actorUserId,
        action: 'member.add',
        targetType: 'user',
        targetId: target.id,
        after: { role: input.role, email: target.email },
      });
    });
    return target;
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
        before: { role: member.role },
      });
    });
  }

  members(orgId: string) {
    return this.repo.membersOfOrganization(orgId);
  }

  async changeRole(actorUserId: string, orgId: string, userId: string, role: Role) {
    const members = await this.repo.membersOfOrganization(orgId);
    const member = members.find((m) => m.id === userId);
    if (!member) throw new AppError(404, 'USER_NOT_FOUND');
    if (member.role === 'admin' && role !== 'admin' && members.filter((m) => m.role === 'admin').length === 1)
      throw new AppError(409, 'LAST_ADMIN');
    await this.repo.transaction(async (trx) => {
      await this.repo.upsertMembership(trx, {
        org_id: orgId,
        user_id: userId,
        role,
        created_at: member.created_at,
      });
      await this.audit.record(trx, {
        orgId,
        actorUserId,
        action: 'member.role.change',
        targetType: 'user',
        targetId: userId,
        before: { role: member.role },
        after: { role, email: member.email },
      });
    });
    return this.repo.findUser(userId);
  }
}
