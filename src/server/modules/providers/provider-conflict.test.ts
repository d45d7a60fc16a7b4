import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';

describeEachDatabase('provider register: a stale write', (db) => {
  let app: App;
  let org: SeededOrg;
  let assessor: Session;

  beforeAll(async () => {
    app = await createTestApp(db());
    org = await seedOrganization(db(), 'Provider Conflict Securities');
    assessor = await login(app, org.users.assessor);
  });
  afterAll(() => app.close());

  it('gets 409 with the provider as it now stands, in its public form', async () => {
    const base = `/api/v1/orgs/${org.orgId}/providers`;
    const created = await app.inject({
      method: 'POST',
      url: base,
      headers: assessor.headers,
      payload: { name: 'Conflict cloud', serviceModels: ['SaaS'], critical: true },
    });
    const { id, version } = created.json();
    const first = await app.inject({
      method: 'PATCH',
      url: `${base}/${id}`,
      headers: assessor.headers,
      payload: { version, notes: 'first' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await app.inject({
      method: 'PATCH',
      url: `${base}/${id}`,
      headers: assessor.headers,
      payload: { version, notes: 'second' },
    });
    expect(stale.statusCode).toBe(409);
    const current = stale.json().details.current;
    expect(current).toMatchObject({
      id,
      name: 'Conflict cloud',
      notes: 'first',
      version: version + 1,
      contacts: [],
    });
    expect(current).not.toHaveProperty('org_id');
    expect(current).not.toHaveProperty('service_models');
  });
});
