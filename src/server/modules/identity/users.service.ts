import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError } from '../../platform/errors.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdentityRepository, UserRow } from './identity.repository.js';
import type { Industry, OrganizationsService } from './organizations.service.js';
import { ensureStrongPassword, hashPassword } from './passwords.js';
import type { Role } from './permissions.js';

export interface NewUser {
  email: string;
  name: string;
  /** null: the account signs in only through an identity provider. */
  password: string | null;
  platformAdmin?: boolean;
  /** How the account came to be, for the audit trail. */
  via: 'setup' | 'cli' | 'invitation' | 'sso';
}

export interface NewUserPlacement {
  /** A new organisation the user is the first member of (as its administrator unless `role` says otherwise). */
  organization?: { name: string; industry: Industry; businessId?: string | null; role?: Role };
  /** Membership of an existing organisation (accepted invitation, SSO provisioning, operator CLI). */
  membership?: { orgId: string; role: Role };
}

export function newUserRow(
  email: string,
  name: string,
  passwordHash: string | null,
  platformAdmin: boolean,
): UserRow {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    email: email.trim().toLowerCase(),
    display_name: name,
    password_hash: passwordHash,
    platform_admin: platformAdmin ? 1 : 0,
    totp_secret: null,
    totp_enabled: 0,
    totp_last_step: null,
    created_at: now,
    updated_at: now,
  };
}

/**
 * The one way an account is created — first start, the operator CLI, an accepted invitation, SSO
 * provisioning: the user, any new organisation and the membership are written in one transaction, with
 * their audit entries, so a failure leaves nothing half made.
 */
export class UsersService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
  ) {}

  async create(
    actorUserId: string | null,
    input: NewUser,
    placement: NewUserPlacement = {},
    within?: Db,
  ): Promise<{ user: UserRow; orgId: string | null }> {
    if (input.password !== null)
      ensureStrongPassword(input.password, { email: input.email, name: input.name });
    const hash = input.password === null ? null : await hashPassword(input.password);
    const user = newUserRow(input.email, input.name, hash, input.platformAdmin === true);
    const work = async (trx: Db) => {
      if (await this.repo.findUserByEmail(user.email, trx)) throw new AppError(409, 'EMAIL_TAKEN');
      await this.repo.insertUser(trx, user);
      await this.audit.record(trx, {
        orgId: null,
        actorUserId: actorUserId ?? user.id,
        action: `user.create.${input.via}`,
        targetType: 'user',
        targetId: user.id,
        after: { email: user.email, platformAdmin: input.platformAdmin === true },
      });
      let orgId = placement.membership?.orgId ?? null;
      if (placement.organization)
        orgId = (await this.organizations.createWithin(trx, actorUserId ?? user.id, placement.organization))
          .id;
      // (createWithin ignores `role`; it is the new member's.)
      const role =
        placement.membership?.role ??
        (placement.organization ? (placement.organization.role ?? 'admin') : null);
      if (orgId && role)
        await this.organizations.insertMembershipWithin(trx, actorUserId ?? user.id, orgId, user, role);
      return { user, orgId };
    };
    try {
      return await (within ? work(within) : this.repo.transaction(work));
    } catch (error) {
      // Two creations of one address racing: the unique e-mail lets one through.
      if (isUniqueViolation(error)) throw new AppError(409, 'EMAIL_TAKEN');
      throw error;
    }
  }
}
