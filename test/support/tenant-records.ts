import { Readable } from 'node:stream';
import type { IdKind } from '../../src/server/modules/identity/id-kinds.js';
import type { TestDatabase } from './databases.js';
import type { SeededOrg } from './identity.js';

export const CATALOG_REF = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

/** One real record of every kind the access layer resolves, in `org`, made through the real services. */
export type RecordIds = Record<Exclude<IdKind, 'external' | 'ownSession'>, string>;

export async function seedRecords(db: TestDatabase, org: SeededOrg, label: string): Promise<RecordIds> {
  const { assessments, providers, tokens } = db.services;
  const actor = { orgId: org.orgId, userId: org.users.assessor.id };
  const assessment = await assessments.lifecycle.create(actor, {
    catalogRef: CATALOG_REF,
    name: `${label} assessment`,
    period: '2026',
  });
  const { items } = await assessments.insights.load(org.orgId, assessment.id);
  const evidence = await assessments.evidence.uploadFile(
    actor,
    Readable.from([Buffer.from(`%PDF-1.7\n% ${label}\n%%EOF\n`)]),
    `${label}.pdf`,
    { title: `${label} evidence` },
  );
  const provider = await providers.providers.create(actor, {
    name: `${label} cloud`,
    serviceModels: ['SaaS'],
    critical: true,
  });
  const contact = await providers.providers.addContact(actor, provider.id, {
    name: `${label} contact`,
    email: `contact@${label}.example`,
  });
  const incident = await providers.providers.recordIncident(actor, provider.id, {
    kind: 'security_incident',
    occurredAt: '2026-01-01T00:00:00.000Z',
    summary: `${label} incident`,
  });
  const sent = await providers.questionnaires.send(actor, provider.id, contact.id, 'https://x.example', null);
  const token = new URL(sent.link).pathname.split('/').at(-1)!;
  const attachment = await providers.questionnaires.attachByToken(
    token,
    'item-4',
    Readable.from([Buffer.from('%PDF-1.7\n%%EOF\n')]),
    'report.pdf',
  );
  // An open invitation the organisation sent, and one another organisation sent to this organisation's
  // viewer (the viewer's own, to accept).
  const inviter = await db.services.organizations.create(null, {
    name: `${label} inviter ${org.orgId.slice(0, 8)}`,
    industry: 'other',
  });
  const invitation = await db.services.invitations.invite(
    org.users.admin.id,
    org.orgId,
    { email: `invitee@${label}.example`, role: 'viewer' },
    'https://x.example',
  );
  const viewerInvitation = await db.services.invitations.invite(
    org.users.admin.id,
    inviter.id,
    { email: org.users.viewer.email, role: 'viewer' },
    'https://x.example',
  );
  const apiToken = await tokens.create(org.users.viewer.id, {
    orgId: org.orgId,
    name: `${label} token`,
    permissions: ['assessment:read'],
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  // A registered endpoint and one stored run of it: `<label>.example` does not resolve, so the run is
  // stored at once as refused, with the host (a leak marker) in its target and observations.
  const endpoint = await db.services.checks.endpoints.create(actor, {
    providerId: provider.id,
    purpose: `${label} portal`,
    host: `${label}.example`,
    port: 443,
    kind: 'reachability',
    supportedItems: ['item-7'],
  });
  const run = await db.services.checks.runs.runNow(actor, endpoint.id);
  return {
    assessment: assessment.id,
    assessmentItem: items[0]!.item.id,
    evidence: evidence.id,
    provider: provider.id,
    providerContact: contact.id,
    providerIncident: incident.id,
    questionnaire: sent.questionnaire.id,
    questionnaireAttachment: attachment.id,
    member: org.users.viewer.id,
    ownApiToken: apiToken.row.id,
    ownOrganization: org.orgId,
    invitation: invitation.invitation.id,
    ownInvitation: viewerInvitation.invitation.id,
    checkEndpoint: endpoint.id,
    checkRun: run.id,
  };
}
