import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import { TenantScope } from '../../db/tenancy/tenant-scope.js';
import { canonicalJson } from '../../platform/canonical-json.js';
import { AssessmentsRepository } from '../assessments/assessments.repository.js';
import { EvidenceRepository } from '../evidence/evidence.repository.js';
import { sha256Hex } from './register-snapshots.service.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

describeEachDatabase('register snapshots as evidence', (db) => {
  let org: SeededOrg;
  let other: SeededOrg;
  let item50: string;
  const actor = () => ({ orgId: org.orgId, userId: org.users.assessor.id });
  const summary = {
    articles: [{ article: '14.4(7)', pass: 212, fail: 0, unknown: 18, inScope: 230 }],
    jailbroken: 0,
  };

  beforeAll(async () => {
    org = await seedOrganization(db(), 'Snapshot Securities');
    other = await seedOrganization(db(), 'Snapshot Other Futures');
    const assessment = await db().services.assessments.lifecycle.create(actor(), {
      catalogRef: CATALOG,
      name: '行動裝置自評',
      period: '2026',
    });
    const items = await new AssessmentsRepository(db().handle.db).listItems(
      TenantScope.of(db().handle.db, org.orgId),
      assessment.id,
    );
    item50 = items.find((i) => i.item_number === 50)!.id;
  });

  it('freezes the summary canonically, hashes it, stores it as audited evidence and attaches it', async () => {
    const snapshots = db().services.registers.snapshots;
    const { evidence, document, sha256 } = await snapshots.snapshot(
      actor(),
      { registerKind: 'device', title: '行動裝置 2026-12-01', summary, asOf: '2026-12-01T00:00:00+08:00' },
      item50,
    );
    expect(evidence).toMatchObject({
      kind: 'file',
      source: 'register-snapshot',
      source_ref: 'device',
      mime_type: 'application/json',
      original_filename: 'device-snapshot-2026-11-30.json',
    });
    expect(document.asOf).toBe('2026-11-30T16:00:00.000Z');
    // The hash is of the canonical bytes: anyone can recompute it from the content.
    expect(sha256).toBe(sha256Hex(canonicalJson(document)));
    expect(evidence.sha256).toBe(sha256);

    const read = await snapshots.read(org.orgId, evidence.id);
    expect(read.intact).toBe(true);
    expect(read.document.summary).toEqual(summary);

    const t = TenantScope.of(db().handle.db, org.orgId);
    const attached = await new EvidenceRepository().listForItem(t, item50);
    expect(attached.map((e) => e.id)).toContain(evidence.id);
    const audit = await db().services.audit.list(org.orgId, {}, 20);
    expect(audit.map((e) => `${e.action}:${e.target_id}`)).toEqual(
      expect.arrayContaining([`evidence.create:${evidence.id}`, `evidence.attach:${item50}`]),
    );
  });

  it('equal content in another key order freezes to the same summary bytes', async () => {
    const snapshots = db().services.registers.snapshots;
    const a = await snapshots.snapshot(actor(), {
      registerKind: 'device',
      title: 'a',
      summary: { b: [1, { y: 2, x: 1 }], a: 'x' },
      asOf: '2026-12-01T00:00:00Z',
    });
    const b = await snapshots.snapshot(actor(), {
      registerKind: 'device',
      title: 'a',
      summary: { a: 'x', b: [1, { x: 1, y: 2 }] },
      asOf: '2026-12-01T00:00:00Z',
    });
    expect(canonicalJson(a.document.summary)).toBe(canonicalJson(b.document.summary));
  });

  it('attaching to an item that is not editable, or not the organisation’s, stores nothing', async () => {
    const snapshots = db().services.registers.snapshots;
    const before = await db().services.assessments.evidence.list(org.orgId, 1000);
    const foreign = { orgId: other.orgId, userId: other.users.assessor.id };
    await expect(
      snapshots.snapshot(
        foreign,
        { registerKind: 'device', title: 'x', summary, asOf: '2026-12-01' },
        item50,
      ),
    ).rejects.toMatchObject({ statusCode: 404, code: 'ASSESSMENT_ITEM_NOT_FOUND' });
    await expect(
      snapshots.snapshot(
        actor(),
        { registerKind: 'device', title: 'x', summary, asOf: 'not a date' },
        item50,
      ),
    ).rejects.toMatchObject({ statusCode: 400, code: 'SNAPSHOT_AS_OF_INVALID' });
    expect(await db().services.assessments.evidence.list(org.orgId, 1000)).toHaveLength(before.length);
    expect(await db().services.assessments.evidence.list(other.orgId, 1000)).toHaveLength(0);
  });

  it('a snapshot whose stored bytes changed reads back as not intact; other evidence is not a snapshot', async () => {
    const snapshots = db().services.registers.snapshots;
    const { evidence } = await snapshots.snapshot(actor(), {
      registerKind: 'device',
      title: 'tampered',
      summary: { encrypted: 98 },
      asOf: '2026-12-01',
    });
    const sha = evidence.sha256!;
    const blob = path.join(db().dataDir, 'evidence', 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha);
    writeFileSync(blob, readFileSync(blob, 'utf8').replace('98', '99'));
    expect((await snapshots.read(org.orgId, evidence.id)).intact).toBe(false);
    const note = await db().services.assessments.evidence.createNote(actor(), 'plain note', {});
    await expect(snapshots.read(org.orgId, note.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});
