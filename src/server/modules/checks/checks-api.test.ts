import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { days, TestCa } from '../../../../test/support/certificates.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import { type Running, startHttpServer, startHttpsServer } from '../../../../test/support/tls-servers.js';
import type { App } from '../../platform/app.js';
import { AssessmentsRepository } from '../assessments/assessments.repository.js';
import { todayInTaipei } from '../providers/domain/calendar-date.js';
import { createCheckServices } from './checks.module.js';
import { tlsProfile } from './domain/tls-profile.js';

/**
 * Registered endpoints against real TLS servers on loopback, through the API and the scheduler's entry
 * point: every run is stored with its observations and attached as evidence to the items the endpoint
 * supports in the draft assessment, valid until its next scheduled run.
 */

const SOUND_TLS = {
  minVersion: 'TLSv1.2' as const,
  ciphers: tlsProfile('intermediate').rules.ciphers.openssl.join(':'),
};
const HSTS = 'max-age=63072000';

describeEachDatabase('check endpoints, runs and evidence', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let viewer: Session;
  let ca: TestCa;
  let providerId: string;
  let assessmentId: string;
  const servers: Running[] = [];
  let sound: Running;
  let expired: Running;
  let redirect: Running;

  const url = (path: string) => `/api/v1/orgs/${org.orgId}${path}`;
  const register = (session: Session, body: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: url('/check-endpoints'),
      headers: session.headers,
      payload: {
        providerId,
        purpose: 'API',
        host: 'localhost',
        kind: 'tls',
        supportedItems: ['item-7', 'item-22'],
        trustedCaPem: ca.cert,
        httpPort: redirect.port,
        ...body,
      },
    });
  const itemEvidence = async () => {
    const { items } = await db().services.assessments.insights.load(org.orgId, assessmentId);
    return new Map(items.map((e) => [e.item.item_id, e.evidence.map((x) => x.row)]));
  };

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Checks Securities');
    assessor = await login(app, org.users.assessor);
    viewer = await login(app, org.users.viewer);
    ca = await TestCa.create();
    redirect = await startHttpServer('https://localhost/');
    sound = await startHttpsServer({ issued: await ca.issue(), tls: SOUND_TLS, hsts: HSTS });
    expired = await startHttpsServer({
      issued: await ca.issue({ notBefore: days(-60), notAfter: days(-1) }),
      tls: SOUND_TLS,
      hsts: HSTS,
    });
    servers.push(redirect, sound, expired);
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    providerId = (
      await db().services.providers.providers.create(actor, {
        name: 'Loopback Cloud',
        serviceModels: ['SaaS'],
        critical: true,
      })
    ).id;
    assessmentId = (
      await db().services.assessments.lifecycle.create(actor, {
        catalogRef: CATALOG_REF,
        name: 'Checks',
        period: '2026',
      })
    ).id;
  });
  afterAll(async () => {
    await app.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  it('registers endpoints, runs one now, and keeps the run as evidence on items 7 and 22', async () => {
    const created = await register(assessor, { port: sound.port, ownerUserId: org.users.assessor.id });
    expect(created.statusCode).toBe(201);
    const endpoint = created.json() as {
      id: string;
      version: number;
      latest: unknown;
      hasTrustedCa: boolean;
    };
    expect(endpoint).toMatchObject({
      kind: 'tls',
      profile: 'intermediate',
      latest: null,
      hasTrustedCa: true,
    });
    expect((await register(assessor, { port: sound.port })).json()).toMatchObject({
      code: 'CHECK_ENDPOINT_DUPLICATE',
    });
    expect((await register(viewer, { port: expired.port })).statusCode).toBe(403);

    const ran = await app.inject({
      method: 'POST',
      url: url(`/check-endpoints/${endpoint.id}/runs`),
      headers: assessor.headers,
    });
    expect(ran.statusCode).toBe(201);
    const run = ran.json() as {
      id: string;
      verdict: string;
      trigger: string;
      evidenceId: string;
      validUntil: string;
      sha256: string;
      profile: { name: string; version: string };
      results: Array<{ id: string; status: string }>;
      observations: { protocols: unknown[]; certificate: { trusted: boolean } };
    };
    expect(run.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(run).toMatchObject({
      trigger: 'manual',
      profile: { name: 'Mozilla Server Side TLS 5.7 intermediate', version: '5.7' },
    });
    expect(run.observations.protocols).toHaveLength(4);
    expect(run.observations.certificate.trusted).toBe(true);
    expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);

    const evidence = await itemEvidence();
    for (const item of ['item-7', 'item-22'])
      expect(evidence.get(item)?.map((e) => [e.id, e.source, e.source_ref, e.valid_until])).toEqual([
        [run.evidenceId, 'check-run', run.id, run.validUntil],
      ]);
    expect(evidence.get('item-6')).toEqual([]);
    expect(evidence.get('item-7')?.[0]?.note).toContain(run.sha256);

    const listed = await app.inject({
      method: 'GET',
      url: url(`/check-endpoints?providerId=${providerId}`),
      headers: viewer.headers,
    });
    expect(listed.json().items).toEqual([
      expect.objectContaining({
        id: endpoint.id,
        latest: expect.objectContaining({ id: run.id, verdict: run.verdict }),
      }),
    ]);
    const history = await app.inject({
      method: 'GET',
      url: url(`/check-endpoints/${endpoint.id}/runs`),
      headers: viewer.headers,
    });
    expect(history.json().items.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const detail = await app.inject({
      method: 'GET',
      url: url(`/check-runs/${run.id}`),
      headers: viewer.headers,
    });
    expect(detail.json()).toMatchObject({
      id: run.id,
      sha256: run.sha256,
      observations: { host: 'localhost' },
    });
  });

  it('the scheduled pass runs what is due once, stores failing verdicts, and fills the expiry calendar', async () => {
    const created = (await register(assessor, { port: expired.port, purpose: 'SFTP portal' })).json() as {
      id: string;
    };
    const now = new Date(Date.now() + 25 * 3_600_000);
    const due = await db().services.checks.runs.runDue(now, { orgId: org.orgId });
    // Both endpoints: the new one is due at once, the first one a day after its run.
    expect(due.map((r) => r.trigger)).toEqual(['scheduled', 'scheduled']);
    const failing = due.find((r) => r.endpoint_id === created.id)!;
    expect(failing.verdict).toBe('fail');
    const results = JSON.parse(failing.results) as Array<{ id: string; status: string }>;
    expect(
      results
        .filter((r) => r.status === 'fail')
        .map((r) => r.id)
        .sort(),
    ).toEqual(['cert.expiry', 'cert.trusted']);
    // The same pass again (a second instance): nothing is due any more.
    expect(await db().services.checks.runs.runDue(now, { orgId: org.orgId })).toEqual([]);
    const endpoint = (
      await app.inject({ method: 'GET', url: url(`/check-endpoints/${created.id}`), headers: viewer.headers })
    ).json() as { nextRunAt: string; latest: { verdict: string } };
    expect(endpoint.latest.verdict).toBe('fail');
    expect(Date.parse(endpoint.nextRunAt)).toBe(now.getTime() + 24 * 3_600_000);
    // Valid as evidence until the next scheduled run (its calendar day in Taipei).
    expect(failing.valid_until).toBe(todayInTaipei(new Date(endpoint.nextRunAt)));

    const evidence = await itemEvidence();
    expect(evidence.get('item-22')?.map((e) => e.source_ref)).toEqual(
      expect.arrayContaining(due.map((r) => r.id)),
    );
    const calendar = (
      await app.inject({ method: 'GET', url: url('/check-certificates'), headers: viewer.headers })
    ).json() as { items: Array<{ endpointId: string; daysToExpiry: number }> };
    expect(calendar.items.map((c) => c.endpointId)[0]).toBe(created.id);
    expect(calendar.items[0]!.daysToExpiry).toBeLessThan(0);
  });

  it('a stale edit is 409 VERSION_CONFLICT with the endpoint as it stands; a disabled one cannot run', async () => {
    const created = (
      await register(assessor, { port: 1, kind: 'reachability', purpose: 'portal' })
    ).json() as {
      id: string;
      version: number;
    };
    const patch = (version: number, body: Record<string, unknown>) =>
      app.inject({
        method: 'PATCH',
        url: url(`/check-endpoints/${created.id}`),
        headers: assessor.headers,
        payload: { version, ...body },
      });
    const first = await patch(created.version, { enabled: false, purpose: 'old portal' });
    expect(first.json()).toMatchObject({
      enabled: false,
      purpose: 'old portal',
      version: 2,
      abilities: { run: { allowed: false, reason: 'CHECK_ENDPOINT_DISABLED' }, update: { allowed: true } },
    });
    const seen = await app.inject({ method: 'GET', url: url('/check-endpoints'), headers: viewer.headers });
    expect(seen.json().abilities.create).toMatchObject({ allowed: false, reason: 'ROLE_REQUIRED' });
    expect(seen.json().items[0].abilities.update).toMatchObject({
      allowed: false,
      roles: ['admin', 'assessor'],
    });
    const stale = await patch(created.version, { purpose: 'lost' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { current: { purpose: 'old portal', version: 2 } },
    });
    const run = await app.inject({
      method: 'POST',
      url: url(`/check-endpoints/${created.id}/runs`),
      headers: assessor.headers,
    });
    expect(run.json()).toMatchObject({ code: 'CHECK_ENDPOINT_DISABLED' });
  });

  it('without the development setting a loopback endpoint is stored as refused, and nothing connects', async () => {
    const created = (
      await register(assessor, { port: sound.port, kind: 'reachability', purpose: 'refused' })
    ).json() as {
      id: string;
    };
    const strict = createCheckServices({
      db: db().handle.db,
      assessments: db().services.assessments,
      assessmentsRepo: new AssessmentsRepository(db().handle.db),
      audit: db().services.audit,
      policy: { allowPrivateTargets: false },
    });
    const before = sound.connections();
    const run = await strict.runs.runNow({ orgId: org.orgId, userId: org.users.assessor.id }, created.id);
    expect(sound.connections()).toBe(before);
    expect(run).toMatchObject({ verdict: 'fail', error_code: 'OUTBOUND_TARGET_NOT_PUBLIC' });
    expect(JSON.parse(run.results)).toEqual([
      expect.objectContaining({ id: 'target.allowed', status: 'fail' }),
    ]);
    const audit = await db()
      .handle.db.selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', created.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['check-endpoint.create', 'check.run']);
  });
});
