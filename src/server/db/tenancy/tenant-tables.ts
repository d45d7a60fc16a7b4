import type { Database } from '../schema.js';

/**
 * Tables that hold one organisation's data: exactly the tables with an `org_id` column (a test
 * introspects both databases and fails when a table with `org_id` is missing here). Every query on
 * them goes through a {@link TenantScope}, which adds `org_id = :orgId` and stamps it on inserts.
 *
 * Deliberately absent: `organization` (the tenant itself), users, sessions and throttles (people,
 * not firms), the catalog (shared guideline data) and the audit trail, whose hash chains are keyed
 * by `chain` (an organisation id or `platform`) and written only by the audit service.
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
  'association_member',
  'campaign',
  'campaign_participant',
  'campaign_response',
  'campaign_response_item',
] as const satisfies ReadonlyArray<keyof Database>;

export type TenantTable = (typeof TENANT_TABLES)[number];

const tenantTables: ReadonlySet<string> = new Set(TENANT_TABLES);

export const TENANT_COLUMN = 'org_id';

export function isTenantTable(name: string): name is TenantTable {
  return tenantTables.has(name);
}
