import { afterAll, beforeAll, expect, it } from 'vitest';
import { days, TestCa } from '../../../../test/support/certificates.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import { type Running, startHttpServer, startHttpsServer } from '../../../../test/support/tls-servers.js';
import { Tenants } from '../../db/tenancy/tenant-scope.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { CERTIFICATE_EXPIRING, CHECK_JOB } from './check-jobs.js';
import { tlsProfile } from './domain/tls-profile.js';

/**
 * The scheduled path end to end: the `endpoint-checks` job of the one scheduler runs every endpoint whose
 * own schedule has come, attaches each run as evidence to items 7 and 22 of the draft assessment, and a
 * certificate near expiry tells the endpoint's owner through the notification outbox, once.
 */
describeEachDatabase('scheduled endpoint checks', (db) => {
  let org: SeededOrg;
  let assessmentId: string;
  const servers: Running[] = [];
  const ids: Record<'sound' | 'expired' | 'soon', string> = { sound: '', expired: '', soon: '' };

  beforeAll(async () => {
    org = await seedOrganization(db(), 'Scheduled Checks Securities');
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const ca = await TestCa.create();
    const tls = {
      minVersion: 'TLSv1.2' as const,
      ciphers: tlsProfile('intermediate').rules.ciphers.openssl.join(':'),
    };
    const hsts = 'max-age=63072000';
    const redirect = await startHttpServer('https://localhost/');
    const sound = await startHttpsServer({ issued: await ca.issue(), tls, hsts });
    const expired = await startHttpsServer({
      issued: await ca.issue({ notBefore: days(-60), notAfter: days(-1) }),
      tls,
      hsts,
    });
    const soon = await startHttpsServer({
      issued: await ca.issue({ notBefore: days(-60), notAfter: days(10) }),
      tls,
      hsts,
    });
    servers.push(redirect, sound, expired, soon);
    const provider = await db().services.providers.providers.create(actor, {
      name: 'Scheduled Cloud',
      serviceModels: ['SaaS'],
      critical: true,
    });
    assessmentId = (
      await db().services.assessments.lifecycle.create(actor, {
        catalogRef: CATALOG_REF,
        name: 'Scheduled',
        period: '2026',
      })
    ).id;
    for (const [name, server] of [
      ['sound', sound],
      ['expired', expired],
      ['soon', soon],
    ] as const)
      ids[name] = (
        await db().services.checks.endpoints.create(actor, {
          providerId: provider.id,
          purpose: name,
          host: 'localhost',
          port: server.port,
          kind: 'tls',
          httpPort: redirect.port,
          trustedCaPem: ca.cert,
          supportedItems: ['item-7', 'item-22'],
          ownerUserId: org.users.reviewer.id,
        })
      ).id;
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('the scheduler runs what is due, attaches evidence to items 7 and 22, and tells the owner of a near expiry', async () => {
    const { scheduler, checks, assessments } = db().services;
    const tick = await scheduler.runNow(CHECK_JOB);
    expect(tick.failed).toBe(0);

    const latest = async (id: string) => (await checks.endpoints.getWithLatest(org.orgId, id)).latest;
    expect((await latest(ids.sound))?.verdict).not.toBe('fail');
    expect((await latest(ids.expired))?.verdict).toBe('fail');
    expect((await latest(ids.soon))?.verdict).toBe('warn');
    const runs = await Promise.all(Object.values(ids).map((id) => checks.runs.listRuns(org.orgId, id, 10)));
    expect(runs.map((r) => r.map((x) => x.trigger))).toEqual([['scheduled'], ['scheduled'], ['scheduled']]);

    const { items } = await assessments.insights.load(org.orgId, assessmentId);
    for (const itemId of ['item-7', 'item-22']) {
      const attached = items.find((e) => e.item.item_id === itemId)!.evidence.map((e) => e.row.source_ref);
      expect(attached.sort()).toEqual(runs.map((r) => r[0]!.id).sort());
    }

    const inbox = async () =>
      new NotificationsRepository(db().handle.db, db().handle.kind).listNotifications(
        new Tenants(db().handle.db).scope(org.orgId),
        org.users.reviewer.id,
        20,
      );
    const notices = (await inbox()).filter((n) => n.kind === CERTIFICATE_EXPIRING);
    // The expired certificate and the one expiring in 10 days: each told once.
    const told = notices.map(
      (n) => JSON.parse(n.payload) as { title: string; data: { purpose: string; daysToExpiry: number } },
    );
    expect(told.map((p) => [p.data.purpose, p.data.daysToExpiry]).sort()).toEqual([
      ['expired', -2],
      ['soon', 9],
    ]);
    expect(told.map((p) => p.title).sort()).toEqual([
      expect.stringContaining('憑證 9 天後到期：soon'),
      expect.stringContaining('憑證已過期：expired'),
    ]);

    // Nothing is due again in this pass; a run now of the same endpoint does not tell the owner twice.
    expect((await scheduler.runNow(CHECK_JOB)).failed).toBe(0);
    await checks.runs.runNow({ orgId: org.orgId, userId: org.users.assessor.id }, ids.soon);
    expect((await inbox()).filter((n) => n.kind === CERTIFICATE_EXPIRING)).toHaveLength(2);
    expect((await checks.runs.listRuns(org.orgId, ids.sound, 10)).length).toBe(1);
  });

  it('a failing rule opens one remediation item for the endpoint, which a later failing run updates', async () => {
    const { remediation, checks } = db().services;
    const fromChecks = async () =>
      (await remediation.items.list(org.orgId, { sourceKind: 'check' }, 50)).items.filter((i) =>
        i.source.id?.startsWith(`${ids.expired}:`),
      );
    const opened = await fromChecks();
    // The expired certificate fails at least the certificate rule; the sound endpoint opens nothing.
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((i) => i.status === 'open' && i.ownerId === org.users.reviewer.id)).toBe(true);
    expect(opened.map((i) => i.source.link)).toContain(`/orgs/${org.orgId}/checks/endpoints/${ids.expired}`);
    expect(
      (await remediation.items.list(org.orgId, { sourceKind: 'check' }, 50)).items.filter((i) =>
        i.source.id?.startsWith(`${ids.sound}:`),
      ),
    ).toEqual([]);

    // The same failure again: the same items, none added.
    await checks.runs.runNow({ orgId: org.orgId, userId: org.users.assessor.id }, ids.expired);
    expect((await fromChecks()).map((i) => i.id).sort()).toEqual(opened.map((i) => i.id).sort());
  });
});
