import type { Locale } from '../../platform/i18n.js';
import { JIANHE_NS, OSCAL_VERSION, prop } from '../../platform/oscal.js';
import { uuidV5 } from '../../platform/uuid-v5.js';
import { RESULT_LABELS } from '../assessments/domain/results.js';
import { STATE_LABELS } from './report-labels.js';
import type { AssessmentReport, ReportEvidence, ReportItem } from './report-model.js';

/**
 * OSCAL 1.0.6 documents from an assessment. UUIDs are name-based (v5) on the assessment, its revision
 * and the item, so exporting the same state twice yields the same identifiers and other GRC tools can
 * follow an item across exports. Text is the zh-TW record as assessed; English titles go in `en` props.
 */
export const uuidFor = (report: AssessmentReport, ...parts: string[]) =>
  uuidV5(['assessment', report.assessment.id, report.assessment.revision, ...parts].join(':'));

/** The checklist item's statement in the exported OSCAL catalog (`toOscalCatalog`). */
export const statementId = (item: ReportItem) => `${item.itemId}_smt`;

export function oscalMetadata(report: AssessmentReport, title: string, locale: Locale) {
  const { assessment, organization } = report;
  return {
    title,
    'last-modified': report.generatedAt,
    version: `${assessment.period} r${assessment.revision}`,
    'oscal-version': OSCAL_VERSION,
    props: [
      prop('assessment-id', assessment.id),
      prop('assessment-name', assessment.name),
      prop('period', assessment.period),
      prop('state', STATE_LABELS[assessment.state][locale], { class: assessment.state }),
      prop('catalog', `${report.catalog.urn}@${report.catalog.version}`),
      ...(assessment.fingerprint
        ? [prop('fingerprint', assessment.fingerprint, { class: assessment.fingerprintAlgorithm ?? '' })]
        : []),
    ],
    parties: [
      {
        uuid: uuidV5(`organization:${organization.id}`),
        type: 'organization',
        name: organization.name,
        ...(organization.businessId ? { props: [prop('business-id', organization.businessId)] } : {}),
      },
    ],
  };
}

/** Back-matter resources for evidence files: the SHA-256 lets a reader check the file it was given. */
export function evidenceResources(report: AssessmentReport) {
  const files = new Map<string, ReportEvidence>();
  for (const item of report.items)
    for (const e of item.evidence) if (e.kind === 'file' && e.sha256) files.set(e.id, e);
  return [...files.values()].map((e) => ({
    uuid: uuidV5(`evidence:${e.id}`),
    title: e.title,
    rlinks: [
      {
        href: `evidence/${e.id}`,
        hashes: [{ algorithm: 'SHA-256', value: e.sha256! }],
      },
    ],
  }));
}

function relevantEvidence(item: ReportItem) {
  return item.evidence.map((e) => {
    const href =
      e.kind === 'link' && e.url ? e.url : e.kind === 'file' ? `#${uuidV5(`evidence:${e.id}`)}` : undefined;
    return {
      ...(href ? { href } : {}),
      description: e.title || e.kind,
      ...(e.validUntil ? { props: [prop('valid-until', e.validUntil)] } : {}),
    };
  });
}

/** An observation records what the assessor found for one item: the answer and its evidence. */
export function observationFor(report: AssessmentReport, item: ReportItem, locale: Locale) {
  const evidence = relevantEvidence(item);
  return {
    uuid: uuidFor(report, 'observation', item.itemId),
    title: `項次 ${item.number}`,
    description: [RESULT_LABELS[item.result][locale], item.explanation].filter((t) => t.trim()).join('：'),
    props: [prop('result', item.result), prop('item-number', String(item.number))],
    methods: [item.evidence.length > 0 ? 'EXAMINE' : 'INTERVIEW'],
    types: ['control-objective'],
    collected: item.updatedAt,
    ...(evidence.length > 0 ? { 'relevant-evidence': evidence } : {}),
    ...(item.compensatingControl.trim() ? { remarks: item.compensatingControl } : {}),
  };
}

/** Assessed items: everything in scope with an answer other than 未評 or 不適用. */
const judged = (item: ReportItem) =>
  item.applicable && item.result !== 'not_assessed' && item.result !== 'not_applicable';

/**
 * OSCAL assessment results. OSCAL requires `import-ap`; Jianhe has no assessment plan document, so it
 * points at a back-matter stub that names the guideline and the assessment (docs/reports.md).
 */
export function toOscalAssessmentResults(report: AssessmentReport, locale: Locale = 'zh-TW') {
  const planStub = uuidFor(report, 'assessment-plan-stub');
  const inScope = report.items.filter((item) => item.applicable);
  return {
    'assessment-results': {
      uuid: uuidFor(report, 'assessment-results', report.assessment.updatedAt),
      metadata: oscalMetadata(report, `${report.organization.name} ${report.assessment.name}`, locale),
      'import-ap': { href: `#${planStub}` },
      results: [
        {
          uuid: uuidFor(report, 'result'),
          title: report.assessment.name,
          description: `${report.catalog.title[locale]}：${report.assessment.period}`,
          start: report.assessment.createdAt,
          ...(report.assessment.approvedAt ? { end: report.assessment.approvedAt } : {}),
          'reviewed-controls': {
            'control-selections': [
              inScope.length > 0
                ? { 'include-controls': inScope.map((item) => ({ 'control-id': item.itemId })) }
                : { 'include-all': {} },
            ],
          },
          ...(inScope.some((i) => i.result !== 'not_assessed')
            ? {
                observations: inScope
                  .filter((i) => i.result !== 'not_assessed')
                  .map((item) => observationFor(report, item, locale)),
              }
            : {}),
          ...(inScope.some(judged)
            ? {
                findings: inScope.filter(judged).map((item) => ({
                  uuid: uuidFor(report, 'finding', item.itemId),
                  title: `項次 ${item.number}`,
                  description: item.question[locale],
                  props: [prop('result', item.result)],
                  target: {
                    type: 'statement-id',
                    'target-id': statementId(item),
                    status: {
                      state: item.result === 'compliant' ? 'satisfied' : 'not-satisfied',
                      ...(item.result === 'partially_compliant' ? { reason: 'other' } : {}),
                    },
                  },
                  'related-observations': [
                    { 'observation-uuid': uuidFor(report, 'observation', item.itemId) },
                  ],
                })),
              }
            : {}),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: planStub,
            title: 'Assessment plan (stub)',
            description:
              'Jianhe self-assessments have no separate OSCAL assessment plan. This stub stands in for it: the plan is to assess every in-scope checklist item of the named catalog for the named period.',
            props: [
              prop('catalog', `${report.catalog.urn}@${report.catalog.version}`),
              prop('assessment-id', report.assessment.id),
              { name: 'type', value: 'plan', ns: JIANHE_NS },
            ],
          },
          ...evidenceResources(report),
        ],
      },
    },
  };
}
