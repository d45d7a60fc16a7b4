import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { buildRequest } from '../../../../test/support/route-requests.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import type { App } from '../../platform/app.js';
import type { RegisteredRoute } from '../../platform/route-permission.js';
import { ID_KINDS, type IdKind } from './id-kinds.js';
import {
  isOrgPermission,
  ORG_PERMISSIONS,
  type OrgPermission,
  ROLE_PERMISSIONS,
  ROLES,
  type Role,
  roleGrants,
} from './permissions.js';

/**
 * Every registered route × every role × (own organisation, another organisation, anonymous, a narrower API
 * token), with schema-valid requests built from each route's schema, so a refusal is the access rule and never
 * a validation error. What each route requires is also pinned, outside the code, by the committed table
 * docs/route-permissions.md (scripts/lib/route-table.test.ts) and by the invariants below.
 */
function codeOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

/** The only routes anyone may call without signing in. Adding one is a reviewed change to this list. */
const PUBLIC_ROUTES = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/v1/system/info',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/second-factor',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/session',
  'POST /api/v1/setup',
  'GET /api/v1/auth/sso/providers',
  'GET /api/v1/auth/sso/:orgId/start',
  'GET /api/v1/auth/sso/callback',
  'GET /api/v1/catalogs',
  'GET /api/v1/catalogs/:catalogId',
  'GET /api/v1/catalogs/:catalogId/items',
  'GET /api/v1/catalogs/:catalogId/oscal',
]);

/** Permissions that only let one look: a route that changes anything must never be satisfied by one of these. */
const READ_ONLY: ReadonlySet<OrgPermission> = new Set([
  'org:read',
  'members:read',
  'audit:read',
  'assessment:read',
  'provider:read',
  'report:export',
  'app:read',
  'social:read',
  'check:read',
  'campaign:read',
]);

describe('what routes require, as invariants', () => {
  it('a read-only permission never guards a route that changes state, and every role table entry exists', async () => {
    const { openTestDatabase } = await import('../../../../test/support/databases.js');
    const db = await openTestDatabase('sqlite');
    const app = await createTestApp(db);
    try {
      const failures: string[] = [];
      for (const route of app.appRoutes) {
        const key = `${route.method} ${route.url}`;
        if (route.method !== 'GET' && isOrgPermission(route.permission) && READ_ONLY.has(route.permission))
          failures.push(`${key} changes state but requires only ${route.permission}`);
        if (route.permission === 'public' && !PUBLIC_ROUTES.has(key))
          failures.push(`${key} is public but not listed`);
        if (PUBLIC_ROUTES.has(key) && route.permission !== 'public')
          failures.push(`${key} is listed public but requires ${route.permission}`);
      }
      for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(ORG_PERMISSIONS).toContain(p);
      expect(failures).toEqual([]);
    } finally {
      await app.close();
      await db.dispose();
    }
  });
});

describeEachDatabase('authorization matrix', (db) => {
  let app: App;
  let own: SeededOrg;
  let foreign: SeededOrg;
  const sessions = new Map<Role, Session>();
  /** Routes whose organisation comes from a record (`ids.orgFrom`) need a real one to get that far. */
  const records = new Map<string, Partial<Record<IdKind, string>>>();

  beforeAll(async () => {
    app = await createTestApp(db());
    own = await seedOrganization(db(), 'Matrix Own Securities');
    foreign = await seedOrganization(db(), 'Matrix Foreign Futures');
    for (const role of ROLES) sessions.set(role, await login(app, own.users[role]));
    for (const org of [own, foreign]) {
      const assessment = await db().services.assessments.lifecycle.create(
        { orgId: org.orgId, userId: org.users.assessor.id },
        { catalogRef: CATALOG_REF, name: 'Matrix', period: '2026' },
      );
      records.set(org.orgId, { assessment: assessment.id });
    }
  });
  afterAll(() => app.close());

  const send = (route: RegisteredRoute, orgId: string, headers: Record<string, string> = {}) => {
    const ids = route.ids.orgFrom ? records.get(orgId) : undefined;
    const request = buildRequest(route, { orgId, ...(ids ? { ids } : {}) });
    return app.inject({ ...request, headers: { ...request.headers, ...headers } });
  };
  /** Another organisation's answer: as if nothing existed (the record's own 404 where the record names it). */
  const foreignCode = (route: RegisteredRoute) =>
    route.ids.orgFrom ? ID_KINDS[route.ids.orgFrom.kind].notFound : 'NOT_FOUND';
  const orgRoutes = () => app.appRoutes.filter((r) => isOrgPermission(r.permission));

  it('allows and denies exactly as the role table says, and hides other organisations behind 404', async () => {
    const failures: string[] = [];
    expect(orgRoutes().length).toBeGreaterThan(40);
    for (const route of orgRoutes()) {
      const permission = route.permission as OrgPermission;
      const key = `${route.method} ${route.url}`;
      const anonymous = await send(route, own.orgId);
      if (anonymous.statusCode !== 401) failures.push(`anonymous ${key} → ${anonymous.statusCode}`);
      for (const role of ROLES) {
        const session = sessions.get(role)!;
        const mine = await send(route, own.orgId, session.headers);
        const code = codeOf(mine.body);
        if (roleGrants(role, permission)) {
          // Allowed: past the permission check (ids that do not exist may then be 404), never a crash, and
          // never a validation error: the request is schema-valid.
          if (
            [401, 403].includes(mine.statusCode) ||
            code === 'NOT_FOUND' ||
            code === 'VALIDATION_FAILED' ||
            mine.statusCode >= 500
          )
            failures.push(`${role} denied ${key}: ${mine.statusCode} ${code}`);
        } else if (mine.statusCode !== 403 || code !== 'FORBIDDEN') {
          failures.push(`${role} not refused ${key}: ${mine.statusCode} ${code}`);
        }
        const theirs = await send(route, foreign.orgId, session.headers);
        if (theirs.statusCode !== 404 || codeOf(theirs.body) !== foreignCode(route))
          failures.push(`${role} reached foreign ${key}: ${theirs.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('holds an API token to its organisation and to the permissions it was given, below its owner’s role', async () => {
    const failures: string[] = [];
    const { tokens } = db().services;
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const secrets = new Map<string, string>();
    const tokenFor = async (role: Role, permissions: OrgPermission[]) => {
      const key = `${role}:${permissions.join(',')}`;
      if (!secrets.has(key)) {
        const created = await tokens.create(own.users[role].id, {
          orgId: own.orgId,
          name: key.slice(0, 90),
          permissions,
          expiresAt,
        });
        secrets.set(key, created.secret);
      }
      return { authorization: `Bearer ${secrets.get(key)}` };
    };
    for (const route of orgRoutes()) {
      const permission = route.permission as OrgPermission;
      const key = `${route.method} ${route.url}`;
      const role =
        ROLES.find((r) => roleGrants(r, permission) && !['admin', 'approver'].includes(r)) ??
        ROLES.find((r) => roleGrants(r, permission))!;
      const narrower = ROLE_PERMISSIONS[role].filter((p) => p !== permission);
      const denied = await send(route, own.orgId, await tokenFor(role, narrower));
      if (denied.statusCode !== 403 || codeOf(denied.body) !== 'FORBIDDEN')
        failures.push(
          `token without ${permission} not refused ${key}: ${denied.statusCode} ${codeOf(denied.body)}`,
        );
      const exact = await send(route, own.orgId, await tokenFor(role, [permission]));
      if (
        [401, 403].includes(exact.statusCode) ||
        exact.statusCode >= 500 ||
        codeOf(exact.body) === 'VALIDATION_FAILED'
      )
        failures.push(`token with ${permission} refused ${key}: ${exact.statusCode} ${codeOf(exact.body)}`);
      const elsewhere = await send(route, foreign.orgId, await tokenFor(role, [permission]));
      if (elsewhere.statusCode !== 404)
        failures.push(`token reached another organisation: ${key} → ${elsewhere.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('keeps platform, personal and public routes to the right callers', async () => {
    const failures: string[] = [];
    const viewerToken = await db().services.tokens.create(own.users.viewer.id, {
      orgId: own.orgId,
      name: 'personal-route probe',
      permissions: ['assessment:read'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    for (const route of app.appRoutes) {
      const key = `${route.method} ${route.url}`;
      if (['authenticated', 'session', 'platform:manage'].includes(route.permission)) {
        const anonymous = await send(route, own.orgId);
        if (anonymous.statusCode !== 401) failures.push(`anonymous ${key} → ${anonymous.statusCode}`);
      }
      if (route.permission === 'session') {
        // A token can never manage its owner's sessions, password, second factor or tokens.
        const viaToken = await send(route, own.orgId, { authorization: `Bearer ${viewerToken.secret}` });
        if (viaToken.statusCode !== 403)
          failures.push(`token reached personal route ${key} → ${viaToken.statusCode}`);
      }
      if (route.permission === 'platform:manage') {
        const admin = await send(route, own.orgId, sessions.get('admin')!.headers);
        if (admin.statusCode !== 403) failures.push(`org admin reached platform route ${key}`);
      }
      if (route.permission === 'public') {
        const anonymous = await send(route, own.orgId);
        if (anonymous.statusCode === 403 || anonymous.statusCode >= 500)
          failures.push(`public ${key} → ${anonymous.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
