import ExcelJS from 'exceljs';
import type { AssessmentResult } from '../../src/server/modules/assessments/domain/results.js';
import { isValidBusinessId } from '../../src/server/modules/identity/business-id.js';
import type { Industry } from '../../src/server/modules/identity/organizations.service.js';
import type { TestDatabase } from './databases.js';
import type { SeededOrg } from './identity.js';
import { pdfText, readPdf } from './pdf-text.js';
import { CATALOG_REF } from './tenant-records.js';

let businessIdCounter = 1_000_000 + Math.floor(Math.random() * 8_000_000);

/** A fresh 統一編號 that passes the checksum (seven running digits and the check digit that fits). */
export function nextBusinessId(): string {
  for (;;) {
    const stem = String(businessIdCounter++ % 10_000_000).padStart(7, '0');
    for (let d = 0; d < 10; d++) if (isValidBusinessId(`${stem}${d}`)) return `${stem}${d}`;
  }
}

/** Gives a seeded organisation an industry and a 統一編號 through the real service. */
export async function classify(db: TestDatabase, org: SeededOrg, industry: Industry): Promise<string> {
  const businessId = nextBusinessId();
  await db.services.organizations.update(org.users.admin.id, org.orgId, { industry, businessId });
  return businessId;
}

/**
 * An assessment answered (result per item index), reviewed and approved through the real services. Items out
 * of scope stay 不適用 as scoping made them.
 */
export async function approvedAssessment(
  db: TestDatabase,
  org: SeededOrg,
  resultOf: (index: number) => Exclude<AssessmentResult, 'not_assessed'>,
  existingId?: string,
): Promise<string> {
  const { lifecycle, items, insights } = db.services.assessments;
  const assessor = { orgId: org.orgId, userId: org.users.assessor.id };
  const id =
    existingId ??
    (
      await lifecycle.create(assessor, {
        catalogRef: CATALOG_REF,
        name: 'Campaign answers',
        period: '115年度',
      })
    ).id;
  const loaded = await insights.load(org.orgId, id);
  const applicable = loaded.items.filter((e) => e.item.applicable === 1);
  await items.updateMany(
    assessor,
    applicable.map((e, i) => {
      const result = resultOf(i);
      return {
        itemRowId: e.item.id,
        expectedVersion: e.item.version,
        patch: {
          result,
          explanation: `explanation ${i}`,
          compensatingControl:
            result === 'partially_compliant' || result === 'non_compliant' ? `control ${i}` : '',
        },
      };
    }),
  );
  await lifecycle.act(assessor, id, 'submit');
  const reviewer = { orgId: org.orgId, userId: org.users.reviewer.id };
  for (const e of (await insights.load(org.orgId, id)).items.filter((x) => x.item.applicable === 1))
    await items.review(reviewer, e.item.id, e.item.version, { status: 'validated' });
  await lifecycle.act({ orgId: org.orgId, userId: org.users.approver.id }, id, 'approve', {
    secondFactorConfirmed: true,
  });
  return id;
}

/** The association-facing campaign routes and the member-side ones, by path. */
export const isCampaignRoute = (url: string) =>
  /^\/api\/v1\/orgs\/:orgId\/(association|associations|campaigns|participations)(\/|$)/.test(url);

/**
 * What a person reads in a response, as text: JSON as sent, every cell of an XLSX workbook, every page of a
 * PDF (both are compressed on the wire, so a marker in them would not show in the raw bytes).
 */
export async function readableText(response: {
  headers: Record<string, unknown>;
  rawPayload: Buffer;
  body: string;
}): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  if (type.includes('spreadsheetml')) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
    return cells.join('\n');
  }
  if (type.includes('application/pdf')) return pdfText(await readPdf(response.rawPayload));
  return response.body;
}
