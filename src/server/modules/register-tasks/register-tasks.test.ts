import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { createMember, login, type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { App } from '../../platform/app.js';
import type { MemberDeparture, MemberDepartureListener } from './member-departure.js';

/**
 * A register of its own for this test: it holds "badges" per member in memory and asks for one task per
 * badge. It stands in for devices and social accounts, which implement the same port.
 */
class BadgeRegister implements MemberDepartureListener {
  readonly register = 'test_badge';
  readonly badges = new Map<string, string[]>();
  failNext = false;
  seen: MemberDeparture[] = [];

  async onMemberDeparted(_t: TenantScope, departure: MemberDeparture) {
    this.seen.push(departure);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('badge register unavailable');
    }
    return (this.badges.get(departure.memberUserId) ?? []).map((id) => ({
      subjectId: id,
      subjectLabel: `Badge ${id.slice(0, 4)}`,
      kind: departure.reason === 'removed' ? 'revoke' : 'reissue',
    }));
  }
}

describeEachDatabase('register tasks: member left or changed role', (db) => {
  let app: App;
  let org: SeededOrg;
  let other: SeededOrg;
  let admin: Awaited<ReturnType<typeof login>>;
  const badges = new BadgeRegister();

  beforeAll(async () => {
    db().services.registers.departures.add(badges);
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Register Tasks Securities');
    other = await seedOrganization(db(), 'Register Tasks Other Futures');
    admin = await login(app, org.users.admin);
  });
  afterAll(() => app.close());

  const member = async (email: string) => {
    const created = await createMember(db(), org.orgId, { email, role: 'viewer' });
    const held = [randomUUID(), randomUUID()];
    badges.badges.set(created.id, held);
    return { id: created.id, held };
  };
  const patch = (userId: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${org.orgId}/members/${userId}`,
      headers: admin.headers,
      payload,
    });
  const openFor = async (memberUserId: string) =>
    (await db().services.registers.tasks.list(org.orgId, { status: 'open' }, 100)).filter(
      (t) => t.member_user_id === memberUserId,
    );

  it('a department change raises one task per record the member holds, audited, once', async () => {
    const m = await member('dept-change@tasks.test');
    expect((await patch(m.id, { department: '資訊部' })).statusCode).toBe(204);
    let tasks = await openFor(m.id);
    expect(tasks.map((t) => t.subject_id).sort()).toEqual([...m.held].sort());
    expect(tasks[0]).toMatchObject({ register: 'test_badge', kind: 'reissue', reason: 'department_changed' });
    expect(JSON.parse(tasks[0]!.detail)).toEqual({
      before: { role: 'viewer', department: null },
      after: { role: 'viewer', department: '資訊部' },
    });
    // Another change while the tasks are open does not pile up duplicates; no change raises nothing.
    expect((await patch(m.id, { department: '稽核室' })).statusCode).toBe(204);
    expect((await patch(m.id, { department: '稽核室' })).statusCode).toBe(204);
    tasks = await openFor(m.id);
    expect(tasks).toHaveLength(2);
    const members = await app.inject({ url: `/api/v1/orgs/${org.orgId}/members`, headers: admin.headers });
    expect(members.json().find((x: { userId: string }) => x.userId === m.id).department).toBe('稽核室');

    const audit = await db().services.audit.list(org.orgId, { action: 'register_task.raise' }, 100);
    expect(audit.filter((e) => tasks.some((t) => t.id === e.target_id))).toHaveLength(2);
  });

  it('removing a member and changing a role raise tasks with their reason', async () => {
    const removed = await member('removed@tasks.test');
    const promoted = await member('promoted@tasks.test');
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/orgs/${org.orgId}/members/${removed.id}`,
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(204);
    expect((await patch(promoted.id, { role: 'auditor' })).statusCode).toBe(204);
    expect((await openFor(removed.id)).map((t) => [t.kind, t.reason])).toEqual([
      ['revoke', 'removed'],
      ['revoke', 'removed'],
    ]);
    expect((await openFor(promoted.id)).every((t) => t.reason === 'role_changed')).toBe(true);
  });

  it('a register that fails leaves the membership unchanged (tasks and change commit together)', async () => {
    const m = await member('rollback@tasks.test');
    badges.failNext = true;
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/v1/orgs/${org.orgId}/members/${m.id}`,
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(500);
    const members = await db().services.organizations.members(org.orgId);
    expect(members.some((x) => x.id === m.id)).toBe(true);
    expect(await openFor(m.id)).toHaveLength(0);
  });

  it('closes a task only with the event that did the work, once, for its own subject', async () => {
    const m = await member('complete@tasks.test');
    expect((await patch(m.id, { role: 'reviewer' })).statusCode).toBe(204);
    const [task] = await openFor(m.id);
    const actor = { orgId: org.orgId, userId: org.users.admin.id };
    const eventId = randomUUID();
    const tasks = db().services.registers.tasks;
    // As a register does: the task closes inside the transaction that records its event.
    const complete = (orgId: string, subjectId: string) =>
      TenantScope.of(db().handle.db, orgId).transaction((t) =>
        tasks.completeWithin(t, actor, task!.id, { register: 'test_badge', subjectId, eventId }),
      );
    await expect(complete(org.orgId, randomUUID())).rejects.toMatchObject({
      code: 'REGISTER_TASK_OTHER_SUBJECT',
    });
    expect(await complete(org.orgId, task!.subject_id)).toMatchObject({
      status: 'done',
      done_event_id: eventId,
      done_by: actor.userId,
    });
    expect((await tasks.get(org.orgId, task!.id)).status).toBe('done');
    await expect(complete(org.orgId, task!.subject_id)).rejects.toMatchObject({
      code: 'REGISTER_TASK_NOT_OPEN',
    });
    // Another organisation's scope does not see the task at all.
    await expect(tasks.get(other.orgId, task!.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(complete(other.orgId, task!.subject_id)).rejects.toMatchObject({
      code: 'REGISTER_TASK_NOT_FOUND',
    });
  });

  it('a PATCH with neither role nor department is a 400', async () => {
    const m = await member('empty-patch@tasks.test');
    expect((await patch(m.id, {})).statusCode).toBe(400);
  });
});
