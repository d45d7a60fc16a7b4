import { type Kysely, sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import {
  describeEachDatabase,
  openTestDatabase,
  type TestDatabase,
} from '../../../test/support/databases.js';
import { contactRow, organizationRow, providerRow } from '../../../test/support/tenant-rows.js';
import { migrateTo, migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';
import { crossTenant } from './tenancy/tenant-scope.js';

/**
 * Migration 0009 on a populated database: it refuses, changing nothing, when cross-tenant links already
 * exist; otherwise it keeps every row and makes a cross-tenant link a constraint error.
 */
describeEachDatabase('composite tenant keys (migration 0009)', (shared) => {
  let fresh: TestDatabase | undefined;
  afterEach(async () => {
    await fresh?.dispose();
    fresh = undefined;
  });

  async function indexNames(db: Kysely<Database>, table: string): Promise<string[]> {
    const query =
      shared().handle.kind === 'sqlite'
        ? sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`
        : sql<{
            name: string;
          }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = ${table}`;
    const names = (await query.execute(db)).rows.map((r) => r.name).sort();
    expect(names.length).toBeGreaterThan(0);
    return names;
  }

  async function populatedAt0008(): Promise<{
    db: Kysely<Database>;
    orgA: string;
    orgB: string;
    pA: string;
  }> {
    fresh = await openTestDatabase(shared().handle.kind, { migrate: false });
    const db = fresh.handle.db;
    await migrateTo(fresh.handle, '0008_audit_chain_head');
    const raw = crossTenant(db, 'test fixture below the services');
    const a = organizationRow();
    const b = organizationRow();
    await raw.insertInto('organization').values([a, b]).execute();
    const pA = providerRow(a.id, 'A cloud');
    await raw
      .insertInto('provider')
      .values([pA, providerRow(b.id, 'B cloud')])
      .execute();
    await raw
      .insertInto('provider_contact')
      .values(contactRow(a.id, pA.id, 'A contact'))
      .execute();
    return { db, orgA: a.id, orgB: b.id, pA: pA.id };
  }

  it('refuses to run over an existing cross-tenant link, naming it, and changes nothing', async () => {
    const { db, orgB, pA } = await populatedAt0008();
    const raw = crossTenant(db, 'test');
    await raw
      .insertInto('provider_contact')
      .values(contactRow(orgB, pA, 'B contact of A cloud'))
      .execute();
    await expect(migrateToLatest(fresh!.handle)).rejects.toThrow(
      'provider_contact.provider_id → provider: 1 row(s)',
    );
    const applied = await raw
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .execute();
    expect(applied.map((r) => (r as { name: string }).name)).not.toContain('0009_tenant_keys');
    const contacts = await raw.selectFrom('provider_contact').select('id').execute();
    expect(contacts).toHaveLength(2);
  });

  it('keeps every row and index, then refuses a link to another organisation’s row', async () => {
    const { db, orgA, orgB, pA } = await populatedAt0008();
    const before = await indexNames(db, 'provider_contact');
    await migrateToLatest(fresh!.handle);
    // SQLite rebuilt the table: its indexes come back, plus nothing lost.
    expect(await indexNames(db, 'provider_contact')).toEqual(expect.arrayContaining(before));
    const raw = crossTenant(db, 'test');
    expect(await raw.selectFrom('provider').select('id').execute()).toHaveLength(2);
    expect(await raw.selectFrom('provider_contact').select('id').execute()).toHaveLength(1);
    // A contact of organisation B for A's provider: the composite key refuses it.
    await expect(
      raw
        .insertInto('provider_contact')
        .values(contactRow(orgB, pA, 'smuggled'))
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    await expect(
      raw
        .insertInto('provider_contact')
        .values(contactRow(orgA, pA, 'own'))
        .execute(),
    ).resolves.toBeDefined();
    // Cascades still work through the rebuilt tables.
    await raw.deleteFrom('organization').where('id', '=', orgA).execute();
    expect(await raw.selectFrom('provider_contact').select('id').execute()).toHaveLength(0);
  });

  it('a fully migrated database has the tenant keys', async () => {
    const raw = crossTenant(shared().handle.db, 'test');
    const a = organizationRow();
    const b = organizationRow();
    await raw.insertInto('organization').values([a, b]).execute();
    const pA = providerRow(a.id, 'A');
    await raw.insertInto('provider').values(pA).execute();
    await expect(
      raw
        .insertInto('provider_contact')
        .values(contactRow(b.id, pA.id, 'x'))
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });
});
