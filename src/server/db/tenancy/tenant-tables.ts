import type { Database } from '../schema.js';

/**
 * Tables that hold one organisation's data: exactly the tables with an `org_id` column (a test
 * introspects both databases and fails when a table with `org_id` is missing here). Every query on
 * them goes through a {@link TenantScope}, which adds `org_id = :orgId` and stamps it on inserts.
 *
 * Deliberately absent: `organization` (the tenant itself), users, sessions and throttles (people,
 * not firms), the catalog (shared guideline data) and the audit trail, whose hash chains are keyed
 * by `chain` (an organisation id or `platform`) and written only by the audit service, and the
 * scheduler's `job` and `job_schedule` (platform work; a job's payload names its organisation).
 */
export const TENANT_TABLES = [
  'membership',
  'api_token',
  'org_sso_settings',
  'external_identity',
  'sso_login_state',
  'sso_domain_claim',
  'invitation',
  'assessment',
  'assessment_item',
  'assessment_item_change',
  'assessment_item_comment',
  'assessment_event',
  'evidence',
  'assessment_item_evidence',
  'provider',
  'provider_contact',
  'provider_audit',
  'provider_incident',
  'provider_incident_update',
  'questionnaire',
  'questionnaire_answer',
  'questionnaire_attachment',
  'social_account',
  'social_account_admin',
  'social_policy_version',
  'social_policy_ack',
  'social_platform_risk',
  'social_privacy_review',
  'social_post',
  'social_post_target',
  'social_post_image',
  'social_site_page',
  'social_link_check',
  'due_date',
  'mail_outbox',
  'notification',
  'notification_preference',
  'calendar_feed',
  'remediation_item',
  'remediation_source',
  'remediation_milestone',
  'remediation_event',
  'risk_acceptance',
  'register_task',
  'device_import',
  'device',
  'device_event',
  'device_policy',
  'device_document',
  'byod_agreement',
  'byod_acceptance',
  'byod_review',
  'allowed_app',
  'mobile_app',
  'mobile_app_control',
  'app_release',
  'app_release_finding',
  'app_risk_acceptance',
  'app_vendor_attestation',
  'app_notification_template',
  'check_endpoint',
  'check_run',
  'association_member',
  'campaign',
  'campaign_participant',
  'campaign_response',
  'campaign_response_item',
  'campaign_response_chapter',
  'campaign_item_tally',
] as const satisfies ReadonlyArray<keyof Database>;

export type TenantTable = (typeof TENANT_TABLES)[number];

const tenantTables: ReadonlySet<string> = new Set(TENANT_TABLES);

export const TENANT_COLUMN = 'org_id';

export function isTenantTable(name: string): name is TenantTable {
  return tenantTables.has(name);
}
