import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { AuditLogTable, AuditPendingTable } from './audit.tables.js';

export type AuditRow = Selectable<AuditLogTable>;
export type AuditPendingRow = Selectable<AuditPendingTable>;

export interface AuditFilters {
  action?: string;
  actorUserId?: string;
  from?: string;
  to?: string;
}

export class AuditRepository {
  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: 'sqlite' | 'postgres',
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

  /** Appends entries (in chain order) and moves the chain's recorded end to the last, in the caller's transaction. */
  async insert(db: Db, rows: readonly AuditRow[]): Promise<void> {
    const last = rows.at(-1);
    if (!last) return;
    const head = { chain: last.chain, seq: last.seq, hash: last.hash, updated_at: last.at };
    if (this.dialect === 'postgres') {
      // One statement: the entries in a data-modifying CTE, the recorded end in the statement itself.
      await db
        .with('appended', (qb) => qb.insertInto('audit_log').values(rows))
        .insertInto('audit_chain_head')
        .values(head)
        .onConflict((oc) =>
          oc.column('chain').doUpdateSet({ seq: head.seq, hash: head.hash, updated_at: head.updated_at }),
        )
        .execute();
      return;
    }
    await db.insertInto('audit_log').values(rows).execute();
    await db
      .insertInto('audit_chain_head')
      .values({ chain: last.chain, seq: last.seq, hash: last.hash, updated_at: last.at })
      .onConflict((oc) =>
        oc.column('chain').doUpdateSet({ seq: last.seq, hash: last.hash, updated_at: last.at }),
      )
      .execute();
  }

  /** An entry committed with the change it describes, to be chained by the chain writer. */
  async insertPending(db: Db, row: AuditPendingRow): Promise<void> {
    await db.insertInto('audit_pending').values(row).execute();
  }

  /**
   * Takes the oldest pending entries of one chain out of `audit_pending` (PostgreSQL, one statement), in
   * the order they are chained. The caller holds the chain's lock and chains them in the same transaction.
   */
  async takePending(db: Db, chain: string, limit: number): Promise<AuditPendingRow[]> {
    const { rows } = await sql<AuditPendingRow>`delete from audit_pending where id = any(array(
        select id from audit_pending where chain = ${chain} order by at, id limit ${limit}
      )) returning *`.execute(db);
    return rows.sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : 1) : a.at < b.at ? -1 : 1));
  }

  /** Chains with entries waiting to be chained, and how many each. */
  pendingCounts(chain?: string): Promise<Array<{ chain: string; entries: number }>> {
    let query = this.db
      .selectFrom('audit_pending')
      .select((eb) => ['chain', eb.fn.countAll<number>().as('entries')])
      .groupBy('chain');
    if (chain) query = query.where('chain', '=', chain);
    return query.execute().then((rows) => rows.map((r) => ({ chain: r.chain, entries: Number(r.entries) })));
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
      .union(this.db.selectFrom('audit_pending').select('chain'))
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
