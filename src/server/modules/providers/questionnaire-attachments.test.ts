import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { multipart } from '../../../../test/support/multipart.js';
import { sendTestQuestionnaire } from '../../../../test/support/questionnaire.js';
import type { App } from '../../platform/app.js';
import { MAX_ATTACHMENTS_PER_QUESTION, MAX_ATTACHMENTS_PER_QUESTIONNAIRE } from './questionnaire.service.js';

async function blobCount(dir: string): Promise<number> {
  const entries = await readdir(path.join(dir, 'sha256'), { recursive: true, withFileTypes: true }).catch(
    () => [],
  );
  return entries.filter((e) => e.isFile()).length;
}

describeEachDatabase('questionnaire attachment caps under concurrency', (db) => {
  let app: App;
  let assessor: Session;
  let orgId: string;
  const store = () => path.join(db().dataDir, 'evidence');

  beforeAll(async () => {
    app = await createTestApp(db());
    const org = await seedOrganization(db(), 'Parallel Attachments Securities');
    orgId = org.orgId;
    assessor = await login(app, org.users.assessor);
  });
  afterAll(() => app.close());

  /** Every upload carries different bytes (unless given), so each stored one is its own blob. */
  const upload = (
    link: string,
    itemId: string,
    content = Buffer.from(`%PDF-1.7\n% ${Math.random()}\n%%EOF\n`),
  ) => {
    const form = multipart({ itemId }, { name: '報告.pdf', content, type: 'application/pdf' });
    return app.inject({
      method: 'POST',
      url: `${link}/attachments`,
      headers: form.headers,
      payload: form.payload,
    });
  };

  async function attachments(link: string) {
    return (await app.inject({ method: 'GET', url: link })).json().attachments as Array<{ itemId: string }>;
  }

  it(`stores exactly ${MAX_ATTACHMENTS_PER_QUESTION} of 25 parallel uploads for one question, and no blob for the rest`, async () => {
    const { link, questions } = await sendTestQuestionnaire(app, assessor, orgId, null);
    const blobsBefore = await blobCount(store());
    const responses = await Promise.all(Array.from({ length: 25 }, () => upload(link, questions[0]!.itemId)));
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(MAX_ATTACHMENTS_PER_QUESTION);
    for (const refused of responses.filter((r) => r.statusCode !== 201)) {
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('QUESTIONNAIRE_TOO_MANY_ATTACHMENTS');
    }
    expect(await attachments(link)).toHaveLength(MAX_ATTACHMENTS_PER_QUESTION);
    expect(await blobCount(store())).toBe(blobsBefore + MAX_ATTACHMENTS_PER_QUESTION);

    // A refused upload of bytes another attachment already stored (the store is content-addressed) must
    // not take that blob with it.
    const shared = Buffer.from('%PDF-1.7\n% shared bytes\n%%EOF\n');
    const other = await sendTestQuestionnaire(app, assessor, orgId, null);
    const kept = await upload(other.link, other.questions[0]!.itemId, shared);
    expect(kept.statusCode).toBe(201);
    const refused = await upload(link, questions[0]!.itemId, shared);
    expect(refused.json().code).toBe('QUESTIONNAIRE_TOO_MANY_ATTACHMENTS');
    const download = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${orgId}/questionnaires/${other.questionnaireId}/attachments/${kept.json().id}`,
      headers: assessor.headers,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(shared)).toBe(true);
  });

  it(`stores exactly ${MAX_ATTACHMENTS_PER_QUESTIONNAIRE} of 110 parallel uploads spread over 11 questions`, async () => {
    const { link, questions } = await sendTestQuestionnaire(app, assessor, orgId, null);
    expect(questions.length).toBeGreaterThanOrEqual(11);
    const blobsBefore = await blobCount(store());
    // 10 per question on 10 questions reaches 100; the eleventh question's uploads race them for room.
    const targets = questions.slice(0, 11).flatMap((q) => Array.from({ length: 10 }, () => q.itemId));
    const responses = await Promise.all(targets.map((itemId) => upload(link, itemId)));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(MAX_ATTACHMENTS_PER_QUESTIONNAIRE);
    expect(responses.filter((r) => r.statusCode === 422)).toHaveLength(10);
    expect(await attachments(link)).toHaveLength(MAX_ATTACHMENTS_PER_QUESTIONNAIRE);
    expect(await blobCount(store())).toBe(blobsBefore + MAX_ATTACHMENTS_PER_QUESTIONNAIRE);
    expect((await upload(link, questions[11]!.itemId)).json().code).toBe(
      'QUESTIONNAIRE_TOO_MANY_ATTACHMENTS',
    );
  });
});
