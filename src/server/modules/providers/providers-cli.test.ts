import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../../test/support/cli.js';
import { cliEnvFor, describeEachDatabase } from '../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';

describeEachDatabase('jianhe providers', (db) => {
  let org: SeededOrg;
  beforeAll(async () => {
    org = await seedOrganization(db(), 'CLI 投信');
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const { providers } = db().services.providers;
    await providers.create(actor, {
      name: '=HYPERLINK("http://evil")',
      serviceModels: ['SaaS'],
      critical: false,
    });
    const gold = await providers.create(actor, {
      name: '金牌雲',
      serviceModels: ['IaaS'],
      critical: true,
      starStatus: 'level2_certification_gold',
      starValidUntil: '2099-12-31',
      contractStatesRto: true,
      rtoHours: 4,
    });
    await providers.recordAudit(actor, gold.id, {
      auditDate: '2026-06-30',
      auditType: 'report_review',
      result: 'satisfactory',
    });
  });

  it('lists providers with their audit mode and due date', async () => {
    const result = await runCli(['providers', 'list', '--org', 'CLI 投信'], cliEnvFor(db()));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /金牌雲 {2}critical {2}level2_certification_gold {2}report_or_onsite {2}next 2027-06-30/,
    );
  });

  it('exports CSV with a BOM and neutralised formula cells', async () => {
    const result = await runCli(['providers', 'export', '--org', org.orgId], cliEnvFor(db()));
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('\uFEFF名稱 Name,')).toBe(true);
    expect(result.stdout).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(result.stdout).not.toMatch(/^=|,=/m);
  });
});
