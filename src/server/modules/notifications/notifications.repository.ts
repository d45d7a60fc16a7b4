import type { Kysely, Selectable } from 'kysely';
import type { DatabaseKind } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { crossTenant, type TenantScope } from '../../db/tenancy/tenant-scope.js';
import type {
  MailOutboxTable,
  NotificationPreferenceTable,
  NotificationTable,
} from './notifications.tables.js';

export type MailRow = Selectable<MailOutboxTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type PreferenceRow = Selectable<NotificationPreferenceTable>;

/** Outbox, notifications and preferences: an organisation's rows through its scope; delivery across them. */
export class NotificationsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: DatabaseKind,
  ) {}

  /** Queues a mail unless its dedupe key is already queued or sent; true when newly queued. */
  async queueMail(t: TenantScope, row: Omit<MailRow, 'org_id'>): Promise<boolean> {
    const result = await t.db
      .insertInto('mail_outbox')
      .values({ ...row, org_id: t.orgId })
      .onConflict((oc) => oc.columns(['org_id', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async insertNotification(t: TenantScope, row: Omit<NotificationRow, 'org_id'>): Promise<boolean> {
    const result = await t.db
      .insertInto('notification')
      .values({ ...row, org_id: t.orgId })
      .onConflict((oc) => oc.columns(['org_id', 'user_id', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** A person's notifications, newest first, keyset-paginated on (created_at, id). */
  listNotifications(
    t: TenantScope,
    userId: string,
    limit: number,
    options: { unreadOnly?: boolean; before?: { at: string; id: string } } = {},
  ): Promise<NotificationRow[]> {
    let q = t.db.selectFrom('notification').selectAll().where('user_id', '=', userId);
    if (options.unreadOnly) q = q.where('read_at', 'is', null);
    const before = options.before;
    if (before)
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', before.at),
          eb.and([eb('created_at', '=', before.at), eb('id', '<', before.id)]),
        ]),
      );
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async unreadCount(t: TenantScope, userId: string): Promise<number> {
    const row = await t.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks the given notifications (or all) of this person read; returns how many changed. */
  async markRead(t: TenantScope, userId: string, ids: string[] | 'all', at: string): Promise<number> {
    let q = t.db
      .updateTable('notification')
      .set({ read_at: at })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (ids !== 'all') {
      if (ids.length === 0) return 0;
      q = q.where('id', 'in', ids);
    }
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }

  preference(t: TenantScope, userId: string): Promise<PreferenceRow | undefined> {
    return t.db
      .selectFrom('notification_preference')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  async savePreference(t: TenantScope, row: Omit<PreferenceRow, 'org_id'>): Promise<void> {
    await t.db
      .insertInto('notification_preference')
      .values({ ...row, org_id: t.orgId })
      .onConflict((oc) =>
        oc.columns(['org_id', 'user_id']).doUpdateSet({
          locale: row.locale,
          email_reminders: row.email_reminders,
          email_digest: row.email_digest,
          in_app: row.in_app,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  /** Whether the person is (still) a member of the organisation: nobody else is notified. */
  async isMember(t: TenantScope, userId: string): Promise<boolean> {
    const row = await t.db
      .selectFrom('membership')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The person's address, read in the caller's transaction (SQLite has one connection: never step outside). */
  recipient(t: TenantScope, userId: string) {
    return t.db
      .selectFrom('app_user')
      .select(['id', 'email', 'display_name'])
      .where('id', '=', userId)
      .executeTakeFirst();
  }

  private delivery() {
    return crossTenant(this.db, 'the outbox delivery job sends every organisation’s queued mail');
  }

  /**
   * Takes up to `limit` sendable mails: pending and due, or "sending" with a lapsed lease (the sender
   * died). On PostgreSQL the candidates are locked with FOR UPDATE SKIP LOCKED so two instances never
   * take the same mail; the attempt count fences a late finish by a sender that lost its lease.
   */
  async claimMail(now: string, leaseUntil: string, limit: number): Promise<MailRow[]> {
    const db = this.delivery();
    let candidates = db
      .selectFrom('mail_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(limit);
    if (this.kind === 'postgres') candidates = candidates.forUpdate().skipLocked();
    return db
      .updateTable('mail_outbox')
      .set((eb) => ({ status: 'sending', locked_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', candidates)
      .returningAll()
      .execute();
  }

  async finishMail(
    mail: { id: string; attempts: number },
    outcome: Pick<MailRow, 'status' | 'next_attempt_at' | 'last_error' | 'sent_at'>,
  ): Promise<boolean> {
    const result = await this.delivery()
      .updateTable('mail_outbox')
      .set({ ...outcome, locked_until: null })
      .where('id', '=', mail.id)
      .where('attempts', '=', mail.attempts)
      .where('status', '=', 'sending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
