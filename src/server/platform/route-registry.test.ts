import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { openTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import type { App } from './app.js';
import type { RegisteredRoute } from './route-permission.js';
import { enforceRoutePermissions } from './route-registry.js';

describe('route permission declarations', () => {
  it('refuses to register a route that declares no permission', async () => {
    const app = Fastify();
    const sink: RegisteredRoute[] = [];
    await expect(
      app.register(async (scope) => {
        enforceRoutePermissions(scope, sink);
        scope.get('/undeclared', async () => 'x');
      }),
    ).rejects.toThrow(/GET \/undeclared declares no permission/);
  });

  it('refuses a route that takes an id it does not declare, in its path or its body', async () => {
    for (const [url, body, ids] of [
      ['/things/:thingId', undefined, {}],
      ['/things', { type: 'object', properties: { evidenceId: { type: 'string' } } }, {}],
      [
        '/things',
        {
          type: 'object',
          properties: {
            list: { type: 'array', items: { type: 'object', properties: { userIds: { type: 'array' } } } },
          },
        },
        { body: { 'list[].evidenceId': 'evidence' } },
      ],
    ] as const) {
      const app = Fastify();
      await expect(
        app.register(async (scope) => {
          enforceRoutePermissions(scope, []);
          scope.post(
            url,
            { config: { permission: 'assessment:read', ids: ids as never }, schema: body ? { body } : {} },
            async () => 'x',
          );
        }),
      ).rejects.toThrow(
        /takes ids it does not declare: (params\.thingId|body\.evidenceId|body\.list\[\]\.userIds)/,
      );
    }
  });

  describe('in the assembled application', () => {
    let db: TestDatabase;
    let app: App;
    beforeAll(async () => {
      db = await openTestDatabase('sqlite');
      app = await createTestApp(db);
    });
    afterAll(async () => {
      await app.close();
      await db.dispose();
    });

    it('records every module route with its declared permission', () => {
      expect(app.appRoutes.length).toBeGreaterThan(0);
      for (const route of app.appRoutes)
        expect(route.permission, `${route.method} ${route.url}`).toBeTruthy();
      expect(app.appRoutes).toContainEqual(
        expect.objectContaining({ method: 'GET', url: '/healthz', permission: 'public' }),
      );
    });
  });
});
