import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { describeEachDatabase } from '../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../test/support/identity.js';
import { sendTestQuestionnaire } from '../../../test/support/questionnaire.js';
import type { App } from './app.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';
const B = 'jianheTestBoundary';
const PDF = `%PDF-1.7\n% ${'x'.repeat(2_000)}\n%%EOF\n`;

/** A part header for a file (plus any text fields before it), in the wire format browsers send. */
function body(fields: Record<string, string>, filename: string, content: string, end = `\r\n--${B}--\r\n`) {
  const head = Object.entries(fields)
    .map(([name, value]) => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  return `${head}--${B}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n${content}${end}`;
}

/** Every malformed body from the review, as (content type, payload) → the refusal expected. */
function malformed(fields: Record<string, string>, missingCode: string) {
  return [
    {
      name: 'no boundary',
      contentType: 'multipart/form-data',
      payload: body(fields, 'report.pdf', PDF),
      status: 400,
      code: 'MULTIPART_INVALID',
    },
    {
      name: 'an unterminated part',
      contentType: `multipart/form-data; boundary=${B}`,
      payload: body(fields, 'report.pdf', PDF, ''),
      status: 400,
      code: 'MULTIPART_INVALID',
    },
    {
      name: 'an unterminated header',
      contentType: `multipart/form-data; boundary=${B}`,
      payload: `--${B}\r\nContent-Disposition: form-data; name="file"; filen`,
      // @fastify/multipart reads a body that ends before any part is complete as one without a file.
      status: 400,
      code: missingCode,
    },
    {
      name: 'filename=""',
      contentType: `multipart/form-data; boundary=${B}`,
      payload: body(fields, '', PDF),
      status: 400,
      code: 'UPLOAD_FILENAME_MISSING',
    },
    {
      name: 'a JSON body',
      contentType: 'application/json',
      payload: JSON.stringify(fields),
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
    {
      name: 'a plain-text body',
      contentType: 'text/plain',
      payload: PDF,
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
  ];
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describeEachDatabase('malformed multipart bodies on every upload route', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let routes: Array<{
    route: string;
    url: string;
    headers: Record<string, string>;
    fields: Record<string, string>;
    missingCode: string;
  }>;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Multipart Securities');
    assessor = await login(app, org.users.assessor);
    const base = `/api/v1/orgs/${org.orgId}`;
    const created = await app.inject({
      method: 'POST',
      url: `${base}/assessments`,
      headers: assessor.headers,
      payload: { catalogId: CATALOG, name: '115年度', period: '115年度' },
    });
    const assessment = created.json();
    const { link, questions } = await sendTestQuestionnaire(app, assessor, org.orgId, null);
    const question = questions[0];
    routes = [
      {
        route: 'evidence upload',
        url: `${base}/evidence/files`,
        headers: assessor.headers,
        fields: { title: '合約' },
        missingCode: 'EVIDENCE_FILE_MISSING',
      },
      {
        route: 'questionnaire attachment',
        url: `${link}/attachments`,
        headers: {},
        fields: { itemId: question!.itemId },
        missingCode: 'EVIDENCE_FILE_MISSING',
      },
      {
        route: 'XLSX import',
        url: `${base}/assessments/${assessment.id}/import`,
        headers: assessor.headers,
        fields: {},
        missingCode: 'IMPORT_FILE_MISSING',
      },
    ];
  });
  afterAll(() => app.close());

  it('answers each with a stable 4xx code and a message, never 500, and leaves nothing in the evidence store', async () => {
    const store = path.join(db().dataDir, 'evidence');
    const before = await filesUnder(store);
    let probed = 0;
    for (const { route, url, headers, fields, missingCode } of routes) {
      for (const bad of malformed(fields, missingCode)) {
        for (const language of ['zh-TW', 'en']) {
          const response = await app.inject({
            method: 'POST',
            url,
            headers: { ...headers, 'content-type': bad.contentType, 'accept-language': language },
            payload: bad.payload,
          });
          const what = `${route}, ${bad.name}: ${response.body}`;
          expect(response.statusCode, what).toBe(bad.status);
          expect(response.json().code, what).toBe(bad.code);
          expect(response.json().message, what).toMatch(
            language === 'en' ? /^[A-Z][^\u4e00-\u9fff]+$/ : /[\u4e00-\u9fff]/,
          );
          probed += 1;
        }
      }
    }
    expect(probed).toBe(routes.length * 6 * 2);
    expect(await filesUnder(store)).toEqual(before);
  });

  it('still takes a well-formed upload on the same routes (the refusals are about the body)', async () => {
    const [evidence, attachment] = routes;
    for (const { url, headers, fields } of [evidence!, attachment!]) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${B}` },
        payload: body(fields, 'report.pdf', PDF),
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
});
