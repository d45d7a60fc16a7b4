import { OSCAL_VERSION, prop } from '../../platform/oscal.js';
import { uuidV5 } from '../../platform/uuid-v5.js';
import type { AcceptanceRow, EventRow, MilestoneRow, RemediationRow } from './remediation.repository.js';

export interface PoamInput {
  organization: { id: string; name: string };
  items: RemediationRow[];
  milestones: MilestoneRow[];
  events: EventRow[];
  acceptances: AcceptanceRow[];
  generatedAt: string;
}

/** OSCAL risk status for an item's status: the accepted risk is an approved deviation. */
const RISK_STATUS: Record<string, string> = {
  open: 'open',
  in_progress: 'remediating',
  awaiting_closure: 'remediating',
  risk_accepted: 'deviation-approved',
  completed: 'closed',
};

const endOfDayTaipei = (date: string) => `${date}T23:59:59+08:00`;
const id = (orgId: string, ...parts: string[]) => uuidV5(`remediation-poam:${orgId}:${parts.join(':')}`);

function groupBy<T extends { item_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(row.item_id, [...(out.get(row.item_id) ?? []), row]);
  return out;
}

/**
 * The organisation's plan of action and milestones, from its remediation items (docs/remediation.md):
 * one risk per item with its status and deadline, remediations for each lifecycle stage it has reached
 * (recommendation, planned with the milestones as tasks, completed), the risk log of status changes, and
 * one POA&M item per remediation item. Validated against the NIST OSCAL 1.0.6 schema in the tests.
 */
export function remediationPoam(input: PoamInput) {
  const org = input.organization.id;
  const milestones = groupBy(input.milestones);
  const events = groupBy(input.events);
  const acceptances = groupBy(input.acceptances);
  const sspStub = id(org, 'ssp-stub');
  const risks = input.items.map((item) => {
    const remediations: Array<Record<string, unknown>> = [
      {
        uuid: id(org, item.id, 'recommendation'),
        lifecycle: 'recommendation',
        title: '改善建議 Recommendation',
        description: item.recommendation || item.description || item.title,
      },
      {
        uuid: id(org, item.id, 'planned'),
        lifecycle: 'planned',
        title: '改善計畫 Plan',
        description: item.description || item.title,
        ...((milestones.get(item.id) ?? []).length > 0
          ? {
              tasks: milestones.get(item.id)!.map((m) => ({
                uuid: id(org, m.id),
                type: 'milestone',
                title: m.title,
                timing: { 'on-date': { date: endOfDayTaipei(m.due_on) } },
                ...(m.completed_on ? { props: [prop('completed-on', m.completed_on)] } : {}),
              })),
            }
          : {}),
      },
    ];
    if (item.status === 'completed')
      remediations.push({
        uuid: id(org, item.id, 'completed'),
        lifecycle: 'completed',
        title: '已完成 Completed',
        description: item.closure_note || item.title,
        props: [
          ...(item.actual_completion ? [prop('actual-completion', item.actual_completion)] : []),
          ...(item.closure_evidence_id ? [prop('closure-evidence', item.closure_evidence_id)] : []),
        ],
      });
    for (const a of acceptances.get(item.id) ?? [])
      remediations.push({
        uuid: id(org, a.id),
        lifecycle: 'planned',
        title: '風險接受與補償性措施 Risk acceptance and compensating control',
        description: `${a.reason}\n\n${a.compensating_control}`,
        props: [prop('acceptance-status', a.status), prop('acceptance-expires-on', a.expires_on)],
      });
    const log = (events.get(item.id) ?? []).map((e) => ({
      uuid: id(org, e.id),
      title: e.kind,
      ...(e.note ? { description: e.note } : {}),
      start: e.at,
      end: e.at,
      ...(e.to_status ? { 'status-change': RISK_STATUS[e.to_status] ?? 'open' } : {}),
    }));
    return {
      uuid: id(org, item.id, 'risk'),
      title: item.title,
      description: item.description || item.title,
      statement: item.risk_statement || item.title,
      props: [prop('source-kind', item.source_kind), prop('jianhe-status', item.status)],
      status: RISK_STATUS[item.status] ?? 'open',
      ...(item.planned_completion ? { deadline: endOfDayTaipei(item.planned_completion) } : {}),
      remediations,
      ...(log.length > 0 ? { 'risk-log': { entries: log } } : {}),
    };
  });
  return {
    'plan-of-action-and-milestones': {
      uuid: id(org, 'poam', input.generatedAt),
      metadata: {
        title: `${input.organization.name} 改善計畫 POA&M`,
        'last-modified': input.generatedAt,
        version: input.generatedAt.slice(0, 10),
        'oscal-version': OSCAL_VERSION,
        parties: [
          { uuid: uuidV5(`organization:${org}`), type: 'organization', name: input.organization.name },
        ],
      },
      'import-ssp': { href: `#${sspStub}` },
      'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: org },
      ...(risks.length > 0 ? { risks } : {}),
      'poam-items': input.items.map((item) => ({
        uuid: id(org, item.id, 'poam-item'),
        title: item.title,
        description: item.description || item.title,
        props: [
          prop('status', item.status),
          ...(item.planned_completion ? [prop('planned-completion', item.planned_completion)] : []),
          ...(item.source_link ? [prop('source', item.source_link)] : []),
        ],
        'related-risks': [{ 'risk-uuid': id(org, item.id, 'risk') }],
      })),
      'back-matter': {
        resources: [
          {
            uuid: sspStub,
            title: 'System security plan (stub)',
            description:
              'Jianhe tracks a firm’s compliance with the guideline, not one information system; this stub stands in for the system security plan and system-id is the organisation.',
          },
        ],
      },
    },
  };
}
