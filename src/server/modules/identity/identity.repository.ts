import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import { runTransaction } from '../../db/transaction.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { ApiTokenTable, OrganizationTable, SessionTable, UserTable } from './identity.tables.js';

export type UserRow = Selectable<UserTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;

/** Kysely queries for users, organisations, memberships, sessions, tokens and login throttling. */
export class IdentityRepository {
  constructor(readonly db: Kysely<Database>) {}

  transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return runTransaction(this.db, work);
  }

  // ---- users
  findUserByEmail(email: string, db: Db = this.db) {
    return db.selectFrom('app_user').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }
  /** Display names of several users in one query (reports name assignees, reviewers and approvers). */
  async displayNames(ids: readonly string[], db: Db = this.db): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await db
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where('id', 'in', unique)
      .execute();
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }
  findUser(id: string, db: Db = this.db) {
    return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  }
  async insertUser(db: Db, row: UserRow) {
    await db.insertInto('app_user').values(row).execute();
  }
  async updateUser(db: Db, id: string, patch: Updateable<UserTable>) {
    await db.updateTable('app_user').set(patch).where('id', '=', id).execute();
  }
  countUsers() {
    return this.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  // ---- organisations and memberships
  findOrganization(id: string, db: Db = this.db) {
    return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
  }
  findOrganizationByName(name: string, db: Db = this.db) {
    return db.selectFrom('organization').selectAll().where('name', '=', name).executeTakeFirst();
  }
  async insertOrganization(db: Db, row: OrganizationRow) {
    await db.insertInto('organization').values(row).execute();
  }
  async updateOrganization(db: Db, id: string, patch: Updateable<OrganizationTable>) {
    await db.updateTable('organization').set(patch).where('id', '=', id).execute();
  }
  listOrganizations() {
    return this.db.selectFrom('organization').selectAll().orderBy('name').execute();
  }
  membership(orgId: string, userId: string, db: Db = this.db) {
    return db
      .selectFrom('membership')
      .innerJoin('organization', 'organization.id', 'membership.org_id')
      .select(['membership.role', 'organization.require_2fa'])
      .where('membership.org_id', '=', orgId)
      .where('membership.user_id', '=', userId)
      .executeTakeFirst();
  }
  /** A person's organisations (sign-in, the organisation switcher): across tenants by nature. */
  membershipsOfUser(userId: string, db: Db = this.db) {
    return crossTenant(db, "a person's own memberships")
      .selectFrom('membership')
      .innerJoin('organization', 'organization.id', 'membership.org_id')
      .select([
        'organization.id',
        'organization.name',
        'organization.require_2fa',
        'organization.industry',
        'membership.role',
      ])
      .where('membership.user_id', '=', userId)
      .orderBy('organization.name')
      .execute();
  }
  membersOfOrganization(orgId: string) {
    return this.db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .select([
        'app_user.id',
        'app_user.email',
        'app_user.display_name',
        'app_user.totp_enabled',
        'membership.role',
        'membership.department',
        'membership.created_at',
      ])
      .where('membership.org_id', '=', orgId)
      .orderBy('app_user.email')
      .execute();
  }
  async upsertMembership(db: Db, row: { org_id: string; user_id: string; role: string; created_at: string }) {
    await db
      .insertInto('membership')
      .values(row)
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ role: row.role }))
      .execute();
  }
  async updateMembership(
    db: Db,
    orgId: string,
    userId: string,
    set: { role: string; department: string | null },
  ) {
    await db
      .updateTable('membership')
      .set(set)
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .execute();
  }
  async deleteMembership(db: Db, orgId: string, userId: string) {
    const result = await db
      .deleteFrom('membership')
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  // ---- sessions
  async insertSession(db: Db, row: SessionRow) {
    await db.insertInto('user_session').values(row).execute();
  }
  findSession(idHash: string) {
    return this.db.selectFrom('user_session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  }
  /**
   * A request's session, its person and (when the path names an organisation) their membership there, in
   * one query: every authenticated request needs all three, and they used to cost three round trips.
   */
  async findSessionAccess(idHash: string, orgId: string | null) {
    const base = this.db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .selectAll('s')
      .select(['u.email', 'u.platform_admin', 'u.totp_enabled'])
      .where('s.id_hash', '=', idHash);
    if (!orgId) {
      const row = await base.executeTakeFirst();
      return row && { ...row, membership: undefined };
    }
    const row = await base
      .leftJoin('membership as m', (join) =>
        join.onRef('m.user_id', '=', 's.user_id').on('m.org_id', '=', orgId),
      )
      .leftJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.role', 'o.require_2fa'])
      .executeTakeFirst();
    if (!row) return undefined;
    const { role, require_2fa, ...session } = row;
    // Resolved for this organisation: no membership is an answer too (null), not a question left open.
    const membership = role === null ? null : { role, require_2fa: require_2fa ?? 0 };
    return { ...session, membership };
  }
  async updateSession(idHash: string, patch: Updateable<SessionTable>, db: Db = this.db) {
    await db.updateTable('user_session').set(patch).where('id_hash', '=', idHash).execute();
  }
  async deleteSession(idHash: string, db: Db = this.db) {
    await db.deleteFrom('user_session').where('id_hash', '=', idHash).execute();
  }
  async deleteSessionsOfUser(db: Db, userId: string, exceptIdHash?: string) {
    let query = db.deleteFrom('user_session').where('user_id', '=', userId);
    if (exceptIdHash) query = query.where('id_hash', '<>', exceptIdHash);
    await query.execute();
  }
  sessionsOfUser(userId: string) {
    return this.db
      .selectFrom('user_session')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  // ---- login throttle
  /**
   * Takes the throttle row for `key` for the rest of the caller's transaction (creating it): an upsert is a
   * write, so it holds the row lock on PostgreSQL and the write lock on SQLite, and parallel attempts queue.
   */
  claimThrottle(db: Db, key: string, now: string) {
    return db
      .insertInto('login_throttle')
      .values({ key, failures: 0, locked_until: null, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ updated_at: now }))
      .returning(['key', 'failures', 'locked_until'])
      .executeTakeFirstOrThrow();
  }
  async setThrottle(
    db: Db,
    key: string,
    patch: { failures: number; locked_until: string | null; updated_at: string },
  ) {
    await db.updateTable('login_throttle').set(patch).where('key', '=', key).execute();
  }
  async clearThrottle(key: string) {
    await this.db.deleteFrom('login_throttle').where('key', '=', key).execute();
  }

  // ---- TOTP replay
  /** Records `step` as used, atomically; false when it (or a later step) was already used. */
  async acceptTotpStep(userId: string, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable('app_user')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // ---- recovery codes
  async replaceRecoveryCodes(db: Db, userId: string, hashes: string[]) {
    await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    if (hashes.length > 0)
      await db
        .insertInto('recovery_code')
        .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
        .execute();
  }
  /** Marks a recovery code used; false when it does not exist or was used before (single use). */
  async consumeRecoveryCode(userId: string, codeHash: string) {
    const result = await this.db
      .updateTable('recovery_code')
      .set({ used_at: new Date().toISOString() })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // ---- API tokens
  async insertToken(db: Db, row: ApiTokenRow) {
    await db.insertInto('api_token').values(row).execute();
  }
  /** The bearer token is the credential; the row it names carries its organisation. */
  findTokenByHash(hash: string) {
    return crossTenant(this.db, 'an API token names its own row')
      .selectFrom('api_token')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst();
  }
  /** Tokens belong to their person (managed under /me), whichever organisation each is bound to. */
  tokensOfUser(userId: string) {
    return crossTenant(this.db, "a person's own API tokens")
      .selectFrom('api_token')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .execute();
  }
  async revokeToken(db: Db, userId: string, id: string) {
    const result = await crossTenant(db, "a person's own API token")
      .updateTable('api_token')
      .set({ revoked_at: new Date().toISOString() })
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
  async touchToken(id: string) {
    await crossTenant(this.db, 'the token that authenticated this request')
      .updateTable('api_token')
      .set({ last_used_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  // ---- bootstrap
  async insertSetupToken(hash: string) {
    await this.db.deleteFrom('setup_token').execute();
    await this.db
      .insertInto('setup_token')
      .values({ token_hash: hash, created_at: new Date().toISOString(), used_at: null })
      .execute();
  }
  async consumeSetupToken(db: Db, hash: string) {
    const result = await db
      .updateTable('setup_token')
      .set({ used_at: new Date().toISOString() })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
