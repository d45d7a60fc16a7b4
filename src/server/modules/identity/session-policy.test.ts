import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, seedOrganization, TEST_PASSWORD } from '../../../../test/support/identity.js';
import { type App, buildApp } from '../../platform/app.js';

describeEachDatabase('session timeouts and secure cookies', (db) => {
  let app: App;
  let org: SeededOrg;
  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Session Policy Securities');
  });
  afterAll(() => app.close());

  const sessionsUrl = '/api/v1/me/sessions';
  const age = async (column: 'last_seen_at' | 'expires_at', iso: string) =>
    sql`update user_session set ${sql.ref(column)} = ${iso}`.execute(db().handle.db);

  it('ends a session idle for longer than the idle timeout', async () => {
    const session = await login(app, org.users.assessor);
    expect((await app.inject({ method: 'GET', url: sessionsUrl, headers: session.headers })).statusCode).toBe(
      200,
    );
    const idleMinutes = db().config.session.idleMinutes;
    await age('last_seen_at', new Date(Date.now() - (idleMinutes + 1) * 60_000).toISOString());
    expect((await app.inject({ method: 'GET', url: sessionsUrl, headers: session.headers })).statusCode).toBe(
      401,
    );
  });

  it('ends a session past its absolute lifetime, however active', async () => {
    const session = await login(app, org.users.assessor);
    await age('expires_at', new Date(Date.now() - 1_000).toISOString());
    expect((await app.inject({ method: 'GET', url: sessionsUrl, headers: session.headers })).statusCode).toBe(
      401,
    );
  });

  it('marks the cookie Secure behind TLS (a trusted proxy saying https), and not on plain http', async () => {
    const behindProxy = await buildApp(
      {
        config: { ...db().config, trustProxy: true },
        database: db().handle,
        services: db().services,
        startedAt: new Date(),
      },
      { logger: false },
    );
    try {
      const viaHttps = await behindProxy.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: org.users.viewer.email, password: TEST_PASSWORD },
      });
      expect(viaHttps.cookies.find((c) => c.name === 'jianhe_session')).toMatchObject({ secure: true });
      const plain = await behindProxy.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: org.users.viewer.email, password: TEST_PASSWORD },
      });
      expect(plain.cookies.find((c) => c.name === 'jianhe_session')!.secure).toBeFalsy();
    } finally {
      await behindProxy.close();
    }
  });
});
