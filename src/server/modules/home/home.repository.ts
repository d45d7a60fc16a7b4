import { sql } from 'kysely';
import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import { UNFINISHED } from '../remediation/domain/lifecycle.js';

const GAP_RESULTS = ['partially_compliant', 'non_compliant'];
const count = sql<number>`count(*)`;
const countWhen = (condition: ReturnType<typeof sql>) =>
  sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

/**
 * The home page's aggregates, each one grouped query over the organisation's scope (counts in SQL, never
 * rows fetched to be counted in JavaScript).
 */
export class HomeRepository {
  /** The assessment people work on now: the newest unapproved one, else the newest approved. */
  currentAssessment(t: TenantScope) {
    return t.db
      .selectFrom('assessment')
      .select(['id', 'name', 'period', 'state', 'due_date'])
      .orderBy(sql`case when state = 'approved' then 1 else 0 end`)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async assessmentProgress(t: TenantScope, assessmentId: string) {
    const row = await t.db
      .selectFrom('assessment_item')
      .select([
        countWhen(sql`applicable = 1`).as('applicable'),
        countWhen(sql`applicable = 1 and result <> 'not_assessed'`).as('assessed'),
        countWhen(sql`applicable = 1 and result = 'compliant'`).as('compliant'),
        countWhen(sql`applicable = 1 and result = 'partially_compliant'`).as('partial'),
        countWhen(sql`applicable = 1 and result = 'non_compliant'`).as('nonCompliant'),
        countWhen(sql`applicable = 1 and result = 'not_applicable'`).as('notApplicable'),
      ])
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirstOrThrow();
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as {
      [K in keyof typeof row]: number;
    };
  }

  async gapsByChapter(t: TenantScope, assessmentId: string) {
    const rows = await t.db
      .selectFrom('assessment_item')
      .select([
        'chapter',
        countWhen(sql`result = 'partially_compliant'`).as('partial'),
        countWhen(sql`result = 'non_compliant'`).as('nonCompliant'),
      ])
      .where('assessment_id', '=', assessmentId)
      .where('applicable', '=', 1)
      .where('result', 'in', GAP_RESULTS)
      .groupBy('chapter')
      .orderBy('chapter')
      .execute();
    return rows.map((r) => ({
      chapter: Number(r.chapter),
      partial: Number(r.partial),
      nonCompliant: Number(r.nonCompliant),
    }));
  }

  /** Evidence whose validity ends within `days` (or has ended and is still attached somewhere). */
  async expiringEvidence(t: TenantScope, today: string, until: string) {
    const row = await t.db
      .selectFrom('evidence')
      .select([
        countWhen(sql`valid_until < ${today}`).as('expired'),
        countWhen(sql`valid_until >= ${today} and valid_until <= ${until}`).as('expiring'),
      ])
      .where('valid_until', 'is not', null)
      .executeTakeFirstOrThrow();
    return { expired: Number(row.expired), expiringWithin30Days: Number(row.expiring) };
  }

  async remediationCounts(t: TenantScope, today: string) {
    const rows = await t.db
      .selectFrom('remediation_item')
      .select(['status', count.as('total'), countWhen(sql`planned_completion < ${today}`).as('overdue')])
      .groupBy('status')
      .execute();
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.total)]));
    const overdue = rows
      .filter((r) => (UNFINISHED as readonly string[]).includes(r.status) && r.status !== 'risk_accepted')
      .reduce((sum, r) => sum + Number(r.overdue), 0);
    return { byStatus, overdue };
  }

  /** Checklist items assigned to the person in assessments still being answered or reviewed. */
  assignedItems(t: TenantScope, userId: string, limit: number) {
    return t.db
      .selectFrom('assessment_item')
      .innerJoin('assessment', 'assessment.id', 'assessment_item.assessment_id')
      .select([
        'assessment_item.id',
        'assessment_item.assessment_id as assessmentId',
        'assessment.name as assessmentName',
        'assessment_item.item_number as itemNumber',
        'assessment_item.question_zh as questionZh',
        'assessment_item.question_en as questionEn',
        'assessment_item.result',
        'assessment_item.due_date as dueDate',
        sql<number>`count(*) over ()`.as('total'),
      ])
      .where('assessment_item.assignee_user_id', '=', userId)
      .where('assessment.state', '<>', 'approved')
      .orderBy(sql`coalesce(assessment_item.due_date, '9999-12-31')`)
      .orderBy('assessment_item.item_number')
      .limit(limit)
      .execute();
  }

  /** Applicable items in assessments under review that no reviewer has validated yet, per assessment. */
  reviewsWaiting(t: TenantScope) {
    return t.db
      .selectFrom('assessment_item')
      .innerJoin('assessment', 'assessment.id', 'assessment_item.assessment_id')
      .select(['assessment.id', 'assessment.name', count.as('items')])
      .where('assessment.state', '=', 'in_review')
      .where('assessment_item.applicable', '=', 1)
      .where('assessment_item.review_status', '<>', 'validated')
      .groupBy(['assessment.id', 'assessment.name'])
      .orderBy('assessment.name')
      .execute();
  }

  /** Assessments in review whose every applicable item is validated: ready for sign-off. */
  assessmentsAwaitingApproval(t: TenantScope) {
    return t.db
      .selectFrom('assessment')
      .leftJoin('assessment_item', (join) =>
        join
          .onRef('assessment_item.assessment_id', '=', 'assessment.id')
          .on('assessment_item.applicable', '=', 1)
          .on('assessment_item.review_status', '<>', 'validated'),
      )
      .select(['assessment.id', 'assessment.name'])
      .where('assessment.state', '=', 'in_review')
      .groupBy(['assessment.id', 'assessment.name'])
      .having(sql`count(assessment_item.id)`, '=', 0)
      .orderBy('assessment.name')
      .execute();
  }

  /** Closures asked for by someone else (the caller may be the second person). */
  closuresAwaiting(t: TenantScope, userId: string) {
    return t.db
      .selectFrom('remediation_item')
      .select(['id', 'title', 'close_requested_at as requestedAt'])
      .where('status', '=', 'awaiting_closure')
      .where((eb) => eb.or([eb('close_requested_by', 'is', null), eb('close_requested_by', '<>', userId)]))
      .orderBy('close_requested_at')
      .limit(20)
      .execute();
  }

  myRemediation(t: TenantScope, userId: string, limit: number) {
    return t.db
      .selectFrom('remediation_item')
      .select(['id', 'title', 'status', 'planned_completion as plannedCompletion'])
      .where('owner_id', '=', userId)
      .where('status', 'in', [...UNFINISHED])
      .orderBy(sql`coalesce(planned_completion, '9999-12-31')`)
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
