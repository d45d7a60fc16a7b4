import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { login, type SeededOrg, seedOrganization, TEST_PASSWORD } from '../../../test/support/identity.js';
import { type App, buildApp } from './app.js';
import { loggablePath } from './logger.js';

it('strips query strings and link tokens from logged paths', () => {
  expect(loggablePath('/api/v1/questionnaire-links/abcDEF123/answers?x=1')).toBe(
    '/api/v1/questionnaire-links/[redacted]/answers',
  );
  expect(loggablePath('/q/abcDEF123')).toBe('/q/[redacted]');
  expect(loggablePath('/setup?token=secret')).toBe('/setup');
  expect(loggablePath('/api/v1/orgs/1/assessments')).toBe('/api/v1/orgs/1/assessments');
});

describeEachDatabase('what reaches the logs', (db) => {
  let app: App;
  let org: SeededOrg;
  const lines: string[] = [];

  beforeAll(async () => {
    org = await seedOrganization(db(), 'Logging Securities');
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    app = await buildApp(
      {
        config: { ...db().config, logLevel: 'info' },
        database: db().handle,
        services: db().services,
        startedAt: new Date(),
      },
      { logStream: sink },
    );
  });
  afterAll(() => app.close());

  it('never logs passwords, e-mail addresses, cookies, CSRF or link tokens', async () => {
    const session = await login(app, org.users.assessor);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: org.users.viewer.email, password: 'wrong but secret passphrase' },
    });
    const linkToken = 'L1nkT0kenThatMustNotBeLogged0123456789abcdef';
    await app.inject({ method: 'GET', url: `/api/v1/questionnaire-links/${linkToken}` });
    await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/assessments`,
      headers: session.headers,
    });
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(4);
    expect(log).toContain('/api/v1/questionnaire-links/[redacted]');
    for (const secret of [
      TEST_PASSWORD,
      'wrong but secret passphrase',
      org.users.assessor.email,
      org.users.viewer.email,
      session.csrf,
      session.cookie.split('=')[1]!,
      linkToken,
    ])
      expect(log, secret).not.toContain(secret);
  });
});
