import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { runCli } from '../../../../test/support/cli.js';
import { cliEnvFor, describeEachDatabase } from '../../../../test/support/databases.js';
import {
  createMember,
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
} from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../../test/fixtures/devices');

describeEachDatabase('device register: lifecycle, member departure, personal data, CLI', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let viewer: Session;
  const base = () => `/api/v1/orgs/${org.orgId}/devices`;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Device Lifecycle Securities');
    assessor = await login(app, org.users.assessor);
    viewer = await login(app, org.users.viewer);
  });
  afterAll(() => app.close());

  const newDevice = (holderUserId: string, name: string, ownership = 'company') =>
    app.inject({
      method: 'POST',
      url: base(),
      headers: assessor.headers,
      payload: {
        name,
        type: 'phone',
        platform: 'android',
        ownership,
        holderUserId,
        holderName: '王小明',
        holderPhone: '+886912000111',
        serialNumber: `SN-${name}`,
        imei: '356789101234599',
        handlesSensitive: true,
        connectsDirectly: true,
        posture: { storage_encryption: 'pass', jailbreak: 'fail' },
      },
    });

  it('a member who leaves or changes department gets one task per device; only the matching event closes it', async () => {
    const holder = await createMember(db(), org.orgId, { email: 'holder@lifecycle.test', role: 'viewer' });
    const company = (await newDevice(holder.id, 'company-phone')).json();
    const own = (await newDevice(holder.id, 'own-phone', 'byod')).json();
    await db().services.organizations.updateMember(org.users.admin.id, org.orgId, holder.id, {
      department: '業務部',
    });
    const tasks = (await app.inject({ url: `${base()}/tasks?status=open`, headers: viewer.headers })).json();
    expect(tasks.map((t: { subjectId: string; kind: string }) => [t.subjectId, t.kind]).sort()).toEqual(
      [
        [company.id, 'reprovision'],
        [own.id, 'wipe'],
      ].sort(),
    );
    const task = tasks.find((t: { subjectId: string }) => t.subjectId === company.id);
    const event = (kind: string, deviceId: string) =>
      app.inject({
        method: 'POST',
        url: `${base()}/${deviceId}/events`,
        headers: assessor.headers,
        payload: { kind, occurredOn: '2026-12-01', personName: 'IT 王', taskId: task.id },
      });
    expect((await event('wipe', company.id)).json().code).toBe('DEVICE_TASK_KIND_MISMATCH');
    expect((await event('reprovision', own.id)).json().code).toBe('REGISTER_TASK_OTHER_SUBJECT');
    const done = await event('reprovision', company.id);
    expect(done.statusCode).toBe(201);
    const detail = (await app.inject({ url: `${base()}/${company.id}`, headers: assessor.headers })).json();
    expect(detail.tasks[0]).toMatchObject({ status: 'done', doneEventId: done.json().id });
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['reprovision']);
    // A refused event leaves no event behind (the event and the task close together).
    const other = (await app.inject({ url: `${base()}/${own.id}`, headers: assessor.headers })).json();
    expect(other.events).toEqual([]);
  });

  it('personal data is shown only with device:personal, and the privacy export masks it for everyone', async () => {
    const holder = await createMember(db(), org.orgId, { email: 'privacy@lifecycle.test', role: 'viewer' });
    const created = (await newDevice(holder.id, 'privacy-phone')).json();
    expect(created).toMatchObject({
      holderName: '王小明',
      imei: '356789101234599',
      personalDataMasked: false,
    });
    const seen = (await app.inject({ url: `${base()}/${created.id}`, headers: viewer.headers })).json()
      .device;
    expect(seen).toMatchObject({
      holderName: '王**',
      holderPhone: '*********0111',
      imei: '***********4599',
      serialNumber: '************HONE',
      personalDataMasked: true,
    });
    const privacy = await app.inject({ url: `${base()}/export?lang=en`, headers: assessor.headers });
    expect(privacy.body).toContain('王**');
    expect(privacy.body).not.toContain('356789101234599');
    expect((await app.inject({ url: `${base()}/export/full`, headers: viewer.headers })).statusCode).toBe(
      403,
    );
    const full = await app.inject({ url: `${base()}/export/full?lang=en`, headers: assessor.headers });
    expect(full.body).toContain('356789101234599');
    // Personal data stays out of the audit trail.
    const trail = JSON.stringify(await db().services.audit.list(org.orgId, {}, 200));
    expect(trail).not.toContain('王小明');
    expect(trail).not.toContain('356789101234599');
  });

  it('a stale update is 409 VERSION_CONFLICT with the device in its public form', async () => {
    const holder = await createMember(db(), org.orgId, { email: 'stale@lifecycle.test', role: 'viewer' });
    const created = (await newDevice(holder.id, 'stale-phone')).json();
    const put = (version: number, name: string) =>
      app.inject({
        method: 'PUT',
        url: `${base()}/${created.id}`,
        headers: assessor.headers,
        payload: {
          name,
          type: 'phone',
          platform: 'android',
          ownership: 'company',
          handlesSensitive: true,
          connectsDirectly: true,
          version,
        },
      });
    expect((await put(1, 'renamed')).statusCode).toBe(200);
    const stale = await put(1, 'again');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details.current).toMatchObject({ id: created.id, name: 'renamed', version: 2 });
    expect(stale.json().details.current).not.toHaveProperty('org_id');
  });

  it('jianhe devices import detects the source, prints counts and per-row errors, and --dry-run changes nothing', async () => {
    const env = cliEnvFor(db());
    const dry = await runCli(
      ['devices', 'import', '--org', org.orgId, '--dry-run', path.join(FIXTURES, 'fleet.csv')],
      env,
    );
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('source: fleet');
    expect(dry.stdout).toContain('added: 2, updated: 0, flagged: 0');
    const applied = await runCli(
      [
        'devices',
        'import',
        '--org',
        'Device Lifecycle Securities',
        '--source',
        'fleet',
        path.join(FIXTURES, 'fleet.csv'),
      ],
      env,
    );
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Applied.');
    const again = await runCli(
      ['devices', 'import', '--org', org.orgId, path.join(FIXTURES, 'fleet.csv')],
      env,
    );
    expect(again.stdout).toContain('added: 0, updated: 2, flagged: 0');
    const wrong = await runCli(
      ['devices', 'import', '--org', org.orgId, '--source', 'jamf', path.join(FIXTURES, 'fleet.csv')],
      env,
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('TABLE_SOURCE_UNRECOGNISED');
    // Four CLI processes, each starting the program from source.
  }, 180_000);
});
