import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { contactRow, organizationRow, providerRow } from '../../../../test/support/tenant-rows.js';
import { crossTenant, TenantScope, TenantScopeViolation, tenantGuardEnabled } from './tenant-scope.js';
import { TENANT_TABLES } from './tenant-tables.js';

/**
 * The scoped data layer on real SQLite and PostgreSQL: a scoped handle sees and writes only its own
 * organisation's rows whatever the query looks like, and the tripwire fails unscoped queries.
 */
describeEachDatabase('tenant scope in the data layer', (db) => {
  const orgA = randomUUID();
  const orgB = randomUUID();
  const provider = providerRow;
  const a1 = provider(orgA, 'A one');
  const b1 = provider(orgB, 'B one');
  const contact = contactRow;
  const scoped = () => TenantScope.of(db().handle.db, orgA).db;

  beforeAll(async () => {
    const raw = crossTenant(db().handle.db, 'test fixture for two organisations');
    await raw
      .insertInto('organization')
      .values([organizationRow(orgA), organizationRow(orgB)])
      .execute();
    await raw.insertInto('provider').values([a1, b1]).execute();
    await raw
      .insertInto('provider_contact')
      .values([contact(orgA, a1.id, 'A contact'), contact(orgB, b1.id, 'B contact')])
      .execute();
  });

  it('lists every table that has an org_id column as a tenant table', async () => {
    const tables = await db().handle.db.introspection.getTables();
    const schema =
      db().handle.kind === 'postgres'
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(db().handle.db)).rows[0]?.s
        : undefined;
    const withOrg = tables
      .filter((t) => schema === undefined || t.schema === schema)
      .filter((t) => t.columns.some((c) => c.name === 'org_id'))
      .map((t) => t.name)
      .filter((name) => !name.startsWith('kysely_'))
      .sort();
    expect(withOrg).toEqual([...TENANT_TABLES].sort());
  });

  it('selects only its own rows, by id too', async () => {
    const names = await scoped().selectFrom('provider').select('name').execute();
    expect(names.map((r) => r.name)).toEqual(['A one']);
    const foreign = await scoped()
      .selectFrom('provider')
      .selectAll()
      .where('id', '=', b1.id)
      .executeTakeFirst();
    expect(foreign).toBeUndefined();
  });

  it('scopes joined tables in ON, so a left join stays a left join', async () => {
    // A foreign contact pointing at our provider (only possible through a cross-tenant write).
    const rows = await scoped()
      .selectFrom('provider as p')
      .leftJoin('provider_contact as c', 'c.provider_id', 'p.id')
      .select(['p.name', 'c.name as contact'])
      .execute();
    expect(rows).toEqual([{ name: 'A one', contact: 'A contact' }]);
    const crossJoined = await scoped()
      .selectFrom('provider_contact as c')
      .innerJoin('provider as p', 'p.id', 'c.provider_id')
      .select('c.name')
      .where('p.id', '=', b1.id)
      .execute();
    expect(crossJoined).toEqual([]);
  });

  it('scopes subqueries and unions', async () => {
    const viaSubquery = await scoped()
      .selectFrom('provider_contact')
      .select('name')
      .where('provider_id', 'in', (eb) => eb.selectFrom('provider').select('id'))
      .execute();
    expect(viaSubquery.map((r) => r.name)).toEqual(['A contact']);
    const union = await crossTenant(db().handle.db, 'test')
      .selectFrom('organization')
      .select('name')
      .where('id', '=', orgA)
      .union(scoped().selectFrom('provider').select('name'))
      .execute();
    expect(union.map((r) => r.name).sort()).toEqual(['A one', `Org ${orgA}`]);
  });

  it('updates and deletes only its own rows', async () => {
    const updated = await scoped()
      .updateTable('provider')
      .set({ notes: 'touched' })
      .where('id', 'in', [a1.id, b1.id])
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(1);
    const deleted = await scoped()
      .deleteFrom('provider_contact')
      .where('provider_id', '=', b1.id)
      .executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(0);
    const b = await crossTenant(db().handle.db, 'test')
      .selectFrom('provider')
      .select('notes')
      .where('id', '=', b1.id)
      .executeTakeFirstOrThrow();
    expect(b.notes).toBe('');
  });

  it('stamps org_id on inserts and refuses another organisation’s', async () => {
    const { org_id: _ignored, ...withoutOrg } = provider(orgA, 'stamped');
    await scoped()
      .insertInto('provider')
      .values(withoutOrg as ReturnType<typeof provider>)
      .execute();
    const row = await crossTenant(db().handle.db, 'test')
      .selectFrom('provider')
      .select('org_id')
      .where('id', '=', withoutOrg.id)
      .executeTakeFirstOrThrow();
    expect(row.org_id).toBe(orgA);
    await expect(
      scoped().insertInto('provider').values(provider(orgB, 'smuggled')).execute(),
    ).rejects.toThrow(TenantScopeViolation);
    expect(() => scoped().updateTable('provider').set({ org_id: orgB }).compile()).toThrow(
      TenantScopeViolation,
    );
  });

  it('never updates another organisation’s row through ON CONFLICT', async () => {
    await scoped()
      .insertInto('provider')
      .values({ ...b1, org_id: orgA, name: 'hijack' })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: 'hijacked' }))
      .execute();
    const b = await crossTenant(db().handle.db, 'test')
      .selectFrom('provider')
      .select('name')
      .where('id', '=', b1.id)
      .executeTakeFirstOrThrow();
    expect(b.name).toBe('B one');
  });

  it('keeps a transaction in its organisation', async () => {
    const names = await TenantScope.of(db().handle.db, orgA).transaction(async (t) => {
      expect(t.isTransaction).toBe(true);
      return t.db.selectFrom('provider').select('name').where('name', 'like', '% one').execute();
    });
    expect(names.map((r) => r.name)).toEqual(['A one']);
    expect(() => TenantScope.of(scoped(), orgB)).toThrow(TenantScopeViolation);
  });

  describe.skipIf(!tenantGuardEnabled())('the tripwire', () => {
    it('fails a query on a tenant table that is not pinned to one organisation', async () => {
      const raw = db().handle.db;
      await expect(raw.selectFrom('provider').selectAll().execute()).rejects.toThrow(/SELECT on provider/);
      await expect(
        raw
          .selectFrom('provider')
          .selectAll()
          .where((eb) => eb.or([eb('org_id', '=', orgA), eb('name', '=', 'x')]))
          .execute(),
      ).rejects.toThrow(TenantScopeViolation);
      await expect(
        raw
          .selectFrom('provider')
          .innerJoin('provider_contact', 'provider_contact.provider_id', 'provider.id')
          .selectAll('provider')
          .where('provider.org_id', '=', orgA)
          .execute(),
      ).rejects.toThrow(/joins provider_contact/);
      await expect(raw.deleteFrom('provider_contact').where('id', '=', 'x').execute()).rejects.toThrow(
        /DELETE/,
      );
      await expect(
        raw
          .insertInto('provider_contact')
          .values({ ...contact(orgA, a1.id, 'x'), org_id: undefined as unknown as string })
          .execute(),
      ).rejects.toThrow(/INSERT/);
    });

    it('passes explicit predicates, cross-tenant handles and non-tenant tables', async () => {
      const raw = db().handle.db;
      await expect(
        raw.selectFrom('provider').select('id').where('org_id', '=', orgA).execute(),
      ).resolves.toHaveLength(2);
      await expect(
        crossTenant(raw, 'test').selectFrom('provider').select('id').execute(),
      ).resolves.not.toHaveLength(0);
      await expect(raw.selectFrom('catalog').select('id').execute()).resolves.toBeDefined();
      await expect(sql`select 1 as one`.execute(raw)).resolves.toBeDefined();
    });
  });
});
