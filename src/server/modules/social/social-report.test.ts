import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import { describeOverlaps, findOverlaps, readPdf, squeeze } from '../../../../test/support/pdf-text.js';
import { CATALOG_REF } from '../../../../test/support/tenant-records.js';
import type { App } from '../../platform/app.js';
import { addMonths, todayInTaipei } from '../providers/domain/calendar-date.js';

/** The register as a section of the PDF report, read back with pdf.js from the export route. */
describeEachDatabase('social register in the PDF report', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;
  let assessmentId: string;
  const base = () => `/api/v1/orgs/${org.orgId}`;
  const today = todayInTaipei();

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Social Report Securities');
    assessor = await login(app, org.users.assessor);
    ({ id: assessmentId } = await db().services.assessments.lifecycle.create(
      { orgId: org.orgId, userId: org.users.assessor.id },
      { catalogRef: CATALOG_REF, name: '社群報告自評', period: '115年度' },
    ));
  });
  afterAll(() => app.close());

  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url: `${base()}/social${url}`, headers: assessor.headers, payload });
  const pdfText = async (lang: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `${base()}/assessments/${assessmentId}/export?format=pdf&lang=${lang}`,
      headers: assessor.headers,
    });
    expect(response.statusCode).toBe(200);
    return readPdf(response.rawPayload);
  };

  it('prints no register section while the organisation keeps none', async () => {
    const pages = await pdfText('zh-TW');
    expect(pages.some((p) => p.text.includes('社群媒體帳號清冊及審閱'))).toBe(false);
  });

  it('prints the accounts and each review with its due date, overdue marked, in either language', async () => {
    const account = await post('/accounts', {
      platform: 'line',
      handle: '@firm-report',
      purpose: '客戶服務',
      secondFactorMethod: 'authenticator_app',
      secondFactorVerifiedOn: today,
      profileShowsIdentity: true,
    });
    expect(account.statusCode).toBe(201);
    await post('/accounts', { platform: 'x', handle: '@firm-news', purpose: '新聞稿' });
    const risk = await post('/platform-risks', {
      platform: 'line',
      businessUse: true,
      risks: [{ kind: 'data_leakage', description: '' }],
      controls: [],
      reviewedOn: addMonths(today, -13),
    });
    expect(risk.statusCode).toBe(201);
    const review = await post('/privacy-reviews', {
      platform: 'line',
      reviewedOn: today,
      summary: '',
      conclusion: 'acceptable_with_measures',
      policyText: 'LINE privacy policy',
    });
    expect(review.statusCode).toBe(201);

    const pages = await pdfText('zh-TW');
    const section = pages.filter((p) => p.text.includes('社群媒體帳號清冊及審閱'));
    expect(section).toHaveLength(1);
    const text = squeeze(section[0]!.text);
    for (const expected of ['@firm-report', '@firm-news', '驗證器App', '未確認', '採取措施後可接受'])
      expect(text).toContain(squeeze(expected));
    expect(text).toContain(`${addMonths(today, -1)}（已逾期）`);
    expect(text).toContain(addMonths(today, 12));
    const overlaps = findOverlaps(section);
    expect(overlaps, describeOverlaps(overlaps)).toEqual([]);

    const english = (await pdfText('en')).filter((p) => p.text.includes('Social media register and reviews'));
    expect(squeeze(english[0]!.text)).toContain(squeeze(`${addMonths(today, -1)} (overdue)`));
    expect(squeeze(english[0]!.text)).toContain('Acceptablewithmeasures');
  });
});
