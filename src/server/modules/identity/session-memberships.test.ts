import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { classify } from '../../../../test/support/campaigns.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

// The web's navigation offers association management to associations and registers to firms, from the
// industry each membership of the session carries.
describeEachDatabase('session memberships carry the organisation kind', (db) => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp(db());
  });
  afterAll(() => app.close());

  const kindsOf = async (user: Parameters<typeof login>[1]) => {
    const session = await login(app, user);
    const answer = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session.headers });
    return answer.json<{ memberships: Array<{ orgId: string; industry: string }> }>().memberships;
  };

  it('names each organisation’s industry, so an association and a firm are told apart', async () => {
    const firm = await seedOrganization(db(), 'Session Kind Securities');
    const association = await seedOrganization(db(), 'Session Kind Association');
    await classify(db(), association, 'association');
    expect(await kindsOf(firm.users.viewer)).toEqual([
      expect.objectContaining({ orgId: firm.orgId, industry: 'securities' }),
    ]);
    expect(await kindsOf(association.users.viewer)).toEqual([
      expect.objectContaining({ orgId: association.orgId, industry: 'association' }),
    ]);
  });
});
