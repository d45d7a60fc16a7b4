import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

describeEachDatabase('audit trail pages', (db) => {
  let app: App;
  let org: SeededOrg;
  let admin: Session;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Audit Pages Securities');
    admin = await login(app, org.users.admin);
    await login(app, org.users.assessor);
    await login(app, org.users.reviewer);
  });
  afterAll(() => app.close());

  it('follows nextCursor through every entry, newest first, and ends with null', async () => {
    const read = async (query: string) =>
      (
        await app.inject({ url: `/api/v1/orgs/${org.orgId}/audit?${query}`, headers: admin.headers })
      ).json() as {
        items: Array<{ seq: number }>;
        nextCursor: number | null;
      };
    const all = await read('limit=500');
    expect(all.nextCursor).toBeNull();
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const seen: number[] = [];
    let page = await read('limit=2');
    for (;;) {
      seen.push(...page.items.map((e) => e.seq));
      if (page.nextCursor === null) break;
      expect(page.nextCursor).toBe(page.items.at(-1)!.seq);
      page = await read(`limit=2&before=${page.nextCursor}`);
    }
    expect(seen).toEqual(all.items.map((e) => e.seq));
  });
});
