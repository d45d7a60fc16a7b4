import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { Bilingual } from '../../platform/i18n.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { AssessmentsRepository } from '../assessments/assessments.repository.js';
import type { AssessmentResult } from '../assessments/domain/results.js';
import type { AssessmentState } from '../assessments/domain/workflow.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type {
  AssessmentReport,
  ChapterSummary,
  ReportItem,
  ReportRemediation,
  ReportSocialRegister,
  SignoffEntry,
} from './report-model.js';

/** A register that prints its own section of the report (the social-media register); null when empty. */
export type RegisterSection<T> = (orgId: string) => Promise<T | null>;

/** A section about one assessment (the remediation items of its gaps), given the assessment's item rows. */
export type AssessmentSection<T> = (
  orgId: string,
  assessment: { id: string; items: ReadonlyArray<{ id: string; number: number }> },
) => Promise<T | null>;

type ChapterCounts = Omit<ChapterSummary, 'chapter' | 'title'>;

function countsOf(line: {
  applicable: number;
  notApplicable: number;
  compliant: number;
  partiallyCompliant: number;
  nonCompliant: number;
  answeredNotApplicable: number;
  notAssessed: number;
  complianceRate: number | null;
}): ChapterCounts {
  return {
    applicable: line.applicable,
    notApplicable: line.notApplicable,
    compliant: line.compliant,
    partiallyCompliant: line.partiallyCompliant,
    nonCompliant: line.nonCompliant,
    answeredNotApplicable: line.answeredNotApplicable,
    notAssessed: line.notAssessed,
    rate: line.complianceRate,
  };
}

/**
 * Assembles the `AssessmentReport` every exporter reads, in a fixed number of queries however large the
 * assessment: the assessment, its items, their evidence, the SQL summary, the catalog, the organisation,
 * the sign-off events and one lookup of every person named.
 */
export class ReportBuilder {
  constructor(
    private readonly tenants: Tenants,
    private readonly assessments: AssessmentServices,
    private readonly repo: AssessmentsRepository,
    private readonly catalogs: CatalogService,
    private readonly identity: IdentityRepository,
    private readonly socialRegister: RegisterSection<ReportSocialRegister> = async () => null,
    private readonly remediation: AssessmentSection<ReportRemediation> = async () => null,
  ) {}

  async build(orgId: string, assessmentId: string, now = new Date()): Promise<AssessmentReport> {
    const { assessment, items } = await this.assessments.insights.load(orgId, assessmentId);
    const [summary, catalog, organization, events, socialRegister, remediation] = await Promise.all([
      this.assessments.insights.summary(orgId, assessmentId),
      this.catalogs.get(assessment.catalog_id),
      this.identity.findOrganization(orgId),
      this.repo.listEvents(this.tenants.scope(orgId), assessmentId),
      this.socialRegister(orgId),
      this.remediation(orgId, {
        id: assessmentId,
        items: items.map(({ item }) => ({ id: item.id, number: item.item_number })),
      }),
    ]);
    const reviewers = latestReviewPerPerson(items.map((entry) => entry.item));
    const names = await this.identity.displayNames(
      [
        assessment.owner_user_id,
        ...items.map((entry) => entry.item.assignee_user_id),
        ...events.map((event) => event.actor_user_id),
        ...reviewers.keys(),
      ].filter((id): id is string => id !== null),
    );
    const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));

    const document = catalog.document;
    const catalogItems = new Map(document.checklist.map((item) => [item.id, item]));
    const chapterTitles = new Map<number, Bilingual>(
      document.chapters.map((chapter) => [chapter.number, chapter.title]),
    );

    const reportItems: ReportItem[] = items.map(({ item, evidence }) => {
      const source = catalogItems.get(item.item_id);
      return {
        id: item.id,
        itemId: item.item_id,
        number: item.item_number,
        chapter: item.chapter,
        sectionName: source?.sectionName ?? chapterTitles.get(item.chapter) ?? { 'zh-TW': '', en: '' },
        role: item.role as ReportItem['role'],
        question: { 'zh-TW': item.question_zh, en: item.question_en },
        provenance: item.provenance as ReportItem['provenance'],
        references: JSON.parse(item.item_references) as string[],
        applicable: item.applicable === 1,
        notApplicableReason:
          item.na_reason_zh === null ? null : { 'zh-TW': item.na_reason_zh, en: item.na_reason_en ?? '' },
        result: item.result as AssessmentResult,
        explanation: item.explanation,
        compensatingControl: item.compensating_control,
        assigneeName: nameOf(item.assignee_user_id),
        dueDate: item.due_date,
        version: item.version,
        updatedAt: item.updated_at,
        evidence: evidence.map(({ row, expired }) => ({
          id: row.id,
          kind: row.kind as 'file' | 'link' | 'note',
          title: row.title,
          sha256: row.sha256,
          url: row.url,
          validUntil: row.valid_until,
          expired,
        })),
      };
    });

    const signoff: SignoffEntry[] = [
      ...[...reviewers.entries()].map(([userId, at]) => ({
        action: 'reviewed' as const,
        actorName: nameOf(userId) ?? '',
        at,
        comment: null,
      })),
      ...events.map((event) => ({
        action: event.action as SignoffEntry['action'],
        actorName: nameOf(event.actor_user_id) ?? '',
        at: event.created_at,
        comment: event.comment,
      })),
    ].sort((a, b) => a.at.localeCompare(b.at));

    return {
      generatedAt: now.toISOString(),
      organization: {
        id: orgId,
        name: organization?.name ?? '',
        businessId: organization?.business_id ?? null,
      },
      assessment: {
        id: assessment.id,
        name: assessment.name,
        period: assessment.period,
        state: assessment.state as AssessmentState,
        revision: assessment.revision,
        dueDate: assessment.due_date,
        ownerName: nameOf(assessment.owner_user_id),
        fingerprint: assessment.fingerprint,
        fingerprintAlgorithm: assessment.fingerprint_algorithm,
        approvedAt: assessment.approved_at,
        createdAt: assessment.created_at,
        updatedAt: assessment.updated_at,
      },
      catalog: { urn: catalog.row.urn, version: catalog.row.version, title: document.title },
      items: reportItems.sort((a, b) => a.number - b.number),
      chapters: summary.byChapter
        .map((line) => ({
          chapter: line.chapter,
          title: chapterTitles.get(line.chapter) ?? { 'zh-TW': '', en: '' },
          ...countsOf(line),
        }))
        .sort((a, b) => a.chapter - b.chapter),
      overall: countsOf(summary.overall),
      signoff,
      socialRegister,
      remediation,
    };
  }
}

/** Each reviewer with the time of their latest item review. */
function latestReviewPerPerson(
  items: ReadonlyArray<{ reviewed_by: string | null; reviewed_at: string | null }>,
): Map<string, string> {
  const latest = new Map<string, string>();
  for (const { reviewed_by: by, reviewed_at: at } of items) {
    if (by === null || at === null) continue;
    if ((latest.get(by) ?? '') < at) latest.set(by, at);
  }
  return latest;
}
