import { type Kysely, sql } from 'kysely';

/**
 * The one scheduler, due dates and the notification outbox (issue 13), on both databases:
 * - `job`: one row per unit of work. `key` is the idempotency key (enqueueing the same key twice is one
 *   job); a running job holds a lease (`locked_until`), so a job whose process died is picked up again.
 * - `job_schedule`: one row per recurring job (a croner pattern evaluated in Asia/Taipei); instances
 *   advance `next_run_at` by compare-and-set, and each occurrence becomes a keyed job.
 * - `due_date`: every module's due dates and recurring duties, in one table the reminder job reads.
 * - `mail_outbox`: every e-mail, written in the transaction that causes it and sent by a job, so a
 *   failed send is retried and the dedupe key keeps a mail from being queued twice.
 * - `notification`, `notification_preference`, `calendar_feed`: in-app notifications (read/unread),
 *   per-person preferences and the revocable secret iCal URL.
 * Tenant tables follow the rule of 0009: UNIQUE (org_id, id), org_id → organization.
 */
const TENANT_TABLES = [
  `create table due_date (
    id text primary key,
    org_id text not null references organization (id) on delete cascade,
    source_kind text not null,
    source_id text not null,
    title text not null,
    link text not null,
    owner_id text references app_user (id) on delete set null,
    due_on text not null,
    recurrence text,
    completed_on text,
    created_at text not null,
    updated_at text not null,
    constraint due_date_org_id_key unique (org_id, id),
    constraint due_date_source_key unique (org_id, source_kind, source_id)
  )`,
  'create index due_date_by_due on due_date (due_on, org_id)',
  'create index due_date_by_owner on due_date (org_id, owner_id, due_on)',
  `create table mail_outbox (
    id text primary key,
    org_id text not null references organization (id) on delete cascade,
    user_id text references app_user (id) on delete set null,
    dedupe_key text not null,
    to_address text not null,
    subject text not null,
    body text not null,
    status text not null,
    attempts integer not null,
    next_attempt_at text not null,
    locked_until text,
    last_error text,
    sent_at text,
    created_at text not null,
    constraint mail_outbox_org_id_key unique (org_id, id),
    constraint mail_outbox_dedupe_key unique (org_id, dedupe_key)
  )`,
  'create index mail_outbox_pending on mail_outbox (status, next_attempt_at)',
  `create table notification (
    id text primary key,
    org_id text not null references organization (id) on delete cascade,
    user_id text not null references app_user (id) on delete cascade,
    kind text not null,
    dedupe_key text not null,
    payload text not null,
    created_at text not null,
    read_at text,
    constraint notification_org_id_key unique (org_id, id),
    constraint notification_dedupe_key unique (org_id, user_id, dedupe_key)
  )`,
  'create index notification_by_user on notification (org_id, user_id, created_at, id)',
  `create table notification_preference (
    org_id text not null references organization (id) on delete cascade,
    user_id text not null references app_user (id) on delete cascade,
    locale text not null,
    email_reminders integer not null,
    email_digest integer not null,
    in_app integer not null,
    updated_at text not null,
    constraint notification_preference_pk primary key (org_id, user_id)
  )`,
  `create table calendar_feed (
    id text primary key,
    org_id text not null references organization (id) on delete cascade,
    user_id text not null references app_user (id) on delete cascade,
    token_hash text not null unique,
    created_at text not null,
    revoked_at text,
    constraint calendar_feed_org_id_key unique (org_id, id)
  )`,
  'create index calendar_feed_by_user on calendar_feed (org_id, user_id)',
];

const PLATFORM_TABLES = [
  `create table job (
    id text primary key,
    name text not null,
    key text not null unique,
    payload text not null,
    status text not null,
    run_at text not null,
    attempts integer not null,
    max_attempts integer not null,
    locked_by text,
    locked_until text,
    last_error text,
    created_at text not null,
    updated_at text not null,
    finished_at text
  )`,
  'create index job_due on job (status, run_at)',
  'create index job_by_name on job (name, created_at)',
  `create table job_schedule (
    name text primary key,
    pattern text not null,
    timezone text not null,
    next_run_at text not null,
    last_run_at text,
    last_status text,
    last_error text,
    failures integer not null,
    updated_at text not null
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of [...PLATFORM_TABLES, ...TENANT_TABLES]) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'calendar_feed',
    'notification_preference',
    'notification',
    'mail_outbox',
    'due_date',
    'job_schedule',
    'job',
  ])
    await sql.raw(`drop table ${table}`).execute(db);
}
