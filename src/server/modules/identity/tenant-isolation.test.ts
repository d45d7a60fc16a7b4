import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/support/app.js';
import { describeEachDatabase } from '../../../../test/support/databases.js';
import { login, type SeededOrg, type Session, seedOrganization } from '../../../../test/support/identity.js';
import type { App } from '../../platform/app.js';
import { isOrgPermission, ROLES, type Role, roleGrants } from './permissions.js';

/**
 * The other half of the authorization matrix: real records of another organisation, addressed through the
 * caller's own organisation path by a member whose role allows the route. Every route that takes a
 * resource id must answer as if the record did not exist — so every repository query is scoped.
 */
describeEachDatabase('tenant isolation of every resource id', (db) => {
  let app: App;
  let own: SeededOrg;
  let foreign: SeededOrg;
  const sessions = new Map<Role, Session>();
  const foreignIds: Record<string, string> = {};

  beforeAll(async () => {
    app = await createTestApp(db());
    own = await seedOrganization(db(), 'Isolation Own Securities');
    foreign = await seedOrganization(db(), 'Isolation Foreign Futures');
    for (const role of ROLES) sessions.set(role, await login(app, own.users[role]));

    const { assessments, providers } = db().services;
    const actor = { orgId: foreign.orgId, userId: foreign.users.assessor.id };
    const assessment = await assessments.lifecycle.create(actor, {
      catalogRef: 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
      name: 'Foreign',
      period: '2026',
    });
    const { items } = await assessments.insights.load(foreign.orgId, assessment.id);
    const evidence = await assessments.evidence.createLink(actor, 'https://foreign.example/doc', {
      title: 'x',
    });
    const provider = await providers.providers.create(actor, {
      name: 'Foreign cloud',
      serviceModels: ['SaaS'],
      critical: true,
    });
    const contact = await providers.providers.addContact(actor, provider.id, {
      name: 'C',
      email: 'c@foreign.example',
    });
    const incident = await providers.providers.recordIncident(actor, provider.id, {
      kind: 'security_incident',
      occurredAt: '2026-01-01T00:00:00.000Z',
      summary: 'x',
    });
    const sent = await providers.questionnaires.send(
      actor,
      provider.id,
      contact.id,
      'https://x.example',
      null,
    );
    const token = new URL(sent.link).pathname.split('/').at(-1)!;
    const attachment = await providers.questionnaires.attachByToken(
      token,
      'item-4',
      Readable.from([Buffer.from('%PDF-1.7\n%%EOF\n')]),
      'report.pdf',
    );
    Object.assign(foreignIds, {
      assessmentId: assessment.id,
      otherId: assessment.id,
      itemId: items[0]!.item.id,
      evidenceId: evidence.id,
      providerId: provider.id,
      incidentId: incident.id,
      questionnaireId: sent.questionnaire.id,
      attachmentId: attachment.id,
      userId: foreign.users.viewer.id,
    });
  });
  afterAll(() => app.close());

  it('finds no other organisation’s record through any route, for any role allowed to call it', async () => {
    const leaks: string[] = [];
    const routes = app.appRoutes.filter(
      (r) => isOrgPermission(r.permission as string) && /:(?!orgId)[A-Za-z]+/.test(r.url),
    );
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!).filter((p) => p !== 'orgId');
      const unknown = params.filter((p) => !(p in foreignIds));
      expect(unknown, `${route.method} ${route.url}`).toEqual([]);
      const role = ROLES.find((r) => roleGrants(r, route.permission as Parameters<typeof roleGrants>[1]))!;
      const url = route.url
        .replace(':orgId', own.orgId)
        .replace(/:([A-Za-z]+)/g, (_, p: string) => foreignIds[p]!);
      const response = await app.inject({
        method: route.method as 'GET',
        url,
        headers: sessions.get(role)!.headers,
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      // 404 is the answer; 400 means the request was refused before any lookup (empty body).
      if (![400, 404].includes(response.statusCode))
        leaks.push(
          `${role} ${route.method} ${route.url} → ${response.statusCode} ${response.body.slice(0, 120)}`,
        );
    }
    expect(leaks).toEqual([]);
  });

  it('refuses another organisation’s evidence as a register reference', async () => {
    const assessor = sessions.get('assessor')!;
    const provider = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${own.orgId}/providers`,
      headers: assessor.headers,
      payload: {
        name: 'Own cloud',
        serviceModels: ['IaaS'],
        critical: true,
        starReportEvidenceId: foreignIds.evidenceId,
      },
    });
    expect(provider.statusCode).toBe(404);
    expect(provider.json().code).toBe('EVIDENCE_NOT_FOUND');
  });
});
