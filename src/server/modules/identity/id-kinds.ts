import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { TenantTable } from '../../db/tenancy/tenant-tables.js';

/** Who is asking, for resolving ids: the route's organisation and the signed-in person. */
export interface IdOwner {
  orgId: string | null;
  userId: string;
  /** A session scoped to one organisation (SSO) owns nothing elsewhere. */
  scopeOrgId?: string | null;
}

export interface IdKindSpec {
  /** The 404 code answered when any id of this kind is not the caller's. */
  notFound: string;
  /** The subset of `ids` the caller may address (one query for the whole set). */
  owned(db: Kysely<Database>, owner: IdOwner, ids: string[]): Promise<Set<string>>;
  /**
   * Once found in an organisation, the id stays that organisation's (its org_id is never rewritten), so a
   * confirmed answer may be remembered (see `OwnedIdMemo`). Not for memberships, which end.
   */
  stableOwner?: true;
}

/** A tenant record: owned when the organisation's scope finds it (the scope adds org_id). */
function tenantRecord(table: TenantTable, column: 'id' | 'user_id', notFound: string): IdKindSpec {
  return {
    notFound,
    ...(column === 'id' ? { stableOwner: true as const } : {}),
    async owned(db, owner, ids) {
      if (!owner.orgId) return new Set();
      const rows = await TenantScope.of(db, owner.orgId)
        .db.selectFrom(table)
        .select(`${column} as id` as 'id')
        .where(column, 'in', ids)
        .execute();
      return new Set(rows.map((r) => (r as { id: string }).id));
    },
  };
}

/**
 * Every kind of id a route may take, in its path, query or body. The access layer resolves each kind's
 * set of ids once per request and answers the kind's 404 for any id that is not the caller's. `external`
 * marks an identifier that is not a Jianhe record (a catalog item id such as `item-4`, an OIDC client id):
 * it is declared so that review sees it, and its own service validates it.
 */
export const ID_KINDS = {
  assessment: tenantRecord('assessment', 'id', 'ASSESSMENT_NOT_FOUND'),
  assessmentItem: tenantRecord('assessment_item', 'id', 'ASSESSMENT_ITEM_NOT_FOUND'),
  evidence: tenantRecord('evidence', 'id', 'EVIDENCE_NOT_FOUND'),
  provider: tenantRecord('provider', 'id', 'PROVIDER_NOT_FOUND'),
  providerContact: tenantRecord('provider_contact', 'id', 'PROVIDER_CONTACT_NOT_FOUND'),
  providerIncident: tenantRecord('provider_incident', 'id', 'INCIDENT_NOT_FOUND'),
  questionnaire: tenantRecord('questionnaire', 'id', 'QUESTIONNAIRE_NOT_FOUND'),
  questionnaireAttachment: tenantRecord(
    'questionnaire_attachment',
    'id',
    'QUESTIONNAIRE_ATTACHMENT_NOT_FOUND',
  ),
  invitation: tenantRecord('invitation', 'id', 'INVITATION_INVALID'),
  device: tenantRecord('device', 'id', 'DEVICE_NOT_FOUND'),
  deviceTask: tenantRecord('register_task', 'id', 'REGISTER_TASK_NOT_FOUND'),
  byodAgreement: tenantRecord('byod_agreement', 'id', 'BYOD_AGREEMENT_NOT_FOUND'),
  allowedApp: tenantRecord('allowed_app', 'id', 'ALLOWED_APP_NOT_FOUND'),
  remediationItem: tenantRecord('remediation_item', 'id', 'REMEDIATION_NOT_FOUND'),
  remediationMilestone: tenantRecord('remediation_milestone', 'id', 'REMEDIATION_MILESTONE_NOT_FOUND'),
  /** One of the caller's own notifications in the route's organisation. */
  notification: {
    notFound: 'NOTIFICATION_NOT_FOUND',
    async owned(db, owner, ids) {
      if (!owner.orgId) return new Set();
      const rows = await TenantScope.of(db, owner.orgId)
        .db.selectFrom('notification')
        .select('id')
        .where('user_id', '=', owner.userId)
        .where('id', 'in', ids)
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  },
  checkEndpoint: tenantRecord('check_endpoint', 'id', 'CHECK_ENDPOINT_NOT_FOUND'),
  checkRun: tenantRecord('check_run', 'id', 'CHECK_RUN_NOT_FOUND'),
  /** An open invitation addressed to the caller's own e-mail, from any organisation. */
  ownInvitation: {
    notFound: 'INVITATION_INVALID',
    async owned(db, owner, ids) {
      const rows = await crossTenant(db, "the invitations addressed to a person's own e-mail")
        .selectFrom('invitation')
        .innerJoin('app_user', 'app_user.email', 'invitation.email')
        .select('invitation.id')
        .where('app_user.id', '=', owner.userId)
        .where('invitation.id', 'in', ids)
        .where('invitation.accepted_at', 'is', null)
        .where('invitation.revoked_at', 'is', null)
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  },
  /** A member of the route's organisation (owners, assignees, members being managed). */
  member: tenantRecord('membership', 'user_id', 'USER_NOT_FOUND'),
  /** An organisation the caller belongs to (e.g. the one a new API token is bound to). */
  ownOrganization: {
    notFound: 'NOT_FOUND',
    async owned(db, owner, ids) {
      const rows = await crossTenant(db, "a person's own memberships")
        .selectFrom('membership')
        .select('org_id')
        .where('user_id', '=', owner.userId)
        .where('org_id', 'in', ids)
        .execute();
      return new Set(
        rows.map((r) => r.org_id).filter((org) => !owner.scopeOrgId || org === owner.scopeOrgId),
      );
    },
  },
  /** One of the caller's own API tokens. */
  ownApiToken: {
    notFound: 'NOT_FOUND',
    async owned(db, owner, ids) {
      const rows = await crossTenant(db, "a person's own API tokens")
        .selectFrom('api_token')
        .select('id')
        .where('user_id', '=', owner.userId)
        .where('id', 'in', ids)
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  },
  /** One of the caller's own sessions, named by the public handle the session list shows. */
  ownSession: {
    notFound: 'NOT_FOUND',
    async owned(db, owner, ids) {
      const rows = await db
        .selectFrom('user_session')
        .select('id_hash')
        .where('user_id', '=', owner.userId)
        .execute();
      const handles = new Set(rows.map((r) => sessionHandle(r.id_hash)));
      return new Set(ids.filter((id) => handles.has(id)));
    },
  },
  mobileApp: tenantRecord('mobile_app', 'id', 'APP_NOT_FOUND'),
  appRelease: tenantRecord('app_release', 'id', 'APP_RELEASE_NOT_FOUND'),
  appAttestation: tenantRecord('app_vendor_attestation', 'id', 'APP_ATTESTATION_NOT_FOUND'),
  appTemplate: tenantRecord('app_notification_template', 'id', 'APP_TEMPLATE_NOT_FOUND'),
  socialAccount: tenantRecord('social_account', 'id', 'SOCIAL_ACCOUNT_NOT_FOUND'),
  socialAccountAdmin: tenantRecord('social_account_admin', 'id', 'SOCIAL_ADMIN_NOT_FOUND'),
  socialPolicyVersion: tenantRecord('social_policy_version', 'id', 'SOCIAL_POLICY_NOT_FOUND'),
  socialPlatformRisk: tenantRecord('social_platform_risk', 'id', 'SOCIAL_RISK_NOT_FOUND'),
  socialPost: tenantRecord('social_post', 'id', 'SOCIAL_POST_NOT_FOUND'),
  socialSitePage: tenantRecord('social_site_page', 'id', 'SOCIAL_SITE_PAGE_NOT_FOUND'),
  // Association campaigns (issue 18).
  campaign: tenantRecord('campaign', 'id', 'CAMPAIGN_NOT_FOUND'),
  associationMember: tenantRecord('association_member', 'id', 'ASSOCIATION_MEMBER_NOT_FOUND'),
  /** An association's invitation to the route organisation's 統一編號, or its membership of that association. */
  incomingMembership: {
    notFound: 'ASSOCIATION_MEMBERSHIP_NOT_FOUND',
    async owned(db, owner, ids) {
      if (!owner.orgId) return new Set();
      const rows = await crossTenant(
        db,
        "the association invitations and memberships addressed to a firm's own organisation",
      )
        .selectFrom('association_member as m')
        .select('m.id')
        .where('m.id', 'in', ids)
        .where((eb) =>
          eb.or([
            eb('m.member_org_id', '=', owner.orgId),
            eb.and([
              eb('m.member_org_id', 'is', null),
              eb(
                'm.member_business_id',
                '=',
                eb.selectFrom('organization').select('business_id').where('id', '=', owner.orgId!),
              ),
            ]),
          ]),
        )
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  },
  /** The route organisation's own place in an association's campaign. */
  participation: {
    notFound: 'CAMPAIGN_PARTICIPATION_NOT_FOUND',
    async owned(db, owner, ids) {
      if (!owner.orgId) return new Set();
      const rows = await crossTenant(db, "a firm's own participations in associations' campaigns")
        .selectFrom('campaign_participant')
        .select('id')
        .where('member_org_id', '=', owner.orgId)
        .where('id', 'in', ids)
        .execute();
      return new Set(rows.map((r) => r.id));
    },
  },
  external: {
    notFound: 'NOT_FOUND',
    async owned(_db, _owner, ids) {
      return new Set(ids);
    },
  },
} satisfies Record<string, IdKindSpec>;

export type IdKind = keyof typeof ID_KINDS;

/** The handle by which a session is listed and revoked: never the stored hash itself. */
export function sessionHandle(idHash: string): string {
  return createHash('sha256').update(idHash).digest('hex').slice(0, 32);
}

/**
 * What a route takes: `params` and `query` by name; `body` by path (`answers[].itemId`). Every path
 * parameter but `orgId`, and every body or query field named `…Id` or `…Ids`, must be declared; the
 * route registry refuses a route that leaves one out.
 */
export interface RouteIds {
  params?: Record<string, IdKind>;
  query?: Record<string, IdKind>;
  body?: Record<string, IdKind>;
  /** The route has no organisation in its path: it belongs to the organisation of this path id. */
  orgFrom?: { param: string; kind: TenantIdKind };
}

export type TenantIdKind = Exclude<
  IdKind,
  | 'ownApiToken'
  | 'ownSession'
  | 'ownOrganization'
  | 'ownInvitation'
  | 'external'
  | 'member'
  | 'incomingMembership'
  | 'participation'
>;

const ORG_OF: Record<TenantIdKind, TenantTable> = {
  assessment: 'assessment',
  assessmentItem: 'assessment_item',
  evidence: 'evidence',
  provider: 'provider',
  providerContact: 'provider_contact',
  providerIncident: 'provider_incident',
  questionnaire: 'questionnaire',
  questionnaireAttachment: 'questionnaire_attachment',
  invitation: 'invitation',
  device: 'device',
  deviceTask: 'register_task',
  byodAgreement: 'byod_agreement',
  allowedApp: 'allowed_app',
  remediationItem: 'remediation_item',
  remediationMilestone: 'remediation_milestone',
  notification: 'notification',
  mobileApp: 'mobile_app',
  appRelease: 'app_release',
  appAttestation: 'app_vendor_attestation',
  appTemplate: 'app_notification_template',
  socialAccount: 'social_account',
  socialAccountAdmin: 'social_account_admin',
  socialPolicyVersion: 'social_policy_version',
  socialPlatformRisk: 'social_platform_risk',
  socialPost: 'social_post',
  socialSitePage: 'social_site_page',
  checkEndpoint: 'check_endpoint',
  checkRun: 'check_run',
  campaign: 'campaign',
  associationMember: 'association_member',
};

/** The organisation a record belongs to: the one lookup by id alone, before the usual access check. */
export async function organizationOfRecord(
  db: Kysely<Database>,
  kind: TenantIdKind,
  id: string,
): Promise<string | undefined> {
  const row = await crossTenant(db, 'which organisation a record belongs to, before its access check')
    .selectFrom(ORG_OF[kind])
    .select('org_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.org_id;
}
