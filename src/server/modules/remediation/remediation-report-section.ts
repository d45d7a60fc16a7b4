import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { type Clock, calendarDateAt } from '../../platform/clock.js';
import type { ReportRemediation, ReportRemediationItem } from '../reports/report-model.js';
import { UNFINISHED } from './domain/lifecycle.js';
import type {
  AcceptanceRow,
  MilestoneRow,
  RemediationRepository,
  RemediationRow,
} from './remediation.repository.js';

type Assessment = { id: string; items: ReadonlyArray<{ id: string; number: number }> };

/**
 * The remediation items an assessment report prints (docs/reports.md): every item opened for, or linked
 * to, a gap of this assessment, whatever its status (an auditor sees what was closed and how), then the
 * organisation's other unfinished items (failing checks, provider findings, earlier gaps, items made by
 * hand), as they stand when the report is made. Null when there are none, so the report has no empty
 * section. Four queries however many items: linked items, unfinished items, milestones, acceptances,
 * and one lookup of the owners' names.
 */
export function remediationReportSection(deps: {
  tenants: Tenants;
  repo: RemediationRepository;
  clock: Clock;
  displayNames: (ids: string[]) => Promise<Map<string, string>>;
}) {
  return async (orgId: string, assessment: Assessment): Promise<ReportRemediation | null> => {
    const { repo } = deps;
    const t = deps.tenants.scope(orgId);
    const numbers = new Map(assessment.items.map((item) => [item.id, item.number]));
    const [linked, unfinished] = await Promise.all([
      repo.itemsForSources(t, 'assessment-item', [...numbers.keys()]),
      repo.itemsWithStatus(t, UNFINISHED),
    ]);
    // An item linked to several gaps of this assessment is listed once, under its lowest 項次.
    const own = new Map<string, { row: RemediationRow; number: number }>();
    for (const { linked_source_id: sourceId, ...row } of linked) {
      const number = numbers.get(sourceId)!;
      const seen = own.get(row.id);
      if (!seen || number < seen.number) own.set(row.id, { row, number });
    }
    const others = unfinished.filter((row) => !own.has(row.id));
    if (own.size === 0 && others.length === 0) return null;

    const ids = [...own.keys(), ...others.map((row) => row.id)];
    const [milestones, acceptances, names] = await Promise.all([
      repo.milestones(t, ids),
      repo.acceptances(t, ids),
      deps.displayNames(
        [...own.values()]
          .map(({ row }) => row.owner_id)
          .concat(others.map((row) => row.owner_id))
          .filter((id): id is string => id !== null),
      ),
    ]);
    const today = calendarDateAt(deps.clock.now());
    const entry = (row: RemediationRow, reference: string | null, thisAssessment: boolean) =>
      toReportItem(row, { reference, thisAssessment, today, names, milestones, acceptances });

    const byDue = (a: RemediationRow, b: RemediationRow) =>
      (a.planned_completion ?? '9999-12-31').localeCompare(b.planned_completion ?? '9999-12-31') ||
      a.title.localeCompare(b.title) ||
      a.id.localeCompare(b.id);
    return {
      items: [
        ...[...own.values()]
          .sort((a, b) => a.number - b.number || byDue(a.row, b.row))
          .map(({ row, number }) => entry(row, String(number), true)),
        ...others
          .sort(byDue)
          .map((row) => entry(row, row.source_kind === 'check' ? checkRule(row.source_id) : null, false)),
      ],
    };
  };
}

/** A check item's source is `{endpoint}:{rule}`; the report names the rule. */
const checkRule = (sourceId: string | null) =>
  sourceId === null ? null : sourceId.slice(sourceId.indexOf(':') + 1) || null;

function toReportItem(
  row: RemediationRow,
  context: {
    reference: string | null;
    thisAssessment: boolean;
    today: string;
    names: Map<string, string>;
    milestones: MilestoneRow[];
    acceptances: AcceptanceRow[];
  },
): ReportRemediationItem {
  const steps = context.milestones.filter((m) => m.item_id === row.id);
  const next = steps
    .filter((m) => m.completed_on === null)
    .sort((a, b) => a.due_on.localeCompare(b.due_on) || a.position - b.position)[0];
  const acceptance = context.acceptances.filter((a) => a.item_id === row.id).at(-1);
  const status = row.status as ReportRemediationItem['status'];
  const finished = status === 'completed' || status === 'risk_accepted';
  return {
    title: row.title,
    source: {
      kind: row.source_kind as ReportRemediationItem['source']['kind'],
      thisAssessment: context.thisAssessment,
      reference: context.reference,
    },
    ownerName: row.owner_id === null ? null : (context.names.get(row.owner_id) ?? null),
    status,
    plannedCompletion: row.planned_completion,
    actualCompletion: row.actual_completion,
    overdue: !finished && row.planned_completion !== null && row.planned_completion < context.today,
    milestones: {
      total: steps.length,
      completed: steps.filter((m) => m.completed_on !== null).length,
      next: next ? { title: next.title, dueOn: next.due_on } : null,
    },
    riskAcceptance: acceptance
      ? {
          reason: acceptance.reason,
          compensatingControl: acceptance.compensating_control,
          expiresOn: acceptance.expires_on,
          status: acceptance.status as NonNullable<ReportRemediationItem['riskAcceptance']>['status'],
        }
      : null,
  };
}
