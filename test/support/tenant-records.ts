import { Readable } from 'node:stream';
import type { IdKind } from '../../src/server/modules/identity/id-kinds.js';
import { classify, nextBusinessId } from './campaigns.js';
import type { TestDatabase } from './databases.js';
import { createMember, type SeededOrg } from './identity.js';

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
  const device = await deviceRecords(db, org, label);
  const remediation = await db.services.remediation.items.create(actor, {
    title: `${label} remediation`,
    ownerId: org.users.assessor.id,
    plannedCompletion: '2026-12-31',
    milestones: [{ title: `${label} milestone`, dueOn: '2026-10-01' }],
  });
  const { milestones } = await db.services.remediation.items.detail(org.orgId, remediation.id);
  await db.services.notifications.notify(
    org.orgId,
    org.users.viewer.id,
    'due-reminder',
    { title: `${label} duty`, dueOn: '2026-12-31', offset: 7, link: '/' },
    { dedupeKey: `seed:${label}` },
  );
  const [notification] = await db.services.notifications.list(org.orgId, org.users.viewer.id, 1);
  const { appRegister } = db.services;
  const mobileApp = await appRegister.apps.create(actor, {
    name: `${label} trading app`,
    platforms: ['android'],
    bundleId: `tw.example.${label.replace(/[^A-Za-z0-9]/g, '').toLowerCase() || 'app'}${org.orgId.slice(0, 8)}`,
    vendorKind: 'outside',
  });
  const release = await appRegister.releases.create(actor, mobileApp.id, {
    appVersion: '1.0.0',
    buildNumber: '1',
  });
  const attested = await appRegister.releases.addAttestation(actor, release.id, {
    subject: 'no-malicious-code',
    dueDate: '2026-12-31',
  });
  const template = await appRegister.apps.createTemplate(
    actor,
    mobileApp.id,
    { channel: 'sms', name: `${label} OTP`, body: '您的驗證碼為 {{code}}' },
    'en',
  );
  const social = await seedSocialRecords(db, org, label);
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
  const campaignRecords = await seedCampaignRecords(db, org, label);
  return {
    ...campaignRecords,
    ...social,
    ...device,
    mobileApp: mobileApp.id,
    appRelease: release.id,
    appAttestation: attested.attestations[0]!.id,
    appTemplate: template.id,
    checkEndpoint: endpoint.id,
    checkRun: run.id,
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
    remediationItem: remediation.id,
    remediationMilestone: milestones[0]!.id,
    notification: notification!.id,
  };
}

/** A device held by a member whose department then changes (its task), a BYOD agreement, an allowed app. */
async function deviceRecords(db: TestDatabase, org: SeededOrg, label: string) {
  const { devices, byod, programme } = db.services.devices;
  const actor = { orgId: org.orgId, userId: org.users.assessor.id };
  const holder = await createMember(db, org.orgId, { email: `holder@${label}.example`, role: 'viewer' });
  const device = await devices.create(actor, {
    name: `${label} phone`,
    type: 'phone',
    platform: 'ios',
    ownership: 'company',
    holderUserId: holder.id,
    handlesSensitive: true,
    connectsDirectly: true,
  });
  await db.services.organizations.updateMember(org.users.admin.id, org.orgId, holder.id, {
    department: label,
  });
  const [task] = await devices.tasksOf(org.orgId, 'open');
  const agreement = await byod.publish(actor, {
    title: `${label} BYOD`,
    usageLimits: 'limits',
    firmResponsibilities: 'firm',
    holderResponsibilities: 'holder',
    validDays: 365,
  });
  const app = await programme.addAllowedApp(actor, {
    platform: 'ios',
    appIdentifier: `com.${label}.app`.toLowerCase().replace(/[^a-z.]/g, ''),
    name: `${label} app`,
    reviewer: 'Reviewer',
    reviewedOn: '2026-11-01',
  });
  return { device: device.id, deviceTask: task!.id, byodAgreement: agreement.id, allowedApp: app.id };
}

/** The social-media register's records (accounts, administrators, policy, risks, posts, site pages). */
async function seedSocialRecords(db: TestDatabase, org: SeededOrg, label: string) {
  const { social } = db.services;
  const admin = { orgId: org.orgId, userId: org.users.admin.id };
  const account = await social.accounts.create(admin, {
    platform: 'facebook',
    handle: `${label} fanpage`,
    purpose: `${label} official page`,
  });
  const accountAdmin = await social.accounts.addAdmin(admin, account.id, {
    userId: org.users.viewer.id,
    lastReviewedOn: '2026-01-01',
  });
  const policy = await social.governance.createPolicyVersion(admin, {
    label: `${label} v1`,
    effectiveOn: '2026-01-01',
    shareableInformation: 'Published products only',
    privateBusinessRules: 'Personal accounts never speak for the firm',
  });
  const risk = await social.governance.createRisk(admin, {
    platform: 'line',
    businessUse: true,
    risks: [{ kind: 'data_leakage', description: `${label} chats` }],
    controls: [{ kind: 'training_awareness', description: 'yearly' }],
    reviewedOn: '2026-01-01',
  });
  const post = await social.posts.create(
    { orgId: org.orgId, userId: org.users.assessor.id },
    { title: `${label} post`, body: 'Hello', accountIds: [account.id] },
  );
  // An IP literal in a documentation range: the link check refuses it before anything connects.
  const page = await social.linkChecks.registerPage(
    admin,
    `https://192.0.2.${label === 'own' ? 1 : 2}/`,
    `${label} home`,
  );
  return {
    socialAccount: account.id,
    socialAccountAdmin: accountAdmin.id,
    socialPolicyVersion: policy.id,
    socialPlatformRisk: risk.id,
    socialPost: post.id,
    socialSitePage: page.id,
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
