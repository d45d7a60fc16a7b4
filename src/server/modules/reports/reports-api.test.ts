import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { multipart } from '../../../../test/support/multipart.js';
import { oscalValidator } from '../../../../test/support/oscal.js';
import {
  describeOverlaps,
  findOverlaps,
  pdfText,
  pdftotextIfPresent,
  readPdf,
} from '../../../../test/support/pdf-text.js';
import type { App } from '../../platform/app.js';

const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';
const ORG_NAME = '檢核測試證券股份有限公司';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Item {
  id: string;
  number: number;
  result: string;
  explanation: string;
  compensatingControl: string;
  version: number;
}

describeEachDatabase('assessment exports and XLSX re-import', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let base: string;
  let assessmentId: string;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), ORG_NAME);
    assessor = await login(app, org.users.assessor);
    base = `/api/v1/orgs/${org.orgId}`;
    const created = await call('POST', '/assessments', {
      catalogId: CATALOG,
      name: '115年度自評',
      period: '115年度',
    });
    assessmentId = created.json().id;
    // A gap with its compensating control and due date, and an explanation crafted as a formula.
    const all = await items();
    await answer(all[4]!, {
      result: 'non_compliant',
      explanation: '尚未完成稽核',
      compensatingControl: '每季檢視供應商報告',
      dueDate: '2027-03-31',
    });
    await answer(all[7]!, {
      result: 'compliant',
      explanation: '=HYPERLINK("https://evil.example/steal","點此")',
    });
    // In scope, but answered 不適用: counted as applicable, left out of the rate.
    await answer(all[10]!, { result: 'not_applicable', explanation: '本公司未使用此類服務' });
  });
  afterAll(() => app.close());

  const call = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url: `${base}${url}`,
      headers: { ...assessor.headers, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const items = async () => (await call('GET', `/assessments/${assessmentId}`)).json().items as Item[];
  const answer = async (item: Item, patch: Record<string, unknown>) => {
    const response = await call('PATCH', `/assessment-items/${item.id}`, { version: item.version, ...patch });
    expect(response.statusCode, response.body).toBe(200);
  };
  const exportAs = (format: string, lang = 'zh-TW') =>
    call('GET', `/assessments/${assessmentId}/export?format=${format}&lang=${lang}`);
  const importFile = (content: Buffer, query = '') => {
    const form = multipart({}, { name: 'checklist.xlsx', content, type: XLSX_TYPE });
    return app.inject({
      method: 'POST',
      url: `${base}/assessments/${assessmentId}/import${query}`,
      headers: { ...assessor.headers, ...form.headers },
      payload: form.payload,
    });
  };
  const workbookOf = async (content: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    return workbook;
  };
  const rowOf = (sheet: ExcelJS.Worksheet, number: number) => {
    for (let r = 2; r <= sheet.rowCount; r += 1)
      if (sheet.getRow(r).getCell(1).value === number) return sheet.getRow(r);
    throw new Error(`no row for item ${number}`);
  };
  const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

  it('exports the checklist in the published layout, with summary and hidden re-import sheet', async () => {
    const response = await exportAs('xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX_TYPE);
    expect(response.headers['content-disposition']).toMatch(/\.xlsx/);
    const workbook = await workbookOf(response.rawPayload);
    // The remediation sheet (the gap answered below opens an item) sits between summary and metadata.
    const [sheet, summary] = workbook.worksheets;
    const meta = workbook.getWorksheet('_jianhe');
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['檢核表', '摘要', '改善計畫', '_jianhe']);
    expect((sheet!.getRow(1).values as unknown[]).slice(1)).toEqual([
      '項次',
      '章節',
      '章節名稱',
      '檢核項目',
      '適用',
      '自評結果',
      '說明',
      '補償性措施',
      '佐證資料',
      '負責人',
      '最後更新',
    ]);
    expect(sheet!.rowCount).toBe(64);
    expect(sheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet!.autoFilter).toBeTruthy();
    expect(sheet!.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '1:1' });
    expect(rowOf(sheet!, 1).getCell(3).value).toBe('雲端運算服務運作安全\n(組織為使用者時適用)');
    expect(rowOf(sheet!, 1).getCell(4).alignment).toMatchObject({ wrapText: true });
    expect(rowOf(sheet!, 5).getCell(6).value).toBe('不符合');
    expect(rowOf(sheet!, 5).getCell(8).value).toBe('每季檢視供應商報告');
    expect(summary!.getCell('B1').value).toBe(ORG_NAME);
    expect(meta!.state).toBe('veryHidden');
    expect(meta!.getCell('B2').value).toBe(assessmentId);

    const english = await workbookOf((await exportAs('xlsx', 'en')).rawPayload);
    expect(english.worksheets[0]!.getRow(1).getCell(6).value).toBe('Result');
  });

  it('keeps formula-like answers inert: typed text in XLSX (read as written), apostrophe-prefixed in CSV', async () => {
    const workbook = await workbookOf((await exportAs('xlsx')).rawPayload);
    const cell = rowOf(workbook.worksheets[0]!, 8).getCell(7);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe('=HYPERLINK("https://evil.example/steal","點此")');
    const csv = await exportAs('csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFF項次,章節,章節名稱')).toBe(true);
    expect(csv.body).toContain('"\'=HYPERLINK(""https://evil.example/steal"",""點此"")"');
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('round-trips: three answers changed offline change exactly those three items', async () => {
    const before = await items();
    const workbook = await workbookOf((await exportAs('xlsx')).rawPayload);
    const sheet = workbook.worksheets[0]!;
    // An untouched export imports as no change at all, the neutralised formula included.
    const untouched = await importFile(await toBuffer(workbook), '?dryRun=true');
    expect(untouched.json()).toEqual({ applied: false, changes: [], errors: [] });

    rowOf(sheet, 1).getCell(6).value = '符合';
    rowOf(sheet, 1).getCell(7).value = '已完成服務水準評估';
    rowOf(sheet, 2).getCell(6).value = '部分符合';
    rowOf(sheet, 2).getCell(8).value = '以人工覆核替代';
    rowOf(sheet, 3).getCell(7).value = '每年檢視合約';
    const edited = await toBuffer(workbook);

    const preview = await importFile(edited, '?dryRun=true');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().changes.map((c: { itemNumber: number }) => c.itemNumber)).toEqual([1, 2, 3]);
    expect(await items()).toEqual(before);

    const applied = await importFile(edited);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().applied).toBe(true);
    const after = await items();
    const changed = after.filter((item, i) => JSON.stringify(item) !== JSON.stringify(before[i]));
    expect(changed.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(changed[0]).toMatchObject({ result: 'compliant', explanation: '已完成服務水準評估' });
    expect(changed[1]).toMatchObject({
      result: 'partially_compliant',
      compensatingControl: '以人工覆核替代',
    });
    expect(changed[2]).toMatchObject({ result: 'not_assessed', explanation: '每年檢視合約' });
  });

  it('rejects a file with one invalid row, names the row by 項次 and column, and changes nothing', async () => {
    const workbook = await workbookOf((await exportAs('xlsx')).rawPayload);
    const sheet = workbook.worksheets[0]!;
    rowOf(sheet, 6).getCell(7).value = '這一列是正確的';
    rowOf(sheet, 9).getCell(6).value = '不符合'; // no 補償性措施
    const file = await toBuffer(workbook);
    const before = await items();

    const rejected = await importFile(file);
    expect(rejected.statusCode).toBe(422);
    expect(rejected.json().code).toBe('IMPORT_REJECTED');
    expect(rejected.json().details.errors).toEqual([
      expect.objectContaining({
        itemNumber: 9,
        column: 'compensatingControl',
        code: 'COMPENSATING_CONTROL_REQUIRED',
      }),
    ]);
    expect(await items()).toEqual(before);

    const report = await importFile(file, '?report=csv');
    expect(report.headers['content-type']).toMatch(/^text\/csv/);
    expect(report.body).toContain('9,補償性措施,COMPENSATING_CONTROL_REQUIRED');

    rowOf(sheet, 9).getCell(6).value = '大致符合';
    const invalid = (await importFile(await toBuffer(workbook), '?dryRun=true')).json();
    expect(invalid.errors).toEqual([
      expect.objectContaining({ itemNumber: 9, column: 'result', code: 'IMPORT_INVALID_RESULT' }),
    ]);
  });

  it('refuses to overwrite an item edited in Jianhe after the export', async () => {
    const workbook = await workbookOf((await exportAs('xlsx')).rawPayload);
    const item10 = (await items()).find((i) => i.number === 10)!;
    await answer(item10, { explanation: '線上修改' });
    rowOf(workbook.worksheets[0]!, 10).getCell(7).value = '離線修改';
    const outcome = (await importFile(await toBuffer(workbook), '?dryRun=true')).json();
    expect(outcome.errors).toEqual([
      expect.objectContaining({ itemNumber: 10, code: 'IMPORT_ITEM_CHANGED_SINCE_EXPORT' }),
    ]);
  });

  it('refuses files that are not this assessment’s export', async () => {
    const notXlsx = await importFile(Buffer.from('項次,說明\n1,x\n'));
    expect(notXlsx.statusCode).toBe(422);
    expect(notXlsx.json().code).toBe('IMPORT_NOT_XLSX');
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('Sheet1').addRow(['項次']);
    const foreign = await importFile(await toBuffer(plain));
    expect(foreign.json().code).toBe('IMPORT_NOT_A_JIANHE_EXPORT');
  });

  it('adds up on the summary sheet from the SQL counts, with answered 不適用 in its own column', async () => {
    const summary = (await workbookOf((await exportAs('xlsx')).rawPayload)).worksheets[1]!;
    const header = summary.getColumn(1).values.indexOf('章節');
    const total = summary.getColumn(1).values.indexOf('合計');
    expect(total).toBeGreaterThan(header + 1);
    for (let r = header + 1; r <= total; r += 1) {
      const [, , items, outOfScope, applicable, ...counts] = (summary.getRow(r).values as number[]).slice(1);
      expect(items, `row ${r}`).toBe(outOfScope! + applicable!);
      expect(applicable, `row ${r}`).toBe(counts.slice(0, 5).reduce((sum, n) => sum + n, 0));
    }
    const line = (summary.getRow(total).values as Array<number | string>).slice(1);
    expect(line[2]).toBe(63);
    expect(line[7]).toBe(1); // 不符合: item 5
    expect(line[8]).toBe(1); // 不適用: item 11
  });

  it('writes a zh-TW PDF that a JavaScript reader reads: organisation, chapter names and every 項次', async () => {
    const response = await exportAs('pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pages = await readPdf(response.rawPayload);
    const text = pdfText(pages);
    expect(text).toContain(ORG_NAME);
    expect(text).toContain('雲端運算服務運作安全');
    expect(text).toContain('補償性措施');
    expect(text).toContain('每季檢視供應商報告');
    expect(text).not.toContain('urn:');
    const overlaps = findOverlaps(pages);
    expect(overlaps, describeOverlaps(overlaps)).toEqual([]);
    // 項次 is the table's first column: every number from 1 to 63 prints there.
    const table = pages.slice(pages.findIndex((page) => page.text.includes('檢核項目明細')));
    const numbers = new Set(
      table.flatMap((page) =>
        page.items.filter((i) => i.x < 60 && /^\d{1,2}$/.test(i.text)).map((i) => Number(i.text)),
      ),
    );
    for (let n = 1; n <= 63; n += 1) expect(numbers.has(n), `項次 ${n}`).toBe(true);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, index) => {
      expect(page.text, `page ${index + 1}`).toContain(`第 ${index + 1} 頁`);
      expect(page.text, `page ${index + 1}`).toContain('產生時間');
    });
    expect(text).toContain('簽核紀錄');
    expect(text).toContain('尚無佐證資料。');
    // Where poppler is installed, it reads the same number of pages (an extra check, never required).
    const poppler = pdftotextIfPresent(response.rawPayload);
    if (poppler !== null)
      expect(poppler.split('\f').filter((page) => page.trim() !== '').length).toBe(pages.length);
  });

  it('exports OSCAL assessment results and POA&M that validate against the NIST schemas', async () => {
    const validateAr = oscalValidator('assessment-results');
    const ar = (await exportAs('oscal-ar')).json();
    expect(validateAr(ar), JSON.stringify(validateAr.errors?.slice(0, 3))).toBe(true);
    const findings = ar['assessment-results'].results[0].findings as Array<{
      title: string;
      target: { status: { state: string } };
    }>;
    expect(findings.find((f) => f.title === '項次 5')!.target.status.state).toBe('not-satisfied');
    expect(findings.find((f) => f.title === '項次 8')!.target.status.state).toBe('satisfied');

    const validatePoam = oscalValidator('poam');
    const poam = (await exportAs('oscal-poam')).json();
    expect(validatePoam(poam), JSON.stringify(validatePoam.errors?.slice(0, 3))).toBe(true);
    const plan = poam['plan-of-action-and-milestones'];
    const risk5 = plan.risks.find((r: { title: string }) => r.title.startsWith('項次 5'));
    expect(risk5.deadline).toBe('2027-03-31T23:59:59+08:00');
    expect(risk5.remediations[0].description).toBe('每季檢視供應商報告');

    const broken = structuredClone(ar);
    delete broken['assessment-results'].results;
    expect(validateAr(broken)).toBe(false);
    const brokenPoam = structuredClone(poam);
    brokenPoam['plan-of-action-and-milestones'].risks[0].status = undefined;
    delete brokenPoam['plan-of-action-and-milestones'].risks[0].status;
    expect(validatePoam(brokenPoam)).toBe(false);
  });

  it('also exports by assessment id alone, to members of its organisation only', async () => {
    const byId = await app.inject({
      method: 'GET',
      url: `/api/v1/assessments/${assessmentId}/export?format=csv`,
      headers: assessor.headers,
    });
    expect(byId.statusCode).toBe(200);
    expect(byId.body).toBe((await exportAs('csv')).body);
    const outsider = await login(app, (await seedOrganization(db(), 'Export Outsider Futures')).users.viewer);
    const refused = await app.inject({
      method: 'GET',
      url: `/api/v1/assessments/${assessmentId}/export?format=csv`,
      headers: outsider.headers,
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('ASSESSMENT_NOT_FOUND');
    // Exactly the answer for an id that exists nowhere: the outsider learns nothing.
    const unknown = await app.inject({
      method: 'GET',
      url: `/api/v1/assessments/${randomUUID()}/export?format=csv`,
      headers: outsider.headers,
    });
    const { requestId: _a, ...refusedBody } = refused.json();
    const { requestId: _b, ...unknownBody } = unknown.json();
    expect(unknown.statusCode).toBe(404);
    expect(unknownBody).toEqual(refusedBody);
    const anonymous = await app.inject({
      method: 'GET',
      url: `/api/v1/assessments/${assessmentId}/export?format=csv`,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses an unknown format with a validation error', async () => {
    const response = await exportAs('docx');
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
  });
});
