import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../../test/support/databases.js';
import {
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
} from '../../../../../test/support/identity.js';
import type { App } from '../../../platform/app.js';
import { addMonths, todayInTaipei } from '../../providers/domain/calendar-date.js';
import { loadRulePack } from '../scanner/rule-pack.js';
import { type ScanResult, scanFile } from '../scanner/scan.js';
import { effectiveGate, gateAfterScan, releaseRefusal } from './domain/release-gate.js';

const fixture = (name: string) =>
  new URL(`../../../../../test/fixtures/apps/${name}`, import.meta.url).pathname;
const scan = (name: string) => scanFile(fixture(name), { pack: loadRulePack() });

describe('release gate rules', () => {
  it('blocks at or above the threshold, never with none', () => {
    expect(gateAfterScan(['medium'], 'high')).toBe('scanned');
    expect(gateAfterScan(['medium', 'critical'], 'high')).toBe('blocked');
    expect(gateAfterScan(['high'], 'high')).toBe('blocked');
    expect(gateAfterScan(['critical'], 'none')).toBe('scanned');
  });
  it('an acceptance counts through its expiry day and not after', () => {
    expect(effectiveGate('accepted', '2026-12-01', '2026-12-01')).toBe('accepted');
    expect(effectiveGate('accepted', '2026-11-30', '2026-12-01')).toBe('blocked');
    expect(effectiveGate('scanned', null, '2026-12-01')).toBe('scanned');
  });
  it('refuses to release unscanned, blocked, or an outside app without every attestation', () => {
    const base = {
      status: 'draft',
      vendorKind: 'in_house',
      attestationsOutstanding: 0,
      attestationsRecorded: 0,
    } as const;
    expect(releaseRefusal({ ...base, gate: 'pending' })).toBe('APP_RELEASE_NOT_SCANNED');
    expect(releaseRefusal({ ...base, gate: 'blocked' })).toBe('APP_RELEASE_GATE_BLOCKED');
    expect(releaseRefusal({ ...base, gate: 'accepted' })).toBeNull();
    expect(releaseRefusal({ ...base, gate: 'scanned', vendorKind: 'outside' })).toBe(
      'APP_RELEASE_ATTESTATIONS_OUTSTANDING',
    );
    expect(
      releaseRefusal({
        ...base,
        gate: 'scanned',
        vendorKind: 'outside',
        attestationsRecorded: 3,
        attestationsOutstanding: 1,
      }),
    ).toBe('APP_RELEASE_ATTESTATIONS_OUTSTANDING');
    expect(releaseRefusal({ ...base, gate: 'scanned', status: 'released' })).toBe(
      'APP_RELEASE_ALREADY_RELEASED',
    );
  });
});

describeEachDatabase('app register and release gate over HTTP', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let approver: Session;
  let token: Record<string, string>;
  let debuggable: ScanResult;
  const base = () => `/api/v1/orgs/${org.orgId}`;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Gate Securities');
    assessor = await login(app, org.users.assessor);
    approver = await login(app, org.users.approver);
    const created = await db().services.tokens.create(org.users.assessor.id, {
      orgId: org.orgId,
      name: 'ci upload',
      permissions: ['app:write', 'app:read'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    token = { authorization: `Bearer ${created.secret}` };
    debuggable = await scan('debuggable.apk');
  });
  afterAll(() => app.close());

  const createApp = async (bundleId: string, vendorKind: 'in_house' | 'outside' = 'in_house') => {
    const response = await app.inject({
      method: 'POST',
      url: `${base()}/apps`,
      headers: assessor.headers,
      payload: { name: `App ${bundleId}`, platforms: ['android'], bundleId, vendorKind },
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; controls: Array<{ control: string; implemented: boolean }> };
  };
  const upload = (appId: string, result: ScanResult, extra: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: `${base()}/apps/${appId}/scans`,
      headers: token,
      payload: { scan: result, failOn: 'high', ...extra },
    });

  it('a debuggable build is blocked by its scan, released only after an approver accepts the risk', async () => {
    const mobile = await createApp('com.example.debuggable');
    expect(mobile.controls.map((c) => c.control)).toEqual(['16.1', '16.2', '16.3', '16.4', '16.5']);
    const uploaded = await upload(mobile.id, debuggable);
    expect(uploaded.statusCode).toBe(200);
    const { release } = uploaded.json() as {
      release: Record<string, unknown> & { id: string; version: number };
    };
    expect(release).toMatchObject({
      appVersion: '3.2.1',
      buildNumber: '321',
      gate: 'blocked',
      binarySha256: debuggable.input.sha256,
      summary: { high: 1, total: 1 },
    });
    // The scan JSON is filed as evidence, byte for byte what the server received.
    const evidence = await app.inject({
      method: 'GET',
      url: `${base()}/evidence/${release.scanEvidenceId}/download`,
      headers: assessor.headers,
    });
    expect(evidence.statusCode).toBe(200);
    expect(JSON.parse(evidence.body)).toEqual(JSON.parse(JSON.stringify(debuggable)));

    const release1 = `${base()}/app-releases/${release.id}`;
    const refused = await app.inject({
      method: 'POST',
      url: `${release1}/release`,
      headers: assessor.headers,
      payload: { version: release.version },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('APP_RELEASE_GATE_BLOCKED');

    const byAssessor = await app.inject({
      method: 'POST',
      url: `${release1}/risk-acceptance`,
      headers: assessor.headers,
      payload: { version: release.version, reason: 'debug flag', expiresOn: addMonths(todayInTaipei(), 1) },
    });
    expect(byAssessor.statusCode).toBe(403);
    const pastExpiry = await app.inject({
      method: 'POST',
      url: `${release1}/risk-acceptance`,
      headers: approver.headers,
      payload: { version: release.version, reason: 'debug flag', expiresOn: todayInTaipei() },
    });
    expect(pastExpiry.json().code).toBe('APP_RISK_ACCEPTANCE_EXPIRY_INVALID');
    const accepted = await app.inject({
      method: 'POST',
      url: `${release1}/risk-acceptance`,
      headers: approver.headers,
      payload: {
        version: release.version,
        reason: 'Debuggable flag removed by the store build pipeline',
        expiresOn: addMonths(todayInTaipei(), 1),
      },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ gate: 'accepted', riskAcceptance: { valid: true } });

    const released = await app.inject({
      method: 'POST',
      url: `${release1}/release`,
      headers: assessor.headers,
      payload: { version: accepted.json().version },
    });
    expect(released.statusCode).toBe(200);
    expect(released.json().status).toBe('released');
    const again = await upload(mobile.id, debuggable);
    expect(again.json().code).toBe('APP_RELEASE_ALREADY_RELEASED');

    const detail = (await app.inject({ method: 'GET', url: release1, headers: assessor.headers })).json();
    expect(detail.byArticle).toEqual([
      {
        article: 'art-17',
        counts: expect.objectContaining({ high: 1, total: 1 }),
        clauses: [expect.objectContaining({ clause: 'art-17.1.1' })],
      },
    ]);
    expect(detail.byMasvs[0]).toMatchObject({ group: 'MASVS-RESILIENCE', counts: { total: 1 } });
  });

  it('a clean build passes; a scan of another package is refused; the overview counts secrets', async () => {
    const clean = await createApp('com.example.clean');
    expect((await upload(clean.id, await scan('clean.apk'))).json().release.gate).toBe('scanned');
    const wrong = await upload(clean.id, debuggable);
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('APP_SCAN_WRONG_APP');
    const insecure = await createApp('com.example.insecure');
    await upload(insecure.id, await scan('insecure.apk'));
    const overview = (
      await app.inject({ method: 'GET', url: `${base()}/app-overview`, headers: assessor.headers })
    ).json();
    const entry = (
      overview.apps as Array<{ app: { id: string }; secretsFound: number; personalDataFound: number }>
    ).find((a) => a.app.id === insecure.id);
    expect(entry?.secretsFound).toBeGreaterThanOrEqual(10);
    expect(entry?.personalDataFound).toBeGreaterThanOrEqual(3);
    const cleanEntry = overview.apps.find((a: { app: { id: string } }) => a.app.id === clean.id);
    expect(cleanEntry).toMatchObject({ secretsFound: 0, latestRelease: { gate: 'scanned' } });
    // The register frozen as evidence through the shared snapshots: hashed, readable back, intact.
    const snap = await app.inject({
      method: 'POST',
      url: `${base()}/app-register/snapshot`,
      headers: assessor.headers,
      payload: {},
    });
    expect(snap.statusCode).toBe(201);
    const read = await db().services.registers.snapshots.read(org.orgId, snap.json().evidenceId);
    expect(read.intact).toBe(true);
    expect(JSON.stringify(read.document.summary)).toContain('com.example.insecure');
  });

  it('an outside developer’s release needs every attestation received before it ships', async () => {
    const vendorApp = await createApp('com.example.vendor', 'outside');
    const created = await app.inject({
      method: 'POST',
      url: `${base()}/apps/${vendorApp.id}/releases`,
      headers: assessor.headers,
      payload: { appVersion: '1.0', buildNumber: '7', releaseDate: '2026-12-20' },
    });
    const releaseId = created.json().id as string;
    const late = await app.inject({
      method: 'POST',
      url: `${base()}/app-releases/${releaseId}/attestations`,
      headers: assessor.headers,
      payload: { subject: 'no-malicious-code', dueDate: '2026-12-21' },
    });
    expect(late.json().code).toBe('APP_ATTESTATION_DUE_AFTER_RELEASE');
    const asked = await app.inject({
      method: 'POST',
      url: `${base()}/app-releases/${releaseId}/attestations`,
      headers: assessor.headers,
      payload: { subject: 'no-sensitive-data', dueDate: '2026-12-15' },
    });
    expect(asked.statusCode).toBe(201);
    const clean = await scan('clean.apk');
    await upload(
      vendorApp.id,
      { ...clean, app: { ...clean.app, packageName: 'com.example.vendor' } },
      {
        appVersion: '1.0',
        buildNumber: '7',
      },
    );
    const current = (
      await app.inject({
        method: 'GET',
        url: `${base()}/app-releases/${releaseId}`,
        headers: assessor.headers,
      })
    ).json();
    expect(current.gate).toBe('scanned');
    const refused = await app.inject({
      method: 'POST',
      url: `${base()}/app-releases/${releaseId}/release`,
      headers: assessor.headers,
      payload: { version: current.version },
    });
    expect(refused.json().code).toBe('APP_RELEASE_ATTESTATIONS_OUTSTANDING');
    const attestation = current.attestations[0];
    const received = await app.inject({
      method: 'PATCH',
      url: `${base()}/app-attestations/${attestation.id}`,
      headers: assessor.headers,
      payload: { version: attestation.version, receivedOn: '2026-12-10' },
    });
    expect(received.statusCode).toBe(200);
    const released = await app.inject({
      method: 'POST',
      url: `${base()}/app-releases/${releaseId}/release`,
      headers: assessor.headers,
      payload: { version: received.json().version },
    });
    expect(released.json()).toMatchObject({ status: 'released', releaseDate: '2026-12-20' });
  });

  it('notification templates carry their de-identification result, masked', async () => {
    const mobile = await createApp('com.example.notify');
    const created = await app.inject({
      method: 'POST',
      url: `${base()}/apps/${mobile.id}/templates`,
      headers: { ...assessor.headers, 'accept-language': 'zh-TW' },
      payload: { channel: 'sms', name: '開戶通知', body: '身分證字號A123456789已驗證，請撥0912345678' },
    });
    expect(created.statusCode).toBe(201);
    const template = created.json();
    expect(template.deid.found).toBe(2);
    expect(template.deid.maskedText).toContain('A12****789');
    expect(JSON.stringify(template.deid.findings)).not.toContain('A123456789');
    const fixed = await app.inject({
      method: 'PATCH',
      url: `${base()}/app-templates/${template.id}`,
      headers: assessor.headers,
      payload: { version: template.version, body: '您的開戶申請已驗證，驗證碼 {{code}}' },
    });
    expect(fixed.json().deid.found).toBe(0);
    const stale = await app.inject({
      method: 'PATCH',
      url: `${base()}/app-templates/${template.id}`,
      headers: assessor.headers,
      payload: { version: template.version, name: 'x' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
  });
});
