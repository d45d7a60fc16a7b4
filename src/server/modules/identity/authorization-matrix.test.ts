import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';
import type { RegisteredRoute } from '../../platform/route-permission.js';
import { isOrgPermission, ROLES, type Role, roleGrants } from './permissions.js';

/**
 * Every registered route × every role and anonymous × own organisation and a foreign one. Expectations
 * derive from each route's declared permission and the role table, so a new route is covered the moment
 * it is registered — and a route with an unknown permission fails here.
 */
/** The error code of a JSON error body; exports (CSV, files) have none. */
function codeOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

describeEachDatabase('authorization matrix', (db) => {
  let app: App;
  let own: SeededOrg;
  let foreign: SeededOrg;
  const sessions = new Map<Role, Session>();

  beforeAll(async () => {
    app = await createTestApp(db());
    own = await seedOrganization(db(), 'Matrix Own Securities');
    foreign = await seedOrganization(db(), 'Matrix Foreign Futures');
    for (const role of ROLES) sessions.set(role, await login(app, own.users[role]));
  });
  afterAll(() => app.close());

  const urlFor = (route: RegisteredRoute, orgId: string) =>
    route.url
      .replace(':orgId', orgId)
      .replace(':token', 'A'.repeat(43))
      .replace(/:catalogId/, 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0')
      .replace(/:sessionId/, 'x'.repeat(32))
      .replace(/:[A-Za-z]+/g, () => randomUUID());

  const request = (route: RegisteredRoute, url: string, session?: Session) =>
    app.inject({
      method: route.method as 'GET',
      url,
      headers: session?.headers ?? {},
      payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
    });

  it('declares a known requirement on every route', () => {
    const known = new Set(['public', 'link-token', 'authenticated', 'session', 'platform:manage']);
    for (const route of app.appRoutes) {
      expect(
        known.has(route.permission as string) || isOrgPermission(route.permission as string),
        `${route.method} ${route.url}`,
      ).toBe(true);
    }
  });

  it('allows and denies exactly as the role table says, and hides foreign organisations behind 404', async () => {
    const failures: string[] = [];
    const orgRoutes = app.appRoutes.filter((r) => isOrgPermission(r.permission as string));
    expect(orgRoutes.length).toBeGreaterThan(30);
    for (const route of orgRoutes) {
      const permission = route.permission as Parameters<typeof roleGrants>[1];
      const anonymous = await request(route, urlFor(route, own.orgId));
      if (anonymous.statusCode !== 401)
        failures.push(`anonymous ${route.method} ${route.url} → ${anonymous.statusCode}`);
      for (const role of ROLES) {
        const session = sessions.get(role)!;
        const mine = await request(route, urlFor(route, own.orgId), session);
        const code = codeOf(mine.body);
        if (roleGrants(role, permission)) {
          // Allowed: anything but a refusal — and never a crash on ids that do not exist.
          if ([401, 403].includes(mine.statusCode) || code === 'NOT_FOUND' || mine.statusCode >= 500) {
            failures.push(`${role} denied ${route.method} ${route.url}: ${mine.statusCode} ${code}`);
          }
        } else if (mine.statusCode !== 403 || code !== 'FORBIDDEN') {
          failures.push(`${role} not refused ${route.method} ${route.url}: ${mine.statusCode} ${code}`);
        }
        const theirs = await request(route, urlFor(route, foreign.orgId), session);
        if (theirs.statusCode !== 404 || codeOf(theirs.body) !== 'NOT_FOUND') {
          failures.push(`${role} reached foreign ${route.method} ${route.url}: ${theirs.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('keeps platform and personal routes to the right callers', async () => {
    const failures: string[] = [];
    for (const route of app.appRoutes) {
      const url = urlFor(route, own.orgId);
      if (['authenticated', 'session', 'platform:manage'].includes(route.permission as string)) {
        const anonymous = await request(route, url);
        if (anonymous.statusCode !== 401)
          failures.push(`anonymous ${route.method} ${route.url} → ${anonymous.statusCode}`);
      }
      if (route.permission === 'platform:manage') {
        const admin = await request(route, url, sessions.get('admin'));
        if (admin.statusCode !== 403)
          failures.push(`org admin reached platform route ${route.method} ${route.url}`);
      }
      if (route.permission === 'public') {
        // Public routes never refuse for lack of permission (a login step may still answer 401).
        const anonymous = await request(route, url);
        if (anonymous.statusCode === 403) failures.push(`public ${route.method} ${route.url} refused`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('scopes resource ids to their organisation: another organisation’s assessment is not found', async () => {
    const foreignActor = { orgId: foreign.orgId, userId: foreign.users.assessor.id };
    const theirs = await db().services.assessments.lifecycle.create(foreignActor, {
      catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: 'Foreign',
      period: '2026',
    });
    const viaOwnOrg = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${own.orgId}/assessments/${theirs.id}`,
      headers: sessions.get('assessor')!.headers,
    });
    expect(viaOwnOrg.statusCode).toBe(404);
    expect(viaOwnOrg.json().code).toBe('ASSESSMENT_NOT_FOUND');
  });
});
