import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, type Tenants } from '../../db/tenancy/tenant-scope.js';
import { type Clock, calendarDateAt } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { randomToken, sha256Hex } from '../../platform/secrets.js';
import type { AuditRecorder } from '../assessments/assessments.ports.js';
import { addDays } from '../scheduler/domain/recurrence.js';
import type { DueDatesService } from '../scheduler/due-dates.service.js';
import { calendarFeed } from './ical.js';
import { absoluteLink } from './notification-kinds.js';

/**
 * A person's iCal feed of their due dates in one organisation, at a secret URL (only its SHA-256 is
 * stored). Creating a new link revokes the old one; revoking ends it at once.
 */
export class CalendarFeedService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenants: Tenants,
    private readonly dueDates: DueDatesService,
    private readonly audit: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  /** A new secret link (the old one stops working); the token is returned once and never stored. */
  async create(orgId: string, userId: string): Promise<string> {
    const token = randomToken();
    await this.tenants.transaction(orgId, async (t) => {
      const now = this.clock.now().toISOString();
      await t.db
        .updateTable('calendar_feed')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
      const id = randomUUID();
      await t.db
        .insertInto('calendar_feed')
        .values({
          id,
          org_id: orgId,
          user_id: userId,
          token_hash: sha256Hex(token),
          created_at: now,
          revoked_at: null,
        })
        .execute();
      await this.audit.record(t.db, {
        orgId,
        actorUserId: userId,
        action: 'calendar_feed.create',
        targetType: 'calendar_feed',
        targetId: id,
      });
    });
    return token;
  }

  async revoke(orgId: string, userId: string): Promise<void> {
    await this.tenants.transaction(orgId, async (t) => {
      const result = await t.db
        .updateTable('calendar_feed')
        .set({ revoked_at: this.clock.now().toISOString() })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0)
        await this.audit.record(t.db, {
          orgId,
          actorUserId: userId,
          action: 'calendar_feed.revoke',
          targetType: 'calendar_feed',
          targetId: userId,
        });
    });
  }

  async active(orgId: string, userId: string): Promise<{ createdAt: string } | null> {
    const row = await this.tenants
      .scope(orgId)
      .db.selectFrom('calendar_feed')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? { createdAt: row.created_at } : null;
  }

  /** The feed for a secret token: the person's open due dates (overdue and the next year); 404 when revoked or unknown. */
  async feed(token: string, publicUrl: string | null): Promise<string> {
    const row = await crossTenant(this.db, 'a calendar feed is found by its secret token')
      .selectFrom('calendar_feed')
      .select(['org_id', 'user_id'])
      .where('token_hash', '=', sha256Hex(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new AppError(404, 'CALENDAR_FEED_NOT_FOUND');
    const until = addDays(calendarDateAt(this.clock.now()), 366);
    const entries = await this.dueDates.open(row.org_id, until, row.user_id);
    return calendarFeed(
      '檢核 Jianhe',
      entries.map((e) => ({
        id: e.id,
        title: e.title,
        dueOn: e.dueOn,
        url: absoluteLink(e.link, publicUrl),
      })),
      this.clock.now(),
    );
  }
}
