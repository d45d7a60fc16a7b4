import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { SsoDomainClaimTable } from './identity.tables.js';

export type DomainClaimRow = Selectable<SsoDomainClaimTable>;

/**
 * E-mail domain claims. A domain is the primary key, so two organisations can never hold one; which
 * organisation holds a domain is deliberately answered across tenants (to refuse a second claim).
 */
export class SsoClaimsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  holderOf(domains: string[], db: Db = this.db): Promise<DomainClaimRow[]> {
    if (domains.length === 0) return Promise.resolve([]);
    return crossTenant(db, 'which organisation holds an e-mail domain')
      .selectFrom('sso_domain_claim')
      .selectAll()
      .where('domain', 'in', domains)
      .execute();
  }

  async insert(db: Db, row: DomainClaimRow): Promise<void> {
    await db.insertInto('sso_domain_claim').values(row).execute();
  }

  /** Releases an organisation's claims on domains it no longer maps. */
  async releaseExcept(db: Db, orgId: string, keep: string[]): Promise<void> {
    let query = db.deleteFrom('sso_domain_claim').where('org_id', '=', orgId);
    if (keep.length > 0) query = query.where('domain', 'not in', keep);
    await query.execute();
  }

  ofOrganization(orgId: string): Promise<DomainClaimRow[]> {
    return this.db
      .selectFrom('sso_domain_claim')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('domain')
      .execute();
  }

  /** For platform administrators: every claim, oldest first, with the organisation's name. */
  list(status?: DomainClaimRow['status']) {
    let query = crossTenant(this.db, 'platform administrators review every organisation’s domain claims')
      .selectFrom('sso_domain_claim')
      .innerJoin('organization', 'organization.id', 'sso_domain_claim.org_id')
      .selectAll('sso_domain_claim')
      .select('organization.name as org_name');
    if (status) query = query.where('sso_domain_claim.status', '=', status);
    return query.orderBy('sso_domain_claim.requested_at').execute();
  }

  async decide(
    db: Db,
    domain: string,
    status: 'approved' | 'rejected',
    by: string,
    at: string,
  ): Promise<DomainClaimRow | undefined> {
    return crossTenant(db, 'a platform administrator decides a claim')
      .updateTable('sso_domain_claim')
      .set({ status, decided_by: by, decided_at: at })
      .where('domain', '=', domain)
      .returningAll()
      .executeTakeFirst();
  }
}
