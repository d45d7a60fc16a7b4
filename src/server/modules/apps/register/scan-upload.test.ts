import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../../test/support/app.js';
import { runCli } from '../../../../../test/support/cli.js';
import { openTestDatabase, type TestDatabase } from '../../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../../test/support/identity.js';
import type { App } from '../../../platform/app.js';

const fixture = (name: string) =>
  new URL(`../../../../../test/fixtures/apps/${name}`, import.meta.url).pathname;

/** `jianhe app scan --upload` against a real server over HTTP, with a real API token. */
describe('jianhe app scan --upload', () => {
  let db: TestDatabase;
  let app: App;
  let url: string;
  let org: SeededOrg;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    app = await createTestApp(db);
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    org = await seedOrganization(db, 'Upload Securities');
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    for (const bundleId of ['com.example.debuggable', 'com.example.clean'])
      await db.services.appRegister.apps.create(actor, {
        name: bundleId,
        platforms: ['android'],
        bundleId,
        vendorKind: 'in_house',
      });
    const token = await db.services.tokens.create(org.users.assessor.id, {
      orgId: org.orgId,
      name: 'ci',
      permissions: ['app:write', 'app:read'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    env = { JIANHE_URL: url, JIANHE_TOKEN: token.secret };
  });
  afterAll(async () => {
    await app.close();
    await db.dispose();
  });

  it('files a blocked debuggable build and a passing clean one, exit codes still the gate', async () => {
    const blocked = await runCli(
      [
        'app',
        'scan',
        fixture('debuggable.apk'),
        '--format',
        'json',
        '--fail-on',
        'high',
        '--upload',
        '--org',
        org.orgId,
        '--app',
        'com.example.debuggable',
      ],
      env,
    );
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(
      /uploaded: release 3\.2\.1 \(321\) .* gate blocked, evidence [0-9a-f-]{36}/,
    );
    expect(JSON.parse(blocked.stdout).findings[0].ruleId).toBe('android-debuggable');

    const passed = await runCli(
      [
        'app',
        'scan',
        fixture('clean.apk'),
        '--fail-on',
        'high',
        '-o',
        '/dev/null',
        '--upload',
        '--org',
        org.orgId,
        '--app',
        'com.example.clean',
      ],
      env,
    );
    expect(passed.code).toBe(0);
    expect(passed.stderr).toContain('gate scanned');

    const { apps, releases } = db.services.appRegister;
    const [registered] = await apps.list(org.orgId, 10, undefined, 'com.example.debuggable');
    const [release] = await releases.list(org.orgId, registered!.id, 10);
    expect(release).toMatchObject({ appVersion: '3.2.1', buildNumber: '321', gate: 'blocked' });
    expect(release!.scanEvidenceId).not.toBeNull();
  }, 120_000);

  it('refuses clearly: a wrong token, an unknown app, plain http to another host, missing settings', async () => {
    const args = [
      'app',
      'scan',
      fixture('clean.apk'),
      '-o',
      '/dev/null',
      '--upload',
      '--org',
      org.orgId,
      '--app',
    ];
    // Four CLI processes at once: each start-up is seconds on a busy machine.
    const [badToken, unknown, cleartext, missing] = await Promise.all([
      runCli([...args, 'com.example.clean'], { ...env, JIANHE_TOKEN: 'jh_wrong' }),
      runCli([...args, 'com.example.unknown'], env),
      runCli([...args, 'com.example.clean'], { ...env, JIANHE_URL: 'http://jianhe.example' }),
      runCli([...args, 'com.example.clean'], { JIANHE_URL: '', JIANHE_TOKEN: '' }),
    ]);
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toContain('upload failed: 401');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no app with package name com.example.unknown');
    expect(cleartext.code).toBe(2);
    expect(cleartext.stderr).toContain('must be https://');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('JIANHE_URL and JIANHE_TOKEN');
  }, 120_000);
});
