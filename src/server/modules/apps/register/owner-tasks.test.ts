import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../../test/support/databases.js';
import {
  createMember,
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
} from '../../../../../test/support/identity.js';
import type { App } from '../../../platform/app.js';
import { ownerChangeCloses } from './domain/owner-tasks.js';

describe('which owner change closes an owner task', () => {
  const departed = 'member-who-left';
  it('another owner closes both kinds; the same member again only confirms; no owner closes neither', () => {
    for (const kind of ['reassign_owner', 'confirm_owner'])
      expect(ownerChangeCloses({ kind, member_user_id: departed }, 'someone-else')).toBe(true);
    expect(ownerChangeCloses({ kind: 'confirm_owner', member_user_id: departed }, departed)).toBe(true);
    expect(ownerChangeCloses({ kind: 'reassign_owner', member_user_id: departed }, departed)).toBe(false);
    expect(ownerChangeCloses({ kind: 'confirm_owner', member_user_id: departed }, null)).toBe(false);
  });
});

interface TaskDto {
  id: string;
  subjectId: string;
  subjectLabel: string;
  kind: string;
  memberUserId: string;
  reason: string;
  status: string;
  doneEventId: string | null;
}

describeEachDatabase('app register: owner left or changed role', (db) => {
  let app: App;
  let org: SeededOrg;
  let other: SeededOrg;
  let admin: Session;
  let assessor: Session;
  let viewer: Session;
  let otherAdmin: Session;
  let otherAssessor: Session;
  const apps = (o: SeededOrg) => `/api/v1/orgs/${o.orgId}/apps`;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'App Owner Securities');
    other = await seedOrganization(db(), 'App Owner Other Futures');
    admin = await login(app, org.users.admin);
    assessor = await login(app, org.users.assessor);
    viewer = await login(app, org.users.viewer);
    otherAdmin = await login(app, other.users.admin);
    otherAssessor = await login(app, other.users.assessor);
  });
  afterAll(() => app.close());

  const createApp = async (
    session: Session,
    o: SeededOrg,
    bundleId: string,
    ownerUserId: string,
  ): Promise<{ id: string; version: number }> => {
    const response = await app.inject({
      method: 'POST',
      url: apps(o),
      headers: session.headers,
      payload: { name: `App ${bundleId}`, platforms: ['ios'], bundleId, vendorKind: 'in_house', ownerUserId },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const patchApp = (appId: string, version: number, payload: Record<string, unknown>) =>
    app.inject({
      method: 'PATCH',
      url: `${apps(org)}/${appId}`,
      headers: assessor.headers,
      payload: { version, ...payload },
    });
  const member = (session: Session, o: SeededOrg, userId: string, change?: Record<string, unknown>) =>
    app.inject({
      method: change ? 'PATCH' : 'DELETE',
      url: `/api/v1/orgs/${o.orgId}/members/${userId}`,
      headers: session.headers,
      ...(change ? { payload: change } : {}),
    });
  const tasks = async (status?: 'open' | 'done'): Promise<TaskDto[]> => {
    const response = await app.inject({
      url: `${apps(org)}/tasks${status ? `?status=${status}` : ''}`,
      headers: viewer.headers,
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const tasksOn = async (appId: string, status?: 'open' | 'done') =>
    (await tasks(status)).filter((t) => t.subjectId === appId);

  it('an owner who leaves gets one reassign task for exactly their app; a new owner closes it', async () => {
    const leaver = await createMember(db(), org.orgId, { email: 'leaver@apptasks.test', role: 'viewer' });
    const stayer = await createMember(db(), org.orgId, { email: 'stayer@apptasks.test', role: 'viewer' });
    const theirs = await createApp(assessor, org, 'tw.example.leaver', leaver.id);
    const kept = await createApp(assessor, org, 'tw.example.stayer', stayer.id);
    // A device they hold gets its own task in the device register, not in this list.
    const device = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org.orgId}/devices`,
      headers: assessor.headers,
      payload: {
        name: 'leaver-phone',
        type: 'phone',
        platform: 'ios',
        ownership: 'company',
        holderUserId: leaver.id,
        handlesSensitive: true,
        connectsDirectly: true,
      },
    });
    expect(device.statusCode).toBe(201);
    expect((await member(admin, org, leaver.id)).statusCode).toBe(204);

    const open = await tasks('open');
    expect(open.filter((t) => t.memberUserId === leaver.id)).toEqual([
      expect.objectContaining({
        subjectId: theirs.id,
        subjectLabel: 'App tw.example.leaver · tw.example.leaver',
        kind: 'reassign_owner',
        reason: 'removed',
        status: 'open',
      }),
    ]);
    expect(open.some((t) => t.subjectId === kept.id || t.memberUserId === stayer.id)).toBe(false);

    // The departed member is no longer a member: setting them again is refused and closes nothing.
    const again = await patchApp(theirs.id, theirs.version, { ownerUserId: leaver.id });
    expect(again.statusCode).toBe(404);
    expect(await tasksOn(theirs.id, 'open')).toHaveLength(1);

    const reassigned = await patchApp(theirs.id, theirs.version, { ownerUserId: stayer.id });
    expect(reassigned.statusCode).toBe(200);
    const [done] = await tasksOn(theirs.id);
    expect(done).toMatchObject({ status: 'done', doneEventId: theirs.id });
    const row = await db().services.registers.tasks.get(org.orgId, done!.id);
    expect(row).toMatchObject({ status: 'done', done_by: org.users.assessor.id });
    const audit = await db().services.audit.list(org.orgId, { action: 'register_task.done' }, 100);
    expect(audit.some((e) => e.target_id === done!.id)).toBe(true);
  });

  it('a role or department change asks to confirm the owner; only an owner change answers it', async () => {
    const owner = await createMember(db(), org.orgId, { email: 'promoted@apptasks.test', role: 'viewer' });
    const mobile = await createApp(assessor, org, 'tw.example.promoted', owner.id);
    expect((await member(admin, org, owner.id, { role: 'auditor' })).statusCode).toBe(204);
    expect(await tasksOn(mobile.id, 'open')).toEqual([
      expect.objectContaining({ kind: 'confirm_owner', reason: 'role_changed', memberUserId: owner.id }),
    ]);

    // A change that does not set the owner, a refused stale update, and clearing the owner leave it open.
    const renamed = await patchApp(mobile.id, mobile.version, { notes: 'still theirs?' });
    expect(renamed.statusCode).toBe(200);
    const stale = await patchApp(mobile.id, mobile.version, { ownerUserId: owner.id });
    expect(stale.statusCode).toBe(409);
    const cleared = await patchApp(mobile.id, renamed.json().version, { ownerUserId: null });
    expect(cleared.statusCode).toBe(200);
    expect(await tasksOn(mobile.id, 'open')).toHaveLength(1);

    // The same member set again confirms them.
    const confirmed = await patchApp(mobile.id, cleared.json().version, { ownerUserId: owner.id });
    expect(confirmed.statusCode).toBe(200);
    expect(await tasksOn(mobile.id, 'open')).toHaveLength(0);
    expect(await tasksOn(mobile.id, 'done')).toEqual([
      expect.objectContaining({ kind: 'confirm_owner', doneEventId: mobile.id }),
    ]);

    expect((await member(admin, org, owner.id, { department: '數位金融部' })).statusCode).toBe(204);
    expect(await tasksOn(mobile.id, 'open')).toEqual([
      expect.objectContaining({ kind: 'confirm_owner', reason: 'department_changed' }),
    ]);
  });

  it('a member who left and was invited back, set as owner again, does not answer the reassign task', async () => {
    const email = 'returner@apptasks.test';
    const returner = await createMember(db(), org.orgId, { email, role: 'viewer' });
    const mobile = await createApp(assessor, org, 'tw.example.returner', returner.id);
    expect((await member(admin, org, returner.id)).statusCode).toBe(204);
    const sent = await db().services.invitations.invite(
      org.users.admin.id,
      org.orgId,
      { email, role: 'viewer' },
      'https://jianhe.example',
    );
    const token = sent.link!.split('/invite/')[1]!;
    await db().services.invitations.acceptAs({ userId: returner.id, email }, { token });

    // A member again, so the owner check lets them through; the departure still needs a new owner.
    const same = await patchApp(mobile.id, mobile.version, { ownerUserId: returner.id });
    expect(same.statusCode).toBe(200);
    expect(await tasksOn(mobile.id, 'open')).toEqual([
      expect.objectContaining({ kind: 'reassign_owner', memberUserId: returner.id }),
    ]);
  });

  it("another organisation's tasks are not listed, and its path answers 404 NOT_FOUND", async () => {
    const theirOwner = await createMember(db(), other.orgId, {
      email: 'foreign-owner@apptasks.test',
      role: 'viewer',
    });
    const theirs = await createApp(otherAssessor, other, 'tw.example.foreign', theirOwner.id);
    expect((await member(otherAdmin, other, theirOwner.id)).statusCode).toBe(204);

    const own = await tasks();
    expect(own.some((t) => t.subjectId === theirs.id || t.memberUserId === theirOwner.id)).toBe(false);
    const foreign = await app.inject({ url: `${apps(other)}/tasks`, headers: viewer.headers });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    // Their own path lists their task.
    const listed = await app.inject({ url: `${apps(other)}/tasks?status=open`, headers: otherAdmin.headers });
    expect(listed.json().map((t: TaskDto) => t.subjectId)).toEqual([theirs.id]);
  });
});
