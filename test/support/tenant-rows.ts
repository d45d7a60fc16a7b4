import { randomUUID } from 'node:crypto';

/** Raw rows for data-layer tests that write below the services (migrations, the tenant scope itself). */
const AT = '2026-01-01T00:00:00.000Z';

export function organizationRow(id: string = randomUUID(), name = `Org ${id}`) {
  return {
    id,
    name,
    business_id: null,
    industry: 'securities',
    require_2fa: 0,
    created_at: AT,
    updated_at: AT,
  };
}

export function providerRow(orgId: string, name: string) {
  return {
    id: randomUUID(),
    org_id: orgId,
    name,
    service_models: '[]',
    service_description: '',
    critical: 1,
    contract_start: null,
    contract_end: null,
    contract_states_rto: 0,
    rto_hours: null,
    sla_evaluated_on: null,
    sla_result: null,
    sla_compensating_measures: '',
    star_status: 'none',
    star_valid_until: null,
    star_report_evidence_id: null,
    audit_interval_months: 12,
    incident_notice_hours: 24,
    notes: '',
    is_self: 0,
    created_at: AT,
    updated_at: AT,
    version: 1,
  };
}

export function contactRow(orgId: string, providerId: string, name: string) {
  return {
    id: randomUUID(),
    org_id: orgId,
    provider_id: providerId,
    name,
    email: `${name.replace(/\s/g, '').toLowerCase()}@example.test`,
    phone: '',
    title: '',
    created_at: AT,
  };
}
