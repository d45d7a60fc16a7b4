/** Outbox and notification tables (migration 0011). Conventions: docs/architecture.md. */
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: string;
  org_id: string;
  user_id: string | null;
  /** One mail per key and organisation: queueing the same key again is a no-op. */
  dedupe_key: string;
  to_address: string;
  subject: string;
  body: string;
  status: MailStatus;
  attempts: number;
  next_attempt_at: string;
  /** A send in progress holds this lease; past it the send is taken to have died. */
  locked_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  org_id: string;
  user_id: string;
  kind: string;
  dedupe_key: string;
  /** JSON */
  payload: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPreferenceTable {
  org_id: string;
  user_id: string;
  locale: string;
  email_reminders: number;
  email_digest: number;
  in_app: number;
  updated_at: string;
}

export interface CalendarFeedTable {
  id: string;
  org_id: string;
  user_id: string;
  /** SHA-256 of the secret in the feed URL. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface NotificationTables {
  mail_outbox: MailOutboxTable;
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
  calendar_feed: CalendarFeedTable;
}
