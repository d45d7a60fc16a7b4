import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdentityRepository, UserRow } from './identity.repository.js';
import type { Role } from './permissions.js';
import type { SsoRepository, SsoSettingsRow } from './sso.repository.js';
import { emailDomain, parseDomainRoles } from './sso.rules.js';
import type { SsoClaimsRepository } from './sso-claims.repository.js';
import type { UsersService } from './users.service.js';

export type Admission = { kind: 'signed-in'; user: UserRow } | { kind: 'linked' } | { refusal: AppError };

const refuse = (status: number, code: string): Admission => ({ refusal: new AppError(status, code) });

/**
 * Who an organisation's identity provider may sign in. Never an existing account by e-mail alone: an
 * identity is linked only to a new account (an approved domain claim, a verified address no account has),
 * or by the person themselves from a signed-in session (password and second factor). An organisation's
 * provider therefore never speaks for an account it did not create or was not given by its owner.
 */
export class SsoAccounts {
  constructor(
    private readonly repo: SsoRepository,
    private readonly claims: SsoClaimsRepository,
    private readonly identity: IdentityRepository,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async admit(input: {
    settings: SsoSettingsRow;
    subject: string;
    email: string;
    name: unknown;
    linkUserId: string | null;
  }): Promise<Admission> {
    const { settings, subject } = input;
    const orgId = settings.org_id;
    const linked = await this.repo.findIdentity(settings.issuer, subject);
    const now = new Date().toISOString();

    if (input.linkUserId) {
      const user = await this.identity.findUser(input.linkUserId);
      if (!user || user.platform_admin === 1 || !(await this.identity.membership(orgId, user.id)))
        return refuse(403, 'SSO_ACCOUNT_NOT_ELIGIBLE');
      if (linked && linked.user_id !== user.id) return refuse(409, 'SSO_IDENTITY_LINKED_ELSEWHERE');
      if (!linked)
        await this.repo.transaction(async (trx) => {
          await this.repo.insertIdentity(trx, {
            issuer: settings.issuer,
            subject,
            user_id: user.id,
            org_id: orgId,
            created_at: now,
            last_login_at: now,
            linked_via: 'signed-in-link',
          });
          await this.audit.record(trx, {
            orgId,
            actorUserId: user.id,
            action: 'auth.sso.link',
            targetType: 'user',
            targetId: user.id,
            after: { issuer: settings.issuer },
          });
        });
      return { kind: 'linked' };
    }

    if (linked) {
      const user = await this.identity.findUser(linked.user_id);
      // Linked once, but no longer a member (left, or removed): the provider has no say any more.
      if (!user || user.platform_admin === 1 || !(await this.identity.membership(orgId, user.id)))
        return refuse(403, 'SSO_ACCOUNT_NOT_ELIGIBLE');
      await this.repo.touchIdentity(this.repo.db, settings.issuer, subject, now);
      return { kind: 'signed-in', user };
    }

    const domain = emailDomain(input.email);
    const mapping = parseDomainRoles(settings.domain_roles).find((d) => d.domain === domain);
    const [claim] = domain ? await this.claims.holderOf([domain]) : [];
    if (!mapping || claim?.org_id !== orgId || claim.status !== 'approved')
      return refuse(403, 'SSO_DOMAIN_NOT_ALLOWED');
    // The address has an account: its owner signs in with their password and links the provider themselves.
    if (await this.identity.findUserByEmail(input.email)) return refuse(409, 'SSO_LINK_REQUIRED');
    const displayName =
      typeof input.name === 'string' && input.name.trim()
        ? input.name.trim().slice(0, 200)
        : input.email.split('@')[0]!;
    const user = await this.repo.transaction(async (trx) => {
      const created = await this.users.create(
        null,
        { email: input.email, name: displayName, password: null, via: 'sso' },
        { membership: { orgId, role: mapping.role as Role } },
        trx,
      );
      await this.repo.insertIdentity(trx, {
        issuer: settings.issuer,
        subject,
        user_id: created.user.id,
        org_id: orgId,
        created_at: now,
        last_login_at: now,
        linked_via: 'new-account',
      });
      return created.user;
    });
    return { kind: 'signed-in', user };
  }
}
