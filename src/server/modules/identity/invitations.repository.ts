import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, type TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { InvitationTable } from './identity.tables.js';

export type InvitationRow = Selectable<InvitationTable>;

/** Invitations: organisation-side queries through its scope; the invitee's side by token or e-mail. */
export class InvitationsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(t: TenantScope, row: InvitationRow): Promise<void> {
    await t.db.insertInto('invitation').values(row).execute();
  }

  /** Withdraws the open invitation for an address, if any (inviting again replaces it). */
  async revokeOpenFor(t: TenantScope, email: string, at: string): Promise<void> {
    await t.db
      .updateTable('invitation')
      .set({ revoked_at: at })
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async revoke(t: TenantScope, id: string, at: string): Promise<boolean> {
    const result = await t.db
      .updateTable('invitation')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  listOpen(t: TenantScope, now: string): Promise<InvitationRow[]> {
    return t.db
      .selectFrom('invitation')
      .selectAll()
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /** Marks the invitation accepted, once: false when it was accepted, revoked or expired meanwhile. */
  async markAccepted(t: TenantScope, id: string, userId: string | null, at: string): Promise<boolean> {
    const result = await t.db
      .updateTable('invitation')
      .set({ accepted_at: at, accepted_by: userId })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async setAcceptedBy(t: TenantScope, id: string, userId: string): Promise<void> {
    await t.db.updateTable('invitation').set({ accepted_by: userId }).where('id', '=', id).execute();
  }

  /** The link's token names one invitation, in whichever organisation. */
  findByTokenHash(tokenHash: string) {
    return crossTenant(this.db, 'an invitation link names its own row')
      .selectFrom('invitation')
      .innerJoin('organization', 'organization.id', 'invitation.org_id')
      .selectAll('invitation')
      .select('organization.name as org_name')
      .where('invitation.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Open invitations addressed to a person's e-mail, across organisations: what they may accept. */
  openFor(email: string, now: string) {
    return crossTenant(this.db, "the invitations addressed to a person's own e-mail")
      .selectFrom('invitation')
      .innerJoin('organization', 'organization.id', 'invitation.org_id')
      .selectAll('invitation')
      .select('organization.name as org_name')
      .where('invitation.email', '=', email)
      .where('invitation.accepted_at', 'is', null)
      .where('invitation.revoked_at', 'is', null)
      .where('invitation.expires_at', '>', now)
      .orderBy('invitation.created_at', 'desc')
      .execute();
  }
}
