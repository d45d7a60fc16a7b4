import type { Kysely, KyselyPlugin } from 'kysely';
import type { Database } from '../schema.js';
import { runTransaction } from '../transaction.js';
import { CrossTenantPlugin, TenantGuardPlugin } from './tenant-guard-plugin.js';
import { TenantScopePlugin, TenantScopeViolation } from './tenant-scope-plugin.js';

export { TenantScopeViolation };

type Db = Kysely<Database>;

/**
 * One organisation's view of the database. Repositories of tenant data take a `TenantScope`, never raw
 * Kysely: every query through `scope.db` is rewritten by {@link TenantScopePlugin} (org_id added to
 * every SELECT, UPDATE and DELETE on a tenant table and stamped on every INSERT), so forgetting the
 * organisation is impossible by construction. Transactions opened from a scope stay in it.
 */
export class TenantScope {
  private constructor(
    readonly orgId: string,
    readonly db: Db,
  ) {}

  /** Scopes `db` (a database or an open transaction) to `orgId`, keeping its other plugins after the scope. */
  static of(db: Db, orgId: string): TenantScope {
    const plugins = db.getExecutor().plugins;
    const existing = plugins.find((p): p is TenantScopePlugin => p instanceof TenantScopePlugin);
    if (existing) {
      if (existing.orgId !== orgId)
        throw new TenantScopeViolation('a scoped handle cannot change organisation');
      return new TenantScope(orgId, db);
    }
    return new TenantScope(orgId, rebuild(db, [new TenantScopePlugin(orgId)], plugins));
  }

  get isTransaction(): boolean {
    return this.db.isTransaction;
  }

  /** Runs `work` in a transaction of this organisation; inside one already, it joins it. */
  transaction<T>(work: (scope: TenantScope) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return work(this);
    return runTransaction(this.db, (trx) => work(new TenantScope(this.orgId, trx)));
  }
}

/**
 * A handle whose queries deliberately span organisations: resolving ids to their organisations in the
 * access layer, finding a questionnaire by its link token, listing a person's memberships at sign-in,
 * platform administration. Every call site names its reason, so each one is visible in review.
 */
export function crossTenant(db: Db, reason: string): Db {
  const plugins = db.getExecutor().plugins.filter((p) => !(p instanceof TenantScopePlugin));
  return rebuild(db, [new CrossTenantPlugin(reason)], plugins);
}

/** Whether the test-suite tripwire is on for new database handles (`JIANHE_TENANT_GUARD=1`). */
export function tenantGuardEnabled(): boolean {
  return process.env.JIANHE_TENANT_GUARD === '1';
}

export function withTenantGuard(db: Db): Db {
  return tenantGuardEnabled() ? db.withPlugin(new TenantGuardPlugin()) : db;
}

/** `first` plugins, then the handle's own (the guard stays last, so it sees the final query). */
function rebuild(db: Db, first: KyselyPlugin[], rest: readonly KyselyPlugin[]): Db {
  let out = db.withoutPlugins();
  for (const plugin of [...first, ...rest.filter((p) => !(p instanceof CrossTenantPlugin))])
    out = out.withPlugin(plugin);
  return out;
}

/** Hands out organisation scopes over one database; services hold this, never raw Kysely, for tenant data. */
export class Tenants {
  constructor(private readonly db: Db) {}

  scope(orgId: string): TenantScope {
    return TenantScope.of(this.db, orgId);
  }

  /** Runs `work` in a transaction scoped to `orgId` (joined when `within` is already one). */
  transaction<T>(orgId: string, work: (scope: TenantScope) => Promise<T>): Promise<T> {
    return this.scope(orgId).transaction(work);
  }
}
