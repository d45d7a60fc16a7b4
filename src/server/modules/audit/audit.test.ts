import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../../test/support/cli.js';
import { cliEnvFor, describeEachDatabase } from '../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';

describeEachDatabase('audit trail', (db) => {
  let org: SeededOrg;
  beforeAll(async () => {
    org = await seedOrganization(db(), 'Audit Chain Investment Trust');
    await db().services.organizations.update(org.users.admin.id, org.orgId, { require2fa: true });
  });

  it('records who, what and the before/after of each change, never secrets', async () => {
    const rows = await db().services.audit.list(org.orgId, {}, 100);
    const update = rows.find((r) => r.action === 'org.update')!;
    expect(update.actor_user_id).toBe(org.users.admin.id);
    expect(JSON.parse(update.before!)).toMatchObject({ require_2fa: 0 });
    expect(JSON.parse(update.after!)).toMatchObject({ require_2fa: 1 });
    const platform = await db().services.audit.list('platform', {}, 200);
    expect(platform.some((r) => r.action === 'auth.2fa.enable')).toBe(true);
    expect(JSON.stringify(platform)).not.toMatch(/argon2|totp_secret/);
  });

  it('verifies an untouched chain, with the CLI exiting 0', async () => {
    const [result] = await db().services.audit.verify(org.orgId);
    expect(result).toMatchObject({ broken: null });
    expect(result!.entries).toBeGreaterThan(5);
    const cli = await runCli(['audit', 'verify', '--org', org.orgId], cliEnvFor(db()));
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain(`ok ${org.orgId}`);
  });

  it('names the first altered entry, and the CLI exits non-zero', async () => {
    await sql`update audit_log set after = ${'{"role":"viewer"}'} where chain = ${org.orgId} and seq = 3`.execute(
      db().handle.db,
    );
    const [result] = await db().services.audit.verify(org.orgId);
    expect(result!.broken).toMatchObject({ seq: 3, reason: 'altered' });
    const cli = await runCli(['audit', 'verify', '--org', org.orgId], cliEnvFor(db()));
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`BROKEN ${org.orgId}: entry seq 3 id [0-9a-f-]{36} is altered`));
  });

  it('detects a deleted entry', async () => {
    const other = await seedOrganization(db(), 'Audit Deletion Futures');
    await sql`delete from audit_log where chain = ${other.orgId} and seq = 2`.execute(db().handle.db);
    const [result] = await db().services.audit.verify(other.orgId);
    expect(result!.broken).toMatchObject({ seq: 2, reason: 'missing' });
  });

  it('detects entries deleted from the end of a chain, and a chain deleted entirely', async () => {
    const tail = await seedOrganization(db(), 'Audit Tail Securities');
    const [before] = await db().services.audit.verify(tail.orgId);
    expect(before!.broken).toBeNull();
    const last = before!.entries;
    await sql`delete from audit_log where chain = ${tail.orgId} and seq = ${last}`.execute(db().handle.db);
    const [truncated] = await db().services.audit.verify(tail.orgId);
    expect(truncated!.broken).toMatchObject({ seq: last, reason: 'missing' });

    await sql`delete from audit_log where chain = ${tail.orgId}`.execute(db().handle.db);
    const everything = await db().services.audit.verify();
    expect(everything.find((r) => r.chain === tail.orgId)!.broken).toMatchObject({
      seq: 1,
      reason: 'missing',
    });
    const cli = await runCli(['audit', 'verify', '--org', tail.orgId], cliEnvFor(db()));
    expect(cli.code).toBe(1);
  });

  it('chains concurrent writes of one organisation into one verifiable sequence, each acknowledged write in it', async () => {
    const busy = await seedOrganization(db(), 'Audit Concurrency Securities');
    const [before] = await db().services.audit.verify(busy.orgId);
    const writes = 24;
    let acknowledged = 0;
    // A call returns once its change is committed (the acknowledgement): by then its entry is in the
    // chain, so the chain holds at least as many as have been acknowledged.
    await Promise.all(
      Array.from({ length: writes }, async (_, n) => {
        await db().services.organizations.update(busy.users.admin.id, busy.orgId, {
          require2fa: n % 2 === 0,
        });
        acknowledged += 1;
        const atLeast = acknowledged;
        const chained = await db().services.audit.list(busy.orgId, { action: 'org.update' }, 100);
        expect(chained.length).toBeGreaterThanOrEqual(atLeast);
      }),
    );
    const [after] = await db().services.audit.verify(busy.orgId);
    expect(after).toMatchObject({ broken: null, pending: 0 });
    expect(after!.entries - before!.entries).toBe(writes);
  });
});
