import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { runCli } from '../../../test/support/cli.js';
import { cliEnvFor, describeEachDatabase } from '../../../test/support/databases.js';
import { login, loginPlatformAdmin, seedOrganization } from '../../../test/support/identity.js';
import type { App } from '../platform/app.js';

/** Operators see and run jobs from the CLI; platform administrators through the API, nobody else. */
describeEachDatabase('jianhe jobs and /api/v1/platform/jobs', (db) => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp(db());
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the registered jobs with their Asia/Taipei schedules and runs one by name', {
    timeout: 120_000,
  }, async () => {
    const env = cliEnvFor(db());
    const run = await runCli(['jobs', 'run', 'due-reminders'], env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ran \d+ job\(s\), 0 failed/);
    const list = await runCli(['jobs', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /^due-reminders {2}"0 8 \* \* \*" Asia\/Taipei {2}next \S+T00:00:00\.000Z {2}last \S+ done/m,
    );
    expect(list.stdout).toMatch(/^mail-outbox {2}"\* \* \* \* \*" Asia\/Taipei/m);
    const unknown = await runCli(['jobs', 'run', 'no-such-job'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no job no-such-job');
  });

  it('shows jobs to a platform administrator and runs one, audited', async () => {
    const org = await seedOrganization(db(), `Jobs Securities ${db().handle.kind}`);
    const member = await login(app, org.users.admin);
    const denied = await app.inject({ method: 'GET', url: '/api/v1/platform/jobs', headers: member.headers });
    expect(denied.statusCode).toBe(403);
    const admin = await loginPlatformAdmin(app, db(), `ops.${db().handle.kind}@example.test`);
    const ran = await app.inject({
      method: 'POST',
      url: '/api/v1/platform/jobs/mail-outbox/run',
      headers: admin.headers,
    });
    expect(ran.statusCode).toBe(200);
    expect(ran.json()).toMatchObject({ failed: 0 });
    const listed = await app.inject({ method: 'GET', url: '/api/v1/platform/jobs', headers: admin.headers });
    const outbox = listed.json().jobs.find((j: { name: string }) => j.name === 'mail-outbox');
    expect(outbox).toMatchObject({ pattern: '* * * * *', lastStatus: 'done' });
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/platform/jobs/nope/run', headers: admin.headers }))
        .statusCode,
    ).toBe(404);
    const trail = await db().services.audit.list('platform', { action: 'job.run' }, 10);
    expect(trail.map((e) => e.target_id)).toContain('mail-outbox');
  });
});
