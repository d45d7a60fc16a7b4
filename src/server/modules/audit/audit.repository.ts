import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { AuditLogTable } from './audit.tables.js';

export type AuditRow = Selectable<AuditLogTable>;

export interface AuditFilters {
  action?: string;
  actorUserId?: string;
  from?: string;
  to?: string;
}

export class AuditRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  /** Serialises appends to one chain: a transaction-scoped advisory lock on PostgreSQL; SQLite has one writer. */
  async lockChain(db: Db, chain: string): Promise<void> {
    if (this.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(hashtext(${`audit:${chain}`}))`.execute(db);
  }

  head(db: Db, chain: string): Promise<{ seq: number; hash: string } | undefined> {
    return db
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('chain', '=', chain)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Appends an entry and moves the chain's recorded end to it, in the caller's transaction. */
  async insert(db: Db, row: AuditRow): Promise<void> {
    await db.insertInto('audit_log').values(row).execute();
    await db
      .insertInto('audit_chain_head')
      .values({ chain: row.chain, seq: row.seq, hash: row.hash, updated_at: row.at })
      .onConflict((oc) =>
        oc.column('chain').doUpdateSet({ seq: row.seq, hash: row.hash, updated_at: row.at }),
      )
      .execute();
  }

  recordedHead(chain: string): Promise<{ seq: number; hash: string } | undefined> {
    return this.db
      .selectFrom('audit_chain_head')
      .select(['seq', 'hash'])
      .where('chain', '=', chain)
      .executeTakeFirst();
  }

  chainEntries(chain: string): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('seq').execute();
  }

  /** Every chain with entries or a recorded end (a chain deleted entirely still has its end). */
  chains(): Promise<string[]> {
    return this.db
      .selectFrom('audit_log')
      .select('chain')
      .union(this.db.selectFrom('audit_chain_head').select('chain'))
      .orderBy('chain')
      .execute()
      .then((rows) => rows.map((r) => r.chain));
  }

  /** Newest first, keyset-paginated by sequence number. */
  list(chain: string, filters: AuditFilters, limit: number, beforeSeq?: number): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').selectAll().where('chain', '=', chain);
    if (filters.action)
      // SQLite's LIKE has no escape character unless one is named (PostgreSQL's default is backslash), so
      // without ESCAPE an action filter with an underscore (register_task.raise) matched nothing there.
      query = query.where(
        sql<boolean>`action like ${`${filters.action.replace(/[\\%_]/g, '\\$&')}%`} escape '\\'`,
      );
    if (filters.actorUserId) query = query.where('actor_user_id', '=', filters.actorUserId);
    if (filters.from) query = query.where('at', '>=', filters.from);
    if (filters.to) query = query.where('at', '<', filters.to);
    if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
    return query.orderBy('seq', 'desc').limit(limit).execute();
  }
}
