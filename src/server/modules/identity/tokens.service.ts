import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import { randomToken, sha256Hex } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ApiTokenRow, IdentityRepository } from './identity.repository.js';
import { isRole, type OrgPermission, roleGrants } from './permissions.js';

export const TOKEN_PREFIX = 'jh_';

/** Personal API tokens for automation: one organisation, a subset of the owner's permissions, an expiry. */
export class TokensService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
    /** JIANHE_TOKEN_MAX_DAYS: a token outliving this is refused, so a leaked secret cannot work for ever. */
    private readonly maxDays = 365,
  ) {}

  async create(
    userId: string,
    input: { orgId: string; name: string; permissions: OrgPermission[]; expiresAt: string },
  ) {
    const expires = Date.parse(input.expiresAt);
    if (!(expires > Date.now())) throw new AppError(400, 'VALIDATION_FAILED');
    if (expires > Date.now() + this.maxDays * 86_400_000)
      throw new AppError(400, 'TOKEN_LIFETIME_TOO_LONG', { maxDays: this.maxDays });
    const membership = await this.repo.membership(input.orgId, userId);
    if (!membership || !isRole(membership.role)) throw new AppError(404, 'NOT_FOUND');
    const role = membership.role;
    if (input.permissions.some((p) => !roleGrants(role, p)))
      throw new AppError(403, 'TOKEN_PERMISSIONS_EXCEED_ROLE');
    const secret = `${TOKEN_PREFIX}${randomToken()}`;
    const row: ApiTokenRow = {
      id: randomUUID(),
      token_hash: sha256Hex(secret),
      user_id: userId,
      org_id: input.orgId,
      name: input.name,
      permissions: JSON.stringify(input.permissions),
      expires_at: input.expiresAt,
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null,
    };
    await this.repo.transaction(async (trx) => {
      await this.repo.insertToken(trx, row);
      await this.audit.record(trx, {
        orgId: input.orgId,
        actorUserId: userId,
        action: 'token.create',
        targetType: 'api_token',
        targetId: row.id,
        after: { name: row.name, permissions: input.permissions, expiresAt: row.expires_at },
      });
    });
    return { row, secret };
  }

  list(userId: string) {
    return this.repo.tokensOfUser(userId);
  }

  async revoke(userId: string, id: string) {
    const token = (await this.repo.tokensOfUser(userId)).find((t) => t.id === id);
    if (!token) throw new AppError(404, 'NOT_FOUND');
    await this.repo.transaction(async (trx) => {
      await this.repo.revokeToken(trx, userId, id);
      await this.audit.record(trx, {
        orgId: token.org_id,
        actorUserId: userId,
        action: 'token.revoke',
        targetType: 'api_token',
        targetId: id,
      });
    });
  }
}
