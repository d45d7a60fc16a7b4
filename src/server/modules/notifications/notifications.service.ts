import { randomUUID } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import type { Clock } from '../../platform/clock.js';
import { causeOf } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mailer.js';
import type { ProcessLogger } from '../../platform/process-logger.js';
import { retryDelayMs } from '../scheduler/backoff.js';
import { type NotificationLocale, notificationKind } from './notification-kinds.js';
import type { NotificationRow, NotificationsRepository, PreferenceRow } from './notifications.repository.js';

export interface NotificationPreferences {
  locale: NotificationLocale;
  emailReminders: boolean;
  emailDigest: boolean;
  inApp: boolean;
}

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  locale: 'zh-TW',
  emailReminders: true,
  emailDigest: true,
  inApp: true,
};

export interface NotifyOptions {
  /** Same key, same organisation and person: notified once (e.g. `reminder:remediation:{id}:{due}:7`). */
  dedupeKey: string;
  /** Join the caller's transaction, so the notification is queued with the change that causes it. */
  scope?: TenantScope;
}

export interface NotifyResult {
  inApp: boolean;
  mail: boolean;
}

const MAIL_MAX_ATTEMPTS = 8;
const MAIL_LEASE_MS = 2 * 60_000;

function preferencesOf(row: PreferenceRow | undefined): NotificationPreferences {
  if (!row) return DEFAULT_PREFERENCES;
  return {
    locale: row.locale === 'en' ? 'en' : 'zh-TW',
    emailReminders: row.email_reminders === 1,
    emailDigest: row.email_digest === 1,
    inApp: row.in_app === 1,
  };
}

/**
 * The one way to tell a person something (docs/remediation.md, "Notifications"): `notify()` writes the
 * in-app notification and queues the e-mail in the outbox, in one transaction, once per dedupe key and
 * as the person's preferences say. `deliver()` (the `mail-outbox` job) sends queued mail through the
 * configured SMTP server, retrying with backoff; nothing else in Jianhe sends reminder or digest mail.
 */
export class NotificationsService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: NotificationsRepository,
    private readonly mailer: Mailer | null,
    private readonly clock: Clock,
    private readonly log: ProcessLogger,
    private readonly publicUrl: string | null,
  ) {}

  async notify(
    orgId: string,
    userId: string,
    kind: string,
    payload: unknown,
    options: NotifyOptions,
  ): Promise<NotifyResult> {
    const spec = notificationKind(kind);
    if (!spec) throw new Error(`notification kind ${kind} is not registered`);
    const work = async (t: TenantScope): Promise<NotifyResult> => {
      if (!(await this.repo.isMember(t, userId))) return { inApp: false, mail: false };
      const prefs = preferencesOf(await this.repo.preference(t, userId));
      const rendered = spec.render(payload, prefs.locale, { publicUrl: this.publicUrl });
      const now = this.clock.now().toISOString();
      const inApp = prefs.inApp
        ? await this.repo.insertNotification(t, {
            id: randomUUID(),
            user_id: userId,
            kind,
            dedupe_key: options.dedupeKey,
            payload: JSON.stringify({ title: rendered.title, link: rendered.link, data: payload }),
            created_at: now,
            read_at: null,
          })
        : false;
      const wantsMail =
        spec.category === 'digest'
          ? prefs.emailDigest
          : spec.category === 'reminder'
            ? prefs.emailReminders
            : true;
      const recipient = wantsMail && this.mailer ? await this.repo.recipient(t, userId) : undefined;
      const mail = recipient
        ? await this.repo.queueMail(t, {
            id: randomUUID(),
            user_id: userId,
            dedupe_key: `${kind}:${options.dedupeKey}`,
            to_address: recipient.email,
            subject: rendered.subject,
            body: rendered.text,
            status: 'pending',
            attempts: 0,
            next_attempt_at: now,
            locked_until: null,
            last_error: null,
            sent_at: null,
            created_at: now,
          })
        : false;
      return { inApp, mail };
    };
    return options.scope ? options.scope.transaction(work) : this.tenants.transaction(orgId, work);
  }

  /**
   * Sends due mail from the outbox. Each mail is claimed with a lease and marked sent right after the
   * SMTP server accepts it; its Message-ID is fixed per outbox row, so the one window where a crash could
   * resend (accepted, not yet marked) is recognisable to the receiving system as the same message.
   */
  async deliver(limit = 50): Promise<{ sent: number; failed: number }> {
    if (!this.mailer) return { sent: 0, failed: 0 };
    const now = this.clock.now();
    const claimed = await this.repo.claimMail(
      now.toISOString(),
      new Date(now.getTime() + MAIL_LEASE_MS).toISOString(),
      limit,
    );
    let sent = 0;
    let failed = 0;
    for (const mail of claimed) {
      try {
        await this.mailer.send({
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body,
          messageId: `<${mail.id}@jianhe.outbox>`,
        });
        await this.repo.finishMail(mail, {
          status: 'sent',
          next_attempt_at: mail.next_attempt_at,
          last_error: null,
          sent_at: this.clock.now().toISOString(),
        });
        sent += 1;
      } catch (error) {
        failed += 1;
        const cause = causeOf(error, 'smtp');
        const final = mail.attempts >= MAIL_MAX_ATTEMPTS;
        await this.repo.finishMail(mail, {
          status: final ? 'failed' : 'pending',
          next_attempt_at: new Date(this.clock.now().getTime() + retryDelayMs(mail.attempts)).toISOString(),
          last_error: cause.message,
          sent_at: null,
        });
        this.log.warn({ cause, attempt: mail.attempts, final }, 'outbox mail not sent');
      }
    }
    return { sent, failed };
  }

  async preferences(orgId: string, userId: string): Promise<NotificationPreferences> {
    return preferencesOf(await this.repo.preference(this.tenants.scope(orgId), userId));
  }

  async savePreferences(orgId: string, userId: string, prefs: NotificationPreferences): Promise<void> {
    await this.repo.savePreference(this.tenants.scope(orgId), {
      user_id: userId,
      locale: prefs.locale,
      email_reminders: prefs.emailReminders ? 1 : 0,
      email_digest: prefs.emailDigest ? 1 : 0,
      in_app: prefs.inApp ? 1 : 0,
      updated_at: this.clock.now().toISOString(),
    });
  }

  list(
    orgId: string,
    userId: string,
    limit: number,
    options: { unreadOnly?: boolean; before?: { at: string; id: string } } = {},
  ): Promise<NotificationRow[]> {
    return this.repo.listNotifications(this.tenants.scope(orgId), userId, limit, options);
  }

  unreadCount(orgId: string, userId: string): Promise<number> {
    return this.repo.unreadCount(this.tenants.scope(orgId), userId);
  }

  markRead(orgId: string, userId: string, ids: string[] | 'all'): Promise<number> {
    return this.repo.markRead(this.tenants.scope(orgId), userId, ids, this.clock.now().toISOString());
  }
}
