import { Readable } from 'node:stream';
import type { IdKind } from '../../src/server/modules/identity/id-kinds.js';
import { classify, nextBusinessId } from './campaigns.js';
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
  const campaignRecords = await seedCampaignRecords(db, org, label);
  return {
    ...campaignRecords,
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
  };
}

/**
 * Campaign records: the organisation acts as an association (a member it invited, a campaign), and is itself
 * a member of another association (its membership there, its place in that association's campaign).
 */
async function seedCampaignRecords(db: TestDatabase, org: SeededOrg, label: string) {
  const { association, participation } = db.services.campaigns;
  const businessId = await classify(db, org, 'association');
  const actor = { orgId: org.orgId, userId: org.users.admin.id };
  const member = await association.inviteMember(actor, { businessId: nextBusinessId(), sizeBand: 'small' });
  const campaign = await association.createCampaign(actor, {
    name: `${label} campaign`,
    period: '115年度',
    catalogRef: CATALOG_REF,
    deadline: '2099-12-31',
    memberIds: [],
  });
  const other = await db.services.organizations.create(null, {
    name: `${label} association ${org.orgId.slice(0, 8)}`,
    industry: 'association',
  });
  const otherActor = { orgId: other.id, userId: org.users.admin.id };
  const offer = await association.inviteMember(otherActor, { businessId });
  await participation.decide(actor, offer.id, 'accept');
  const theirCampaign = await association.createCampaign(otherActor, {
    name: `${label} yearly collection`,
    period: '115年度',
    catalogRef: CATALOG_REF,
    deadline: '2099-12-31',
    memberIds: [offer.id],
  });
  const [place] = (await participation.participations(org.orgId)).filter(
    (p) => p.campaign_id === theirCampaign.id,
  );
  return {
    campaign: campaign.id,
    associationMember: member.id,
    incomingMembership: offer.id,
    participation: place!.id,
  };
}
