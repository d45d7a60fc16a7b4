import { type Kysely, sql } from 'kysely';

/**
 * Cross-tenant links become constraint errors on both databases: every tenant parent gets
 * UNIQUE (org_id, id), and every reference between tenant rows becomes a composite foreign key
 * (org_id, x_id) → parent (org_id, id), so a row can only point at a row of its own organisation.
 * Tenant tables created before organisations had foreign keys also get org_id → organization (id).
 *
 * Populated databases: the migration first counts rows that already break a rule and stops with a
 * message naming each link and its count (nothing changes; fix or remove those rows and start again).
 * PostgreSQL runs it in one transaction with a lock timeout, so a busy table makes it fail fast instead
 * of queueing traffic behind it; the unique indexes build in well under a second per 10^5 rows.
 * SQLite cannot add constraints to a table, so each affected table is rebuilt (create, copy, drop,
 * rename, re-index) inside one transaction with foreign keys off, then `foreign_key_check` must be clean.
 */

const PARENTS = [
  'assessment',
  'assessment_item',
  'evidence',
  'provider',
  'provider_contact',
  'provider_incident',
  'questionnaire',
] as const;

type OnDelete = 'cascade' | 'no action';

/** [child table, column, parent table, on delete] */
const LINKS: ReadonlyArray<readonly [string, string, (typeof PARENTS)[number], OnDelete]> = [
  ['assessment', 'previous_revision_id', 'assessment', 'no action'],
  ['assessment', 'carried_from_id', 'assessment', 'no action'],
  ['assessment_item', 'assessment_id', 'assessment', 'cascade'],
  ['assessment_item_change', 'assessment_item_id', 'assessment_item', 'cascade'],
  ['assessment_item_comment', 'assessment_item_id', 'assessment_item', 'cascade'],
  ['assessment_event', 'assessment_id', 'assessment', 'cascade'],
  ['assessment_item_evidence', 'assessment_item_id', 'assessment_item', 'cascade'],
  ['assessment_item_evidence', 'evidence_id', 'evidence', 'no action'],
  ['provider', 'star_report_evidence_id', 'evidence', 'no action'],
  ['provider_contact', 'provider_id', 'provider', 'cascade'],
  ['provider_audit', 'provider_id', 'provider', 'cascade'],
  ['provider_audit', 'evidence_id', 'evidence', 'no action'],
  ['provider_incident', 'provider_id', 'provider', 'cascade'],
  ['provider_incident_update', 'incident_id', 'provider_incident', 'cascade'],
  ['questionnaire', 'provider_id', 'provider', 'cascade'],
  ['questionnaire', 'contact_id', 'provider_contact', 'no action'],
  ['questionnaire', 'assessment_id', 'assessment', 'no action'],
  ['questionnaire_answer', 'questionnaire_id', 'questionnaire', 'cascade'],
  ['questionnaire_attachment', 'questionnaire_id', 'questionnaire', 'cascade'],
];

/** Tenant tables whose org_id had no foreign key to organization. */
const ORG_CHILDREN = [
  'assessment',
  'assessment_item',
  'assessment_item_change',
  'assessment_item_comment',
  'assessment_event',
  'evidence',
  'assessment_item_evidence',
  'provider',
  'provider_contact',
  'provider_audit',
  'provider_incident',
  'provider_incident_update',
  'questionnaire',
  'questionnaire_answer',
  'questionnaire_attachment',
];

const fkName = (child: string, column: string) => `${child}_${column}_org_fk`;

async function assertNoViolations(db: Kysely<unknown>): Promise<void> {
  const problems: string[] = [];
  for (const [child, column, parent] of LINKS) {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from ${sql.table(child)} c
      where c.${sql.ref(column)} is not null and not exists (
        select 1 from ${sql.table(parent)} p where p.id = c.${sql.ref(column)} and p.org_id = c.org_id)`.execute(
      db,
    );
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0)
      problems.push(`${child}.${column} → ${parent}: ${n} row(s) point at another organisation's row`);
  }
  for (const child of ORG_CHILDREN) {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from ${sql.table(child)} c
      where not exists (select 1 from organization o where o.id = c.org_id)`.execute(db);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) problems.push(`${child}.org_id: ${n} row(s) name no existing organisation`);
  }
  if (problems.length > 0)
    throw new Error(`tenant keys cannot be added; nothing was changed:\n  ${problems.join('\n  ')}`);
}

function clauses(table: string): string[] {
  const out = LINKS.filter(([child]) => child === table).map(
    ([, column, parent, onDelete]) =>
      `constraint "${fkName(table, column)}" foreign key ("org_id", "${column}") references "${parent}" ("org_id", "id") on delete ${onDelete}`,
  );
  if (ORG_CHILDREN.includes(table))
    out.push(
      `constraint "${table}_org_fk" foreign key ("org_id") references "organization" ("id") on delete cascade`,
    );
  return out;
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`set local lock_timeout = '10s'`.execute(db);
  for (const parent of PARENTS)
    await sql
      .raw(`alter table "${parent}" add constraint "${parent}_org_id_key" unique ("org_id", "id")`)
      .execute(db);
  const tables = new Set([...LINKS.map(([child]) => child), ...ORG_CHILDREN]);
  for (const table of tables) {
    for (const clause of clauses(table)) {
      await sql.raw(`alter table "${table}" add ${clause} not valid`).execute(db);
      const name = /constraint "([^"]+)"/.exec(clause)![1]!;
      await sql.raw(`alter table "${table}" validate constraint "${name}"`).execute(db);
    }
  }
}

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      for (const parent of PARENTS)
        await sql
          .raw(`create unique index "${parent}_org_id_key" on "${parent}" ("org_id", "id")`)
          .execute(trx);
      const tables = new Set([...LINKS.map(([child]) => child), ...ORG_CHILDREN]);
      for (const table of tables) await rebuildSqliteTable(trx, table, clauses(table));
      const { rows } = await sql<{ table: string }>`pragma foreign_key_check`.execute(trx);
      if (rows.length > 0)
        throw new Error(`foreign key check failed after rebuild: ${JSON.stringify(rows.slice(0, 5))}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** SQLite's documented way to add constraints: a new table with them, the rows copied, then renamed. */
async function rebuildSqliteTable(db: Kysely<unknown>, table: string, extra: string[]): Promise<void> {
  const { rows } = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const ddl = rows[0]?.sql;
  if (!ddl) throw new Error(`table ${table} not found`);
  const indexes = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(
    db,
  );
  const temp = `${table}__rebuild`;
  const head = ddl.replace(/^CREATE TABLE\s+("?)[^"\s(]+\1/i, `create table "${temp}"`);
  const withConstraints = head.replace(/\)\s*$/, `, ${extra.join(', ')})`);
  await sql.raw(withConstraints).execute(db);
  await sql.raw(`insert into "${temp}" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${temp}" rename to "${table}"`).execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await assertNoViolations(db);
  // PostgreSQL runs migrations in a transaction (transactional DDL); SQLite does not.
  if (db.getExecutor().adapter.supportsTransactionalDdl) await upPostgres(db);
  else await upSqlite(db);
}

export async function down(): Promise<void> {
  throw new Error('0009_tenant_keys cannot be reverted: restore a backup taken before it');
}
