import { randomUUID } from 'node:crypto';
import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError, causeOf } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mailer.js';
import type { ProcessLogger } from '../../platform/process-logger.js';
import { randomToken, sha256Hex } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdentityRepository } from './identity.repository.js';
import { invitationMail } from './invitation-mail.js';
import type { InvitationRow, InvitationsRepository } from './invitations.repository.js';
import type { OrganizationsService } from './organizations.service.js';
import type { Role } from './permissions.js';
import type { UsersService } from './users.service.js';

export const INVITATION_VALID_DAYS = 7;

export interface SentInvitation {
  invitation: InvitationRow;
  /** `email` when the link went only to the invitee's mailbox; `link` when the inviter passes it on. */
  delivery: 'email' | 'link';
  link: string | null;
  /** SMTP is configured but the send failed: the inviter passes the link on (the cause is in the log). */
  mailFailed: boolean;
}

/**
 * Membership by consent. Adding someone creates an invitation whatever the e-mail: the answer is the same
 * whether or not the address has an account anywhere, and the organisation learns nothing about the person
 * (no name, no 2FA state, none of their sign-ins) until they accept — signed in as that address, or by
 * creating a new account from the link.
 */
export class InvitationsService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: InvitationsRepository,
    private readonly identity: IdentityRepository,
    private readonly organizations: OrganizationsService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly mailer: Mailer | null,
    private readonly log?: ProcessLogger,
  ) {}

  async invite(
    actorUserId: string,
    orgId: string,
    input: { email: string; role: Role },
    baseUrl: string,
  ): Promise<SentInvitation> {
    const email = input.email.trim().toLowerCase();
    const org = await this.organizations.get(orgId);
    // Its own members are already listed to the organisation; nothing else about the address is revealed.
    const members = await this.identity.membersOfOrganization(orgId);
    if (members.some((m) => m.email === email)) throw new AppError(409, 'MEMBER_ALREADY_EXISTS');
    const token = randomToken();
    const now = new Date();
    const row: InvitationRow = {
      id: randomUUID(),
      org_id: orgId,
      email,
      role: input.role,
      token_hash: sha256Hex(token),
      invited_by: actorUserId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000).toISOString(),
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    };
    await this.tenants.transaction(orgId, async (t) => {
      await this.repo.revokeOpenFor(t, email, row.created_at);
      await this.repo.insert(t, row);
      await this.audit.record(t.db, {
        orgId,
        actorUserId,
        action: 'member.invite',
        targetType: 'invitation',
        targetId: row.id,
        after: { email, role: input.role, expiresAt: row.expires_at },
      });
    });
    const link = `${baseUrl}/invite/${token}`;
    if (this.mailer) {
      try {
        await this.mailer.send(invitationMail(email, org.name, link, row.expires_at));
        return { invitation: row, delivery: 'email', link: null, mailFailed: false };
      } catch (error) {
        // The cause (never the link or address) for the operator; the admin gets the link to pass on.
        this.log?.warn({ cause: causeOf(error, 'smtp') }, 'invitation e-mail failed');
        return { invitation: row, delivery: 'link', link, mailFailed: true };
      }
    }
    return { invitation: row, delivery: 'link', link, mailFailed: false };
  }

  listOpen(orgId: string) {
    return this.repo.listOpen(this.tenants.scope(orgId), new Date().toISOString());
  }

  async revoke(actorUserId: string, orgId: string, id: string): Promise<void> {
    await this.tenants.transaction(orgId, async (t) => {
      if (!(await this.repo.revoke(t, id, new Date().toISOString())))
        throw new AppError(409, 'INVITATION_NOT_OPEN');
      await this.audit.record(t.db, {
        orgId,
        actorUserId,
        action: 'member.invite.revoke',
        targetType: 'invitation',
        targetId: id,
      });
    });
  }

  /** What the link shows: the organisation, the role and the address it was sent to. */
  async view(token: string) {
    const row = await this.repo.findByTokenHash(sha256Hex(token));
    if (!row) throw new AppError(404, 'INVITATION_INVALID');
    if (row.accepted_at || row.revoked_at || Date.parse(row.expires_at) <= Date.now())
      throw new AppError(410, 'INVITATION_NOT_OPEN');
    return row;
  }

  /** The signed-in person's own open invitations (any organisation), to accept in the app. */
  mine(email: string) {
    return this.repo.openFor(email.toLowerCase(), new Date().toISOString());
  }

  /** Accepting while signed in: only the account whose e-mail the invitation was sent to. */
  async acceptAs(user: { userId: string; email: string }, by: { token: string } | { id: string }) {
    const invitation =
      'token' in by ? await this.view(by.token) : (await this.mine(user.email)).find((i) => i.id === by.id);
    if (!invitation) throw new AppError(404, 'INVITATION_INVALID');
    if (invitation.email !== user.email.toLowerCase())
      throw new AppError(403, 'INVITATION_FOR_ANOTHER_ADDRESS');
    const account = await this.identity.findUser(user.userId);
    if (!account) throw new AppError(401, 'UNAUTHENTICATED');
    await this.tenants.transaction(invitation.org_id, async (t) => {
      if (!(await this.repo.markAccepted(t, invitation.id, account.id, new Date().toISOString())))
        throw new AppError(410, 'INVITATION_NOT_OPEN');
      await this.organizations.insertMembershipWithin(
        t.db,
        account.id,
        invitation.org_id,
        account,
        invitation.role as Role,
      );
    });
    return { orgId: invitation.org_id };
  }

  /**
   * A new account from the link. An address that already has an account must sign in to accept instead
   * (only the holder of the invitation link can learn that, never the inviting organisation).
   */
  async register(token: string, input: { name: string; password: string }) {
    const invitation = await this.view(token);
    if (await this.identity.findUserByEmail(invitation.email))
      throw new AppError(409, 'INVITATION_SIGN_IN_REQUIRED');
    return this.tenants.transaction(invitation.org_id, async (t) => {
      // Taken first: a second registration racing this one waits on the row, then finds it accepted.
      if (!(await this.repo.markAccepted(t, invitation.id, null, new Date().toISOString())))
        throw new AppError(410, 'INVITATION_NOT_OPEN');
      const { user } = await this.users.create(
        null,
        { email: invitation.email, name: input.name, password: input.password, via: 'invitation' },
        { membership: { orgId: invitation.org_id, role: invitation.role as Role } },
        t.db,
      );
      await this.repo.setAcceptedBy(t, invitation.id, user.id);
      return { orgId: invitation.org_id, userId: user.id };
    });
  }
}
