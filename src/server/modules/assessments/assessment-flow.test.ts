import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { runCli } from '../../../../test/support/cli.js';
import { cliEnvFor, describeEachDatabase } from '../../../../test/support/databases.js';
import {
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
  totpNow,
} from '../../../../test/support/identity.js';
import { multipart } from '../../../../test/support/multipart.js';
import {
  describeOverlaps,
  findOverlaps,
  pdfText,
  readPdf,
  squeeze,
} from '../../../../test/support/pdf-text.js';
import type { App } from '../../platform/app.js';
import { FULL_SCOPE } from './domain/scoping.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';
const PDF = Buffer.from('%PDF-1.7\n% 雲端服務合約\n1 0 obj <<>> endobj\n%%EOF\n');

interface Item {
  id: string;
  itemId: string;
  number: number;
  applicable: boolean;
  result: string;
  version: number;
  evidence: unknown[];
  reviewStatus: string;
  needsReconfirmation: boolean;
}

describeEachDatabase('assessment flow through the API', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let reviewer: Session;
  let approver: Session;
  let assessmentId: string;
  let base: string;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Flow Securities');
    assessor = await login(app, org.users.assessor);
    reviewer = await login(app, org.users.reviewer);
    approver = await login(app, org.users.approver);
    base = `/api/v1/orgs/${org.orgId}`;
  });
  afterAll(() => app.close());

  const call = (session: Session, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url: `${base}${url}`,
      headers: session.headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const items = async () =>
    (await call(assessor, 'GET', `/assessments/${assessmentId}`)).json().items as Item[];

  it('creates an assessment and scopes it: N/A items cite their clause', async () => {
    const created = await call(assessor, 'POST', '/assessments', {
      catalogId: CATALOG,
      name: '115年度自評',
      period: '115年度',
      dueDate: '2026-12-31',
    });
    expect(created.statusCode).toBe(201);
    assessmentId = created.json().id;
    const scoped = await call(assessor, 'PUT', `/assessments/${assessmentId}/scoping`, {
      version: created.json().version,
      answers: { ...FULL_SCOPE, providesCloudServices: false, allowsByod: false },
    });
    expect(scoped.statusCode).toBe(200);
    const all = await items();
    expect(all).toHaveLength(63);
    const na = all.filter((i) => !i.applicable).map((i) => i.number);
    expect(na).toEqual([19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 52, 53, 54]);
    const detail = (await call(assessor, 'GET', `/assessments/${assessmentId}`)).json();
    const byod = detail.items.find((i: { number: number }) => i.number === 52);
    expect(byod.notApplicableReason['zh-TW']).toMatch(/^依第15條/);
  });

  it('refuses 部分符合 without 補償性措施 with a clear code', async () => {
    const [first] = await items();
    const response = await call(assessor, 'PATCH', `/assessment-items/${first!.id}`, {
      version: first!.version,
      result: 'partially_compliant',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('COMPENSATING_CONTROL_REQUIRED');
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const [, second] = await items();
    const [a, b] = await Promise.all([
      call(assessor, 'PATCH', `/assessment-items/${second!.id}`, {
        version: second!.version,
        explanation: '甲',
      }),
      call(assessor, 'PATCH', `/assessment-items/${second!.id}`, {
        version: second!.version,
        explanation: '乙',
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json()).toMatchObject({
      code: 'VERSION_CONFLICT',
      details: { current: { version: second!.version + 1, itemId: second!.itemId, evidence: [] } },
    });
    // The public item, never the stored row (no org_id, no snake_case columns).
    expect(Object.keys(loser.json().details.current)).not.toContain('org_id');
    expect(Object.keys(loser.json().details.current)).not.toContain('item_id');
  });

  it('stores an upload once however often it is sent, and refuses an oversize one without leaving a file', async () => {
    const send = (content: Buffer, name: string) => {
      const body = multipart({ title: name }, { name, content, type: 'application/pdf' });
      return app.inject({
        method: 'POST',
        url: `${base}/evidence/files`,
        headers: { ...assessor.headers, ...body.headers },
        payload: body.payload,
      });
    };
    const first = await send(PDF, '合約.pdf');
    const second = await send(PDF, '合約-copy.pdf');
    expect(first.statusCode).toBe(201);
    expect(second.json().sha256).toBe(first.json().sha256);
    const blobs = path.join(db().dataDir, 'evidence', 'sha256');
    const countBlobs = () =>
      readdirSync(blobs, { recursive: true }).filter((f) => String(f).length > 60).length;
    expect(countBlobs()).toBe(1);
    const big = Buffer.concat([PDF, Buffer.alloc(db().config.maxUploadBytes, 0x20)]);
    const tooBig = await send(big, 'huge.pdf');
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(countBlobs()).toBe(1);
    expect(readdirSync(path.join(db().dataDir, 'evidence', 'tmp'))).toEqual([]);
  });

  it('answers every applicable item with evidence, submits, is returned, fixed, reviewed and approved', async () => {
    const upload = multipart({ title: '委外合約' }, { name: 'contract.pdf', content: PDF });
    const evidence = await app.inject({
      method: 'POST',
      url: `${base}/evidence/files`,
      headers: { ...assessor.headers, ...upload.headers },
      payload: upload.payload,
    });
    const evidenceId = evidence.json().id as string;
    for (const item of (await items()).filter((i) => i.applicable)) {
      const result = item.number === 3 ? 'non_compliant' : 'compliant';
      const answered = await call(assessor, 'PATCH', `/assessment-items/${item.id}`, {
        version: item.version,
        result,
        explanation: `項次${item.number}之說明`,
        ...(result === 'non_compliant' ? { compensatingControl: '改以驗證報告審閱並加強合約條款' } : {}),
      });
      expect(answered.statusCode, `item ${item.number}`).toBe(200);
      expect(
        (await call(assessor, 'PUT', `/assessment-items/${item.id}/evidence/${evidenceId}`)).statusCode,
      ).toBe(204);
    }
    const summary = (await call(assessor, 'GET', `/assessments/${assessmentId}/summary`)).json();
    expect(summary.overall).toMatchObject({ applicable: 45, assessed: 45, nonCompliant: 1, progress: 1 });
    expect(summary.overall.complianceRate).toBeCloseTo(44 / 45, 6);

    expect((await call(assessor, 'POST', `/assessments/${assessmentId}/submit`, {})).statusCode).toBe(200);
    expect(
      (
        await call(assessor, 'PATCH', `/assessment-items/${(await items())[0]!.id}`, {
          version: 1,
          explanation: 'x',
        })
      ).json().code,
    ).toBe('ASSESSMENT_NOT_EDITABLE');
    const returned = await call(reviewer, 'POST', `/assessments/${assessmentId}/return`, {
      comment: '項次1請補充說明',
    });
    expect(returned.json().state).toBe('draft');
    const fix = (await items())[0]!;
    expect(
      (
        await call(assessor, 'PATCH', `/assessment-items/${fix.id}`, {
          version: fix.version,
          explanation: '已補充',
        })
      ).statusCode,
    ).toBe(200);
    expect((await call(assessor, 'POST', `/assessments/${assessmentId}/submit`, {})).statusCode).toBe(200);

    const notYet = await call(approver, 'POST', `/assessments/${assessmentId}/approve`, {
      totpCode: await totpNow(org.users.approver.totpSecret!),
    });
    expect(notYet.json().code).toBe('ITEMS_NOT_REVIEWED');
    for (const item of (await items()).filter((i) => i.applicable)) {
      const reviewed = await call(reviewer, 'POST', `/assessment-items/${item.id}/review`, {
        version: item.version,
        status: 'validated',
      });
      expect(reviewed.statusCode).toBe(200);
    }
    const noCode = await call(approver, 'POST', `/assessments/${assessmentId}/approve`, {});
    expect(noCode.json().code).toBe('SECOND_FACTOR_REQUIRED');
    const approved = await call(approver, 'POST', `/assessments/${assessmentId}/approve`, {
      totpCode: await totpNow(org.users.approver.totpSecret!),
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      state: 'approved',
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('prints the sign-off in the PDF: reviewer and approver on rows of their own, the evidence list and the fingerprint', async () => {
    const pdf = await call(assessor, 'GET', `/assessments/${assessmentId}/export?format=pdf`);
    const pages = await readPdf(pdf.rawPayload);
    const overlaps = findOverlaps(pages);
    expect(overlaps, describeOverlaps(overlaps)).toEqual([]);
    const text = pdfText(pages);
    const signoff = text.slice(text.lastIndexOf('簽核紀錄'));
    const fingerprint = (await call(assessor, 'GET', `/assessments/${assessmentId}`)).json().assessment
      .fingerprint;
    expect(signoff).toMatch(/^覆核 reviewer flowsecurities \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+8\)$/m);
    expect(signoff).toMatch(/^核定 approver flowsecurities \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\+8\)$/m);
    expect(squeeze(signoff)).toContain(fingerprint);
    expect(text).toContain('已核定');
    // The contract attached to every applicable item is listed once, with its kind and digest.
    const digest = createHash('sha256').update(PDF).digest('hex');
    const listed = pages.filter((page) => page.text.includes(digest));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed[0]!.text).toMatch(new RegExp(`委外合約 檔案 ${digest} —`));
  });

  it('locks the approved assessment: every write answers 409 with a clear code', async () => {
    const item = (await items())[0]!;
    const evidenceId = (item.evidence[0] as { id: string }).id;
    const checklist = await call(assessor, 'GET', `/assessments/${assessmentId}/export?format=xlsx`);
    const upload = multipart({}, { name: 'checklist.xlsx', content: checklist.rawPayload });
    const attempts = [
      app.inject({
        method: 'POST',
        url: `${base}/assessments/${assessmentId}/import`,
        headers: { ...assessor.headers, ...upload.headers },
        payload: upload.payload,
      }),
      call(assessor, 'DELETE', `/assessment-items/${item.id}/evidence/${evidenceId}`),
      call(assessor, 'PUT', `/assessment-items/${(await items())[1]!.id}/evidence/${evidenceId}`),
      call(reviewer, 'POST', `/assessments/${assessmentId}/return`, { comment: 'too late' }),
      call(assessor, 'PATCH', `/assessment-items/${item.id}`, { version: item.version, explanation: 'late' }),
      call(assessor, 'PUT', `/assessments/${assessmentId}/scoping`, { version: 99, answers: FULL_SCOPE }),
      call(assessor, 'POST', `/assessments/${assessmentId}/submit`, {}),
      call(assessor, 'POST', `/assessment-items/${item.id}/comments`, { body: 'late' }),
      call(reviewer, 'POST', `/assessment-items/${item.id}/review`, {
        version: item.version,
        status: 'flagged',
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().code).toBe('ASSESSMENT_LOCKED');
    }
  });

  it('verifies the fingerprint, and fails once a stored answer is changed behind its back', async () => {
    const env = cliEnvFor(db());
    expect((await call(assessor, 'GET', `/assessments/${assessmentId}/verify`)).json().ok).toBe(true);
    const ok = await runCli(['assessment', 'verify', assessmentId], env);
    expect(ok.code).toBe(0);
    await sql`update assessment_item set explanation = ${'竄改'} where assessment_id = ${assessmentId} and item_number = 5`.execute(
      db().handle.db,
    );
    expect((await call(assessor, 'GET', `/assessments/${assessmentId}/verify`)).json().ok).toBe(false);
    const bad = await runCli(['assessment', 'verify', assessmentId], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('does not match');
    await sql`update assessment_item set explanation = ${'項次5之說明'} where assessment_id = ${assessmentId} and item_number = 5`.execute(
      db().handle.db,
    );
  });

  it('carries answers forward marked 待重新確認, and the diff reports exactly the changed items', async () => {
    const next = await call(assessor, 'POST', '/assessments', {
      catalogId: CATALOG,
      name: '116年度自評',
      period: '116年度',
      carryForwardFrom: assessmentId,
    });
    expect(next.statusCode).toBe(201);
    const nextId = next.json().id as string;
    const carried = (await call(assessor, 'GET', `/assessments/${nextId}`)).json().items as Item[];
    expect(
      carried.filter((i) => i.applicable).every((i) => i.needsReconfirmation && i.result !== 'not_assessed'),
    ).toBe(true);
    expect(carried.find((i) => i.number === 1)!.evidence).toHaveLength(1);
    for (const number of [3, 7]) {
      const item = carried.find((i) => i.number === number)!;
      await call(assessor, 'PATCH', `/assessment-items/${item.id}`, {
        version: item.version,
        result: 'compliant',
        explanation: `${number} 已改善`,
        compensatingControl: '',
      });
    }
    const diff = (await call(assessor, 'GET', `/assessments/${nextId}/diff/${assessmentId}`)).json()
      .items as Array<{ itemNumber: number; changes: string[] }>;
    expect(diff.map((d) => d.itemNumber)).toEqual([3, 7]);
    expect(diff[0]!.changes).toEqual(
      expect.arrayContaining(['result', 'explanation', 'compensatingControl']),
    );
  });
});
