import type { Locale } from '../../platform/i18n.js';
import { JIANHE_NS, prop } from '../../platform/oscal.js';
import { RESULT_LABELS } from '../assessments/domain/results.js';
import { evidenceResources, observationFor, oscalMetadata, uuidFor } from './oscal-results.js';
import type { AssessmentReport, ReportItem } from './report-model.js';

/** Items that need remediation: in scope and answered 不符合 or 部分符合. */
export const needsRemediation = (item: ReportItem) =>
  item.applicable && (item.result === 'non_compliant' || item.result === 'partially_compliant');

/** A due date (YYYY-MM-DD, Taiwan) as the end of that day in Taiwan time, as OSCAL wants a zone. */
const endOfDayTaipei = (date: string) => `${date}T23:59:59+08:00`;

/**
 * OSCAL plan of action and milestones: one POA&M item per gap, with a risk whose remediation is the
 * stated 補償性措施 and whose deadline (and milestone) is the item's due date. OSCAL expects a system
 * security plan; Jianhe points `import-ssp` at a back-matter stub and identifies the "system" as the
 * organisation's compliance programme (docs/reports.md).
 */
export function toOscalPoam(report: AssessmentReport, locale: Locale = 'zh-TW') {
  const sspStub = uuidFor(report, 'system-security-plan-stub');
  const gaps = report.items.filter(needsRemediation);
  const riskOf = (item: ReportItem) => {
    const remediation = uuidFor(report, 'remediation', item.itemId);
    return {
      uuid: uuidFor(report, 'risk', item.itemId),
      title: `項次 ${item.number}：${RESULT_LABELS[item.result][locale]}`,
      description: item.question[locale],
      statement: item.explanation.trim() || RESULT_LABELS[item.result][locale],
      props: [prop('item-number', String(item.number)), prop('result', item.result)],
      status: 'open',
      ...(item.dueDate ? { deadline: endOfDayTaipei(item.dueDate) } : {}),
      remediations: [
        {
          uuid: remediation,
          lifecycle: 'planned',
          title: locale === 'en' ? 'Compensating control' : '補償性措施',
          description: item.compensatingControl,
          ...(item.dueDate
            ? {
                tasks: [
                  {
                    uuid: uuidFor(report, 'milestone', item.itemId),
                    type: 'milestone',
                    title: locale === 'en' ? 'Remediation due' : '改善期限',
                    timing: { 'on-date': { date: endOfDayTaipei(item.dueDate) } },
                  },
                ],
              }
            : {}),
        },
      ],
      'related-observations': [{ 'observation-uuid': uuidFor(report, 'observation', item.itemId) }],
    };
  };
  return {
    'plan-of-action-and-milestones': {
      uuid: uuidFor(report, 'poam', report.assessment.updatedAt),
      metadata: oscalMetadata(
        report,
        `${report.organization.name} ${report.assessment.name} ${locale === 'en' ? 'POA&M' : '改善計畫'}`,
        locale,
      ),
      'import-ssp': { href: `#${sspStub}` },
      'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: report.organization.id },
      ...(gaps.length > 0
        ? {
            observations: gaps.map((item) => observationFor(report, item, locale)),
            risks: gaps.map(riskOf),
          }
        : {}),
      'poam-items': gaps.map((item) => ({
        uuid: uuidFor(report, 'poam-item', item.itemId),
        title: `項次 ${item.number}`,
        description: item.question[locale],
        props: [
          prop('item-number', String(item.number)),
          prop('result', item.result),
          ...(item.assigneeName ? [prop('owner', item.assigneeName)] : []),
          ...(item.dueDate ? [prop('due-date', item.dueDate)] : []),
        ],
        'related-observations': [{ 'observation-uuid': uuidFor(report, 'observation', item.itemId) }],
        'related-risks': [{ 'risk-uuid': uuidFor(report, 'risk', item.itemId) }],
      })),
      'back-matter': {
        resources: [
          {
            uuid: sspStub,
            title: 'System security plan (stub)',
            description:
              'Jianhe tracks a firm’s compliance with the guideline, not one information system, so there is no OSCAL system security plan. This stub stands in for it; system-id is the organisation.',
            props: [
              prop('organization-id', report.organization.id),
              { name: 'type', value: 'plan', ns: JIANHE_NS },
            ],
          },
          ...evidenceResources(report),
        ],
      },
    },
  };
}
