import { type Kysely, sql } from 'kysely';

/**
 * Remediation items (plan of action and milestones) and risk acceptances (issue 13). Tenant tables with
 * the composite keys of 0009: a milestone, event, source or acceptance can only belong to an item of its
 * own organisation, and closure evidence only to the organisation's own evidence.
 * - `remediation_item.match_key`: what makes a gap "the same gap" across assessments (e.g. the catalog
 *   item); at most one unfinished item per key, so a gap found again links to the open item.
 * - `remediation_source`: every finding an item answers (the first and any found again later).
 * - `remediation_event`: the risk log, one row per status change or decision.
 * - `risk_acceptance.basis`: the answer the acceptance was given for; a different answer makes it stale.
 */
const STATEMENTS = [
  `create table remediation_item (
    id text primary key,
    org_id text not null references organization (id) on delete cascade,
    title text not null,
    description text not null,
    source_kind text not null,
    source_id text,
    source_link text not null,
    match_key text,
    owner_id text references app_user (id) on delete set null,
    status text not null,
    risk_statement text not null,
    recommendation text not null,
    planned_completion text,
    actual_completion text,
    closure_evidence_id text,
    closure_note text,
    close_requested_by text,
    close_requested_at text,
    closed_by text,
    created_by text,
    created_at text not null,
    updated_at text not null,
    version integer not null,
    constraint remediation_item_org_id_key unique (org_id, id),
    constraint remediation_item_closure_evidence_org_fk foreign key (org_id, closure_evidence_id)
      references evidence (org_id, id)
  )`,
  `create unique index remediation_item_open_match on remediation_item (org_id, match_key)
    where match_key is not null and status <> 'completed'`,
  'create index remediation_item_by_owner on remediation_item (org_id, owner_id, planned_completion)',
  'create index remediation_item_by_status on remediation_item (org_id, status, planned_completion, id)',
  `create table remediation_source (
    org_id text not null references organization (id) on delete cascade,
    item_id text not null,
    source_kind text not null,
    source_id text not null,
    link text not null,
    added_at text not null,
    constraint remediation_source_pk primary key (org_id, source_kind, source_id),
    constraint remediation_source_item_id_org_fk foreign key (org_id, item_id)
      references remediation_item (org_id, id) on delete cascade
  )`,
  'create index remediation_source_by_item on remediation_source (org_id, item_id)',
  `create table remediation_milestone (
    id text primary key,
    org_id text not null references organization (id) on delete cascade,
    item_id text not null,
    title text not null,
    due_on text not null,
    completed_on text,
    position integer not null,
    created_at text not null,
    constraint remediation_milestone_org_id_key unique (org_id, id),
    constraint remediation_milestone_item_id_org_fk foreign key (org_id, item_id)
      references remediation_item (org_id, id) on delete cascade
  )`,
  'create index remediation_milestone_by_item on remediation_milestone (org_id, item_id, position)',
  `create table remediation_event (
    id text primary key,
    org_id text not null references organization (id) on delete cascade,
    item_id text not null,
    at text not null,
    actor_id text,
    kind text not null,
    from_status text,
    to_status text,
    note text not null,
    constraint remediation_event_org_id_key unique (org_id, id),
    constraint remediation_event_item_id_org_fk foreign key (org_id, item_id)
      references remediation_item (org_id, id) on delete cascade
  )`,
  'create index remediation_event_by_item on remediation_event (org_id, item_id, at, id)',
  `create table risk_acceptance (
    id text primary key,
    org_id text not null references organization (id) on delete cascade,
    item_id text not null,
    reason text not null,
    compensating_control text not null,
    expires_on text not null,
    status text not null,
    basis text,
    approved_by text not null,
    approved_at text not null,
    ended_at text,
    ended_reason text,
    constraint risk_acceptance_org_id_key unique (org_id, id),
    constraint risk_acceptance_item_id_org_fk foreign key (org_id, item_id)
      references remediation_item (org_id, id) on delete cascade
  )`,
  'create index risk_acceptance_by_item on risk_acceptance (org_id, item_id, approved_at)',
  'create index risk_acceptance_active on risk_acceptance (status, expires_on)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'risk_acceptance',
    'remediation_event',
    'remediation_milestone',
    'remediation_source',
    'remediation_item',
  ])
    await sql.raw(`drop table ${table}`).execute(db);
}
