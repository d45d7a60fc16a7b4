import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import { runTransaction } from '../../db/transaction.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { ExternalIdentityTable, OrgSsoSettingsTable, SsoLoginStateTable } from './identity.tables.js';

export type SsoSettingsRow = Selectable<OrgSsoSettingsTable>;
export type ExternalIdentityRow = Selectable<ExternalIdentityTable>;
export type SsoLoginStateRow = Selectable<SsoLoginStateTable>;

/** Kysely queries for organisation SSO settings, linked external identities and pending login states. */
export class SsoRepository {
  constructor(readonly db: Kysely<Database>) {}

  transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return runTransaction(this.db, work);
  }

  // ---- settings
  findSettings(orgId: string, db: Db = this.db) {
    return db.selectFrom('org_sso_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  }
  enabledSettings() {
    return crossTenant(this.db, 'the sign-in page lists every organisation offering SSO')
      .selectFrom('org_sso_settings')
      .innerJoin('organization', 'organization.id', 'org_sso_settings.org_id')
      .select(['org_sso_settings.org_id', 'org_sso_settings.domain_roles', 'organization.name'])
      .where('org_sso_settings.enabled', '=', 1)
      .orderBy('organization.name')
      .execute();
  }
  async insertSettings(db: Db, row: SsoSettingsRow) {
    await db.insertInto('org_sso_settings').values(row).execute();
  }
  /** Optimistic concurrency: updates only when the stored version is still `expectedVersion`. */
  async updateSettings(db: Db, row: SsoSettingsRow, expectedVersion: number): Promise<boolean> {
    const result = await db
      .updateTable('org_sso_settings')
      .set({
        enabled: row.enabled,
        issuer: row.issuer,
        client_id: row.client_id,
        client_secret: row.client_secret,
        domain_roles: row.domain_roles,
        updated_at: row.updated_at,
        version: row.version,
      })
      .where('org_id', '=', row.org_id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // ---- external identities
  findIdentity(issuer: string, subject: string, db: Db = this.db) {
    return crossTenant(db, 'an issuer and subject name one identity')
      .selectFrom('external_identity')
      .selectAll()
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
  }
  async insertIdentity(db: Db, row: ExternalIdentityRow) {
    await db.insertInto('external_identity').values(row).execute();
  }
  async touchIdentity(db: Db, issuer: string, subject: string, at: string) {
    await crossTenant(db, 'an issuer and subject name one identity')
      .updateTable('external_identity')
      .set({ last_login_at: at })
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .execute();
  }
  countMemberships(userId: string, db: Db = this.db) {
    return crossTenant(db, "a person's own memberships")
      .selectFrom('membership')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  // ---- login states (shared by every instance through the database)
  async insertState(row: SsoLoginStateRow) {
    await this.db.insertInto('sso_login_state').values(row).execute();
  }
  /** Takes a state exactly once: the row is deleted, and only the caller whose delete succeeded gets it. */
  async consumeState(stateHash: string): Promise<SsoLoginStateRow | undefined> {
    return this.transaction(async (trx) => {
      const row = await crossTenant(trx, 'the state value is the credential of one sign-in')
        .selectFrom('sso_login_state')
        .selectAll()
        .where('state_hash', '=', stateHash)
        .executeTakeFirst();
      if (!row) return undefined;
      const result = await crossTenant(trx, 'the state value is the credential of one sign-in')
        .deleteFrom('sso_login_state')
        .where('state_hash', '=', stateHash)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1 ? row : undefined;
    });
  }
  async purgeExpiredStates(now: string) {
    await crossTenant(this.db, 'expired sign-in states of every organisation')
      .deleteFrom('sso_login_state')
      .where('expires_at', '<', now)
      .execute();
  }
}
