import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../../test/support/databases.js';
import { type DatabaseHandle, openDatabase } from './database.js';
import { statementName } from './pg-prepared-statements.js';

describe('which statements are prepared by name', () => {
  it('names a data statement by its text, the same text the same name', () => {
    const text = 'select "id" from "assessment" where "id" = $1';
    expect(statementName(text)).toMatch(/^j_/);
    expect(statementName(text)).toBe(statementName(text));
    expect(statementName(`${text} and "org_id" = $2`)).not.toBe(statementName(text));
  });

  it('sends several commands, DDL, SET and transaction control unnamed', () => {
    for (const text of [
      'select 1; select 2',
      'create table t (id int)',
      'alter table t add column x int',
      'set search_path = x',
      'begin',
      'commit',
    ])
      expect(statementName(text), text).toBeUndefined();
  });
});

describe.skipIf(postgresUrl() === null)('prepared statements on PostgreSQL', () => {
  let seeded: TestDatabase;
  let one: DatabaseHandle;

  beforeAll(async () => {
    seeded = await openTestDatabase('postgres', { migrate: false });
    // One connection, so the session asked about its prepared statements is the one that ran them.
    one = openDatabase(seeded.config.database, { poolSize: 1 });
    await sql`create table prepared_probe (id int primary key)`.execute(one.db);
    await sql`insert into prepared_probe (id) values (1)`.execute(one.db);
  });
  afterAll(async () => {
    await one?.close();
    await seeded?.dispose();
  });

  const probe = () =>
    one.db
      .selectFrom('prepared_probe' as never)
      .selectAll()
      .execute();
  const prepared = async () =>
    (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(one.db)).rows.map(
      (r) => r.statement,
    );

  it("prepares Kysely's statements once per connection and reuses them", async () => {
    await probe();
    await probe();
    const statements = await prepared();
    expect(statements.filter((s) => s === 'select * from "prepared_probe"')).toHaveLength(1);
  });

  it('prepares afresh when the table gains a column under a prepared select *', async () => {
    expect(await probe()).toEqual([{ id: 1 }]);
    // As when another instance migrates during a rolling deploy.
    await sql`alter table prepared_probe add column label text default 'added'`.execute(one.db);
    expect(await probe()).toEqual([{ id: 1, label: 'added' }]);
    expect(await probe()).toEqual([{ id: 1, label: 'added' }]);
  });
});
