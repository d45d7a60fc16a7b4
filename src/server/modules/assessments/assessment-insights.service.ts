import { createHash } from 'node:crypto';
import { APP_VERSION } from '../../config/version.js';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { AttachedEvidenceRow, EvidenceRepository } from '../evidence/evidence.repository.js';
import { daysBetween, todayInTaipei } from '../providers/domain/calendar-date.js';
import type { AssessmentLifecycleService } from './assessment-lifecycle.service.js';
import type { AssessmentItemRow, AssessmentsRepository, ResultCounts } from './assessments.repository.js';
import type { AssessmentResult } from './domain/results.js';
import { RESULT_WEIGHT } from './domain/scoring.js';
import { evidenceContentHash } from './fingerprint.service.js';

export interface ScoreLine {
  applicable: number;
  notApplicable: number;
  assessed: number;
  compliant: number;
  partiallyCompliant: number;
  nonCompliant: number;
  answeredNotApplicable: number;
  notAssessed: number;
  overdue: number;
  unreviewed: number;
  /** Answered items carried forward from last year that nobody has re-confirmed yet. */
  unconfirmed: number;
  /** (assessed − unconfirmed) / applicable: a carried-forward answer counts once someone confirms it. */
  progress: number;
  /** The documented rule (domain/scoring.ts): compliant 1, partial 0.5, N/A excluded; null if nothing scored. */
  complianceRate: number | null;
}

function lineOf(rows: ResultCounts[]): ScoreLine {
  const sum = (key: keyof ResultCounts) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
  const applicable = sum('applicable');
  const notAssessed = sum('not_assessed');
  const answeredNa = sum('answered_not_applicable');
  const compliant = sum('compliant');
  const partial = sum('partially_compliant');
  const unconfirmed = sum('unconfirmed');
  const scored = applicable - answeredNa;
  const points = compliant * RESULT_WEIGHT.compliant! + partial * RESULT_WEIGHT.partially_compliant!;
  return {
    applicable,
    notApplicable: sum('not_applicable'),
    assessed: applicable - notAssessed,
    compliant,
    partiallyCompliant: partial,
    nonCompliant: sum('non_compliant'),
    answeredNotApplicable: answeredNa,
    notAssessed,
    overdue: sum('overdue'),
    unreviewed: sum('unreviewed'),
    unconfirmed,
    progress: applicable === 0 ? 1 : (applicable - notAssessed - unconfirmed) / applicable,
    complianceRate: scored === 0 ? null : points / scored,
  };
}

interface DiffSide {
  result: AssessmentResult;
  explanation: string;
  compensatingControl: string;
  evidence: string[];
}

export interface ItemDiff {
  itemId: string;
  itemNumber: number;
  changes: Array<'result' | 'explanation' | 'compensatingControl' | 'applicable' | 'evidence'>;
  before: DiffSide | null;
  after: DiffSide | null;
}

/** Read models: the full workspace load, progress and scores, and comparisons between assessments. */
export class AssessmentInsightsService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: AssessmentsRepository,
    private readonly evidence: EvidenceRepository,
    private readonly lifecycle: AssessmentLifecycleService,
  ) {}

  /** Overall, per chapter and per role, from one GROUP BY query. */
  async summary(orgId: string, assessmentId: string) {
    const t = this.tenants.scope(orgId);
    const assessment = await this.lifecycle.find(t, assessmentId);
    const rows = await this.repo.countResults(t, assessmentId, todayInTaipei());
    const group = (key: (row: ResultCounts) => string) => {
      const groups = new Map<string, ResultCounts[]>();
      for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
      return [...groups.entries()].map(([k, list]) => ({ key: k, ...lineOf(list) }));
    };
    return {
      catalogId: assessment.catalog_id,
      overall: lineOf(rows),
      byChapter: group((row) => String(row.chapter)).map(({ key, ...line }) => ({
        chapter: Number(key),
        ...line,
      })),
      byRole: group((row) => row.role ?? 'general').map(({ key, ...line }) => ({ role: key, ...line })),
    };
  }

  /** Assessment, items and evidence metadata in three queries, however many items there are. */
  async load(orgId: string, assessmentId: string) {
    const t = this.tenants.scope(orgId);
    const assessment = await this.lifecycle.find(t, assessmentId);
    const [items, attached, events] = await Promise.all([
      this.repo.listItems(t, assessmentId),
      this.evidence.listForAssessment(t, assessmentId),
      this.repo.listEvents(t, assessmentId),
    ]);
    const notes = await this.reviewNotes(t, items);
    const today = todayInTaipei();
    const byItem = new Map<string, AttachedEvidenceRow[]>();
    for (const row of attached)
      byItem.set(row.assessment_item_id, [...(byItem.get(row.assessment_item_id) ?? []), row]);
    return {
      assessment,
      items: items.map((item) => itemEntry(item, byItem.get(item.id) ?? [], today, notes.get(item.id))),
      workflow: latestEvents(events),
    };
  }

  /**
   * A validator for `load`'s answer: it changes whenever the assessment, any item or any attachment does
   * (evidence itself is immutable), on a new day (overdue and expiry are as of today in Taipei) and with
   * a new release (the response's shape). One statement (`readStamp`) instead of the whole read.
   */
  async loadTag(orgId: string, assessmentId: string, variant: string): Promise<string> {
    const stamp = await this.repo.readStamp(this.tenants.scope(orgId), assessmentId);
    if (!stamp) throw new AppError(404, 'ASSESSMENT_NOT_FOUND');
    return validator(stamp.assessment, stamp.items, stamp.links, variant);
  }

  /**
   * The same validator as {@link loadTag}, from what `load` read: a read without If-None-Match needs no
   * aggregate query. The stamps are those of `AssessmentsRepository.readStamp`, computed here.
   */
  tagOf(loaded: Awaited<ReturnType<AssessmentInsightsService['load']>>, variant: string): string {
    let versions = 0;
    let latestItem = '';
    let links = 0;
    let latestLink = '';
    let flags = 0;
    for (const { item, evidence } of loaded.items) {
      versions += item.version;
      if (item.updated_at > latestItem) latestItem = item.updated_at;
      links += evidence.length;
      for (const { row } of evidence) {
        if (row.attached_at > latestLink) latestLink = row.attached_at;
        flags += Number(row.link_needs_reconfirmation);
      }
    }
    return validator(
      loaded.assessment,
      `${loaded.items.length}:${versions}:${latestItem}`,
      `${links}:${latestLink}:${flags}`,
      variant,
    );
  }

  /** One item with its evidence, shaped like an entry of `load`. */
  async loadItem(orgId: string, itemRowId: string) {
    const t = this.tenants.scope(orgId);
    const item = await this.repo.findItem(t, itemRowId);
    if (!item) throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
    return this.entryOf(t, item);
  }

  /** An item row already in hand (just written, say) with its evidence and review note. */
  entryFor(orgId: string, item: AssessmentItemRow) {
    return this.entryOf(this.tenants.scope(orgId), item);
  }

  private async entryOf(t: TenantScope, item: AssessmentItemRow) {
    const itemRowId = item.id;
    const notes = await this.reviewNotes(t, [item]);
    return itemEntry(
      item,
      await this.evidence.listForItem(t, itemRowId),
      todayInTaipei(),
      notes.get(item.id),
    );
  }

  /** A flag's note is the comment its reviewer wrote with it (stored at the same instant, in one query). */
  private async reviewNotes(t: TenantScope, items: readonly AssessmentItemRow[]) {
    const flagged = items.filter((i) => i.review_status === 'flagged' && i.reviewed_at);
    const comments = await this.repo.listCommentsOfItems(
      t,
      flagged.map((i) => i.id),
    );
    const notes = new Map<string, string>();
    for (const item of flagged) {
      const note = comments.find(
        (c) =>
          c.assessment_item_id === item.id &&
          c.author_user_id === item.reviewed_by &&
          c.created_at === item.reviewed_at,
      );
      if (note) notes.set(item.id, note.body);
    }
    return notes;
  }

  /** Item-by-item differences between any two assessments of the organisation, matched by catalog item. */
  async diff(orgId: string, fromId: string, toId: string): Promise<ItemDiff[]> {
    const [from, to] = await Promise.all([this.load(orgId, fromId), this.load(orgId, toId)]);
    const snapshot = (entry: (typeof from.items)[number] | undefined) =>
      entry
        ? {
            result: entry.item.result as AssessmentResult,
            explanation: entry.item.explanation,
            compensatingControl: entry.item.compensating_control,
            applicable: entry.item.applicable === 1,
            evidence: entry.evidence.map((e) => evidenceContentHash(e.row)).sort(),
          }
        : null;
    const before = new Map(from.items.map((entry) => [entry.item.item_id, entry]));
    const after = new Map(to.items.map((entry) => [entry.item.item_id, entry]));
    const ids = [...new Set([...before.keys(), ...after.keys()])];
    const diffs: ItemDiff[] = [];
    for (const itemId of ids) {
      const a = snapshot(before.get(itemId));
      const b = snapshot(after.get(itemId));
      const changes: ItemDiff['changes'] = [];
      if (a?.result !== b?.result) changes.push('result');
      if (a?.explanation !== b?.explanation) changes.push('explanation');
      if (a?.compensatingControl !== b?.compensatingControl) changes.push('compensatingControl');
      if (a?.applicable !== b?.applicable) changes.push('applicable');
      if (JSON.stringify(a?.evidence) !== JSON.stringify(b?.evidence)) changes.push('evidence');
      if (changes.length === 0) continue;
      const number = (after.get(itemId) ?? before.get(itemId))!.item.item_number;
      const strip = (s: typeof a) =>
        s
          ? {
              result: s.result,
              explanation: s.explanation,
              compensatingControl: s.compensatingControl,
              evidence: s.evidence,
            }
          : null;
      diffs.push({ itemId, itemNumber: number, changes, before: strip(a), after: strip(b) });
    }
    return diffs.sort((x, y) => x.itemNumber - y.itemNumber);
  }
}

/** A weak validator: the assessment's version, its items' and attachments' stamps, the day, the release. */
function validator(
  assessment: { version: number; updated_at: string },
  items: string,
  links: string,
  variant: string,
): string {
  const stamp = [
    assessment.version,
    assessment.updated_at,
    items,
    links,
    todayInTaipei(),
    APP_VERSION,
    variant,
  ];
  return `W/"${createHash('sha256').update(stamp.join('|')).digest('base64url').slice(0, 27)}"`;
}

/** One item as the workspace shows it: overdue flag and its evidence with expiry, as of `today`. */
export function itemEntry(
  item: AssessmentItemRow,
  attached: AttachedEvidenceRow[],
  today: string,
  reviewNote: string | null = null,
) {
  return {
    item,
    reviewNote,
    overdue: isOverdue(item, today),
    evidence: attached.map((row) => ({
      row,
      expired: row.valid_until !== null && daysBetween(today, row.valid_until) < 0,
    })),
  };
}

interface WorkflowEvent {
  userId: string;
  at: string;
  comment: string | null;
}

/** The latest submission, return and approval: who acted, when, and the return's overall reason. */
function latestEvents(
  events: ReadonlyArray<{
    action: string;
    actor_user_id: string;
    created_at: string;
    comment: string | null;
  }>,
) {
  const latest = (action: string): WorkflowEvent | null => {
    const event = events.filter((e) => e.action === action).at(-1);
    return event ? { userId: event.actor_user_id, at: event.created_at, comment: event.comment } : null;
  };
  return { submitted: latest('submitted'), returned: latest('returned'), approved: latest('approved') };
}

export function isOverdue(
  item: Pick<AssessmentItemRow, 'applicable' | 'result' | 'due_date'>,
  today: string,
): boolean {
  return (
    item.applicable === 1 && item.result === 'not_assessed' && item.due_date !== null && item.due_date < today
  );
}
