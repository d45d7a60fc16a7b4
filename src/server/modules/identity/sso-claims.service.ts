import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DomainClaimRow, SsoClaimsRepository } from './sso-claims.repository.js';

/**
 * Platform administrators approve which organisation may map an e-mail domain to roles: until then its
 * identity provider can create no account for that domain. Each decision is on the platform's and the
 * organisation's audit chains.
 */
export class SsoClaimsService {
  constructor(
    private readonly repo: SsoClaimsRepository,
    private readonly audit: AuditService,
    private readonly transaction: <T>(
      work: (trx: Parameters<AuditService['record']>[0]) => Promise<T>,
    ) => Promise<T>,
  ) {}

  list(status?: DomainClaimRow['status']) {
    return this.repo.list(status);
  }

  async decide(actorUserId: string, domain: string, decision: 'approve' | 'reject'): Promise<DomainClaimRow> {
    const status = decision === 'approve' ? 'approved' : 'rejected';
    return this.transaction(async (trx) => {
      const claim = await this.repo.decide(
        trx,
        domain.toLowerCase(),
        status,
        actorUserId,
        new Date().toISOString(),
      );
      if (!claim) throw new AppError(404, 'SSO_CLAIM_NOT_FOUND');
      for (const orgId of [null, claim.org_id])
        await this.audit.record(trx, {
          orgId,
          actorUserId,
          action: `sso.domain-claim.${status}`,
          targetType: 'sso_domain_claim',
          targetId: claim.domain,
          after: { orgId: claim.org_id, status },
        });
      return claim;
    });
  }
}
