import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { buildRequest, type IdPosition, idPositions } from '../../../../test/support/route-requests.js';
import { type RecordIds, seedRecords } from '../../../../test/support/tenant-records.js';
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import { TENANT_TABLES } from '../../db/tenancy/tenant-tables.js';
import type { App } from '../../platform/app.js';
import type { RegisteredRoute } from '../../platform/route-permission.js';
import { ID_KINDS } from './id-kinds.js';
import { isOrgPermission, ROLES, type Role, roleGrants } from './permissions.js';

/**
 * Real records of another organisation, addressed through the caller's own organisation by a member whose
 * role allows the route, one id at a time, the other ids being the caller's own real records (mixed sets).
 * Requests are schema-valid (built from each route's schema), so a 400 is a failure: the only right answer
 * is exactly 404 with the kind's code. The caller's own personal ids (tokens, sessions) are probed the
 * same way with another person's.
 */
describeEachDatabase('tenant isolation of every id a route takes', (db) => {
  let app: App;
  let own: SeededOrg;
  let foreign: SeededOrg;
  let mine: RecordIds;
  let theirs: RecordIds;
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    app = await createTestApp(db());
    own = await seedOrganization(db(), 'Isolation Own Securities');
    foreign = await seedOrganization(db(), 'Isolation Foreign Futures');
    for (const role of ROLES) sessions.set(role, await login(app, own.users[role]));
    mine = await seedRecords(db(), own, 'own');
    theirs = await seedRecords(db(), foreign, 'foreign');
  });
  afterAll(() => app.close());

  /** Every row the other organisation holds, as one string: equal before and after means nothing changed. */
  const foreignSnapshot = async () => {
    const raw = crossTenant(db().handle.db, 'test: snapshot of the other organisation');
    const parts: string[] = [];
    for (const table of TENANT_TABLES) {
      const rows = await raw.selectFrom(table).selectAll().where('org_id', '=', foreign.orgId).execute();
      parts.push(`${table}:${JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())}`);
    }
    return parts.join('\n');
  };

  const callerFor = (route: RegisteredRoute): Session | undefined => {
    if (route.permission === 'session') return sessions.get('viewer');
    if (!isOrgPermission(route.permission)) return undefined;
    const role = ROLES.find((r) => roleGrants(r, route.permission as Parameters<typeof roleGrants>[1]));
    return role ? sessions.get(role) : undefined;
  };

  /** Sends every route, once per declared id, with another organisation's (or person's) id in that place. */
  async function probeForeignIds(
    target: App,
    visit: (
      route: RegisteredRoute,
      position: IdPosition,
      response: Awaited<ReturnType<App['inject']>>,
    ) => void,
  ): Promise<void> {
    for (const route of target.appRoutes) {
      const caller = callerFor(route);
      if (!caller) continue;
      for (const position of idPositions(route).filter(
        (p) => p.kind !== 'external' && p.kind !== 'ownSession',
      )) {
        const replace = { ...position, value: theirs[position.kind as keyof RecordIds] };
        const request = buildRequest(route, { orgId: own.orgId, ids: mine, replace });
        visit(
          route,
          position,
          await target.inject({ ...request, headers: { ...request.headers, ...caller.headers } }),
        );
      }
    }
  }

  it('answers exactly the kind’s 404 for another organisation’s or person’s id in any position', async () => {
    const failures: string[] = [];
    const routes = new Set<string>();
    let probes = 0;
    let inBodies = 0;
    await probeForeignIds(app, (route, position, response) => {
      routes.add(`${route.method} ${route.url}`);
      probes += 1;
      if (position.where !== 'params') inBodies += 1;
      const code = (() => {
        try {
          return (JSON.parse(response.body) as { code?: string }).code;
        } catch {
          return undefined;
        }
      })();
      if (response.statusCode !== 404 || code !== ID_KINDS[position.kind].notFound)
        failures.push(
          `${route.method} ${route.url} ${position.where}.${position.path} → ${response.statusCode} ${response.body.slice(0, 120)}`,
        );
    });
    console.info(
      `tenant isolation: ${routes.size} routes, ${probes} foreign-id probes (${inBodies} in bodies or queries), all expected 404`,
    );
    expect(routes.size).toBeGreaterThan(30);
    expect(inBodies).toBeGreaterThan(8);
    expect(failures).toEqual([]);
  });

  it('refuses every kind’s foreign record in the id access layer itself, before any service runs', async () => {
    // The routes above also meet the services' own scoping, which answers the same 404; here each kind's
    // check is asked alone, so removing one (say, the participation's member firm) fails this test.
    const owner = { orgId: own.orgId, userId: own.users.viewer.id };
    const kinds = Object.keys(theirs) as (keyof RecordIds)[];
    const granted: string[] = [];
    for (const kind of kinds) {
      const owned = await ID_KINDS[kind].owned(db().handle.db, owner, [theirs[kind], mine[kind]]);
      if (owned.has(theirs[kind])) granted.push(kind);
    }
    expect(kinds).toContain('participation');
    expect(granted).toEqual([]);
    // Not vacuous: the same check grants the caller's own organisation's records.
    const ownPlace = await ID_KINDS.participation.owned(db().handle.db, owner, [mine.participation]);
    expect(ownPlace.has(mine.participation)).toBe(true);
  });

  it('still serves the caller’s own records through the same requests (the probes are not refused for another reason)', async () => {
    const read = app.appRoutes.filter(
      (r) => r.method === 'GET' && isOrgPermission(r.permission) && idPositions(r).length > 0,
    );
    const failures: string[] = [];
    for (const route of read) {
      const request = buildRequest(route, { orgId: own.orgId, ids: mine });
      const response = await app.inject({
        ...request,
        headers: { ...request.headers, ...callerFor(route)!.headers },
      });
      if (response.statusCode !== 200)
        failures.push(`${route.url} → ${response.statusCode} ${response.body.slice(0, 100)}`);
    }
    expect(read.length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });

  it('holds without the id access layer too: the scoped services change and reveal nothing of the other organisation', async () => {
    // The second wall: the same probes against an app built without the id access layer.
    const bare = await createTestApp(db(), undefined, { withoutIdAccessLayerForTests: true });
    const leakMarkers =
      /foreign (assessment|evidence|cloud|contact|incident|token|fanpage|post|v1|home|chats|campaign|yearly collection|association)|foreign\.example/i;
    const before = await foreignSnapshot();
    const failures: string[] = [];
    let probes = 0;
    try {
      await probeForeignIds(bare, (route, position, response) => {
        probes += 1;
        // A read filtered by a foreign id may answer an empty 200; a write must be refused; nothing may leak.
        const refusedAsNeeded = route.method === 'GET' || response.statusCode >= 400;
        if (!refusedAsNeeded || leakMarkers.test(response.body))
          failures.push(
            `${route.method} ${route.url} ${position.where}.${position.path} → ${response.statusCode} ${response.body.slice(0, 160)}`,
          );
      });
    } finally {
      await bare.close();
    }
    expect(probes).toBeGreaterThan(40);
    expect(failures).toEqual([]);
    expect(await foreignSnapshot()).toBe(before);
  });
});
