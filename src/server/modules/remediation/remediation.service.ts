import { randomUUID } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { type Clock, calendarDateAt } from '../../platform/clock.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../assessments/assessments.ports.js';
import {
  canEditStatus,
  canRequestClosure,
  type RemediationStatus,
  type SourceKind,
} from './domain/lifecycle.js';
import {
  toAcceptanceDto,
  toEventDto,
  toMilestoneDto,
  toRemediationDto,
  toSourceDto,
} from './remediation.mappers.js';
import type { RemediationFilters, RemediationRepository, RemediationRow } from './remediation.repository.js';
import type { RemediationLog } from './remediation-log.js';
import './remediation.errors.js';

export interface RemediationInput {
  title: string;
  description?: string;
  ownerId?: string | null;
  plannedCompletion?: string | null;
  riskStatement?: string;
  recommendation?: string;
  milestones?: Array<{ title: string; dueOn: string }>;
}

export interface RemediationPatch extends Omit<RemediationInput, 'milestones' | 'title'> {
  title?: string;
  status?: RemediationStatus;
}

/** A finding another module reports (a gap, a failing control, a check result, an audit finding). */
export interface SourceFinding {
  sourceKind: Exclude<SourceKind, 'manual'>;
  sourceId: string;
  /** Path in the web app back to the finding. */
  link: string;
  /** The same gap across periods (e.g. `catalog-item:item-4`): an unfinished item with it is linked, not duplicated. */
  matchKey?: string;
  title: string;
  description?: string;
  riskStatement?: string;
  recommendation?: string;
  ownerId?: string | null;
  plannedCompletion?: string | null;
  /** The finding's answer now (e.g. `non_compliant`); a different one makes an acceptance stale. */
  basis?: string;
}

export type SourceChangeListener = (
  t: TenantScope,
  sourceKind: string,
  sourceId: string,
  basis: string,
) => Promise<void>;

export type ClosureRequestListener = (
  t: TenantScope,
  requestedBy: string,
  item: RemediationRow,
  note: string,
) => Promise<void>;

/**
 * Remediation items (plan of action and milestones; docs/remediation.md). `openOrUpdateFromSource` is the
 * entry point for other modules: the assessments module calls it for every 部分符合 / 不符合 answer; checks
 * and registers call it for their failures.
 */
export class RemediationService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: RemediationRepository,
    private readonly log: RemediationLog,
    private readonly clock: Clock,
    private readonly onSourceChanged: SourceChangeListener,
    private readonly onClosureRequested: ClosureRequestListener = async () => {},
  ) {}

  private today(): string {
    return calendarDateAt(this.clock.now());
  }

  async find(t: TenantScope, id: string): Promise<RemediationRow> {
    const row = await this.repo.find(t, id);
    if (!row) throw new AppError(404, 'REMEDIATION_NOT_FOUND');
    return row;
  }

  async get(orgId: string, id: string) {
    return toRemediationDto(await this.find(this.tenants.scope(orgId), id), this.today());
  }

  async create(actor: Actor, input: RemediationInput) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const row = await this.insert(t, actor.userId, input, {
        source_kind: 'manual',
        source_id: null,
        source_link: '',
        match_key: null,
      });
      return toRemediationDto(row, this.today());
    });
  }

  /**
   * Opens an item for a finding, or updates the one that already answers it: the same source, else an
   * unfinished item with the same match key (last period's gap found again), which gains this source.
   * A finding whose answer changed makes an active risk acceptance stale (the item reopens). Joins `scope`.
   */
  async openOrUpdateFromSource(
    orgId: string,
    actorUserId: string | null,
    finding: SourceFinding,
    scope?: TenantScope,
  ): Promise<{ item: ReturnType<typeof toRemediationDto>; created: boolean }> {
    const work = async (t: TenantScope) => {
      const now = this.log.now();
      let existing = await this.repo.findBySource(t, finding.sourceKind, finding.sourceId);
      if (existing?.status === 'completed') existing = undefined;
      existing ??= finding.matchKey ? await this.repo.findOpenByMatchKey(t, finding.matchKey) : undefined;
      if (existing) {
        await this.repo.addSource(t, {
          item_id: existing.id,
          source_kind: finding.sourceKind,
          source_id: finding.sourceId,
          link: finding.link,
          added_at: now,
        });
        if (finding.basis !== undefined)
          await this.onSourceChanged(t, finding.sourceKind, finding.sourceId, finding.basis);
        return { item: toRemediationDto(await this.find(t, existing.id), this.today()), created: false };
      }
      const row = await this.insert(
        t,
        actorUserId,
        { ...finding },
        {
          source_kind: finding.sourceKind,
          source_id: finding.sourceId,
          source_link: finding.link,
          match_key: finding.matchKey ?? null,
        },
      );
      await this.repo.addSource(t, {
        item_id: row.id,
        source_kind: finding.sourceKind,
        source_id: finding.sourceId,
        link: finding.link,
        added_at: now,
      });
      return { item: toRemediationDto(row, this.today()), created: true };
    };
    return scope ? scope.transaction(work) : this.tenants.transaction(orgId, work);
  }

  /** An owner who is not a member of this organisation is not found (as the id layer answers). */
  private async ensureOwner(t: TenantScope, ownerId: string | null | undefined): Promise<void> {
    if (ownerId && !(await this.repo.isMember(t, ownerId))) throw new AppError(404, 'USER_NOT_FOUND');
  }

  private async insert(
    t: TenantScope,
    actorUserId: string | null,
    input: RemediationInput,
    source: Pick<RemediationRow, 'source_kind' | 'source_id' | 'source_link' | 'match_key'>,
  ): Promise<RemediationRow> {
    await this.ensureOwner(t, input.ownerId);
    const now = this.log.now();
    const row: Omit<RemediationRow, 'org_id'> = {
      id: randomUUID(),
      title: input.title,
      description: input.description ?? '',
      ...source,
      owner_id: input.ownerId ?? null,
      status: 'open',
      risk_statement: input.riskStatement ?? '',
      recommendation: input.recommendation ?? '',
      planned_completion: input.plannedCompletion ?? null,
      actual_completion: null,
      closure_evidence_id: null,
      closure_note: null,
      close_requested_by: null,
      close_requested_at: null,
      closed_by: null,
      created_by: actorUserId,
      created_at: now,
      updated_at: now,
      version: 1,
    };
    await this.repo.insert(t, row);
    for (const [position, m] of (input.milestones ?? []).entries())
      await this.repo.insertMilestone(t, {
        id: randomUUID(),
        item_id: row.id,
        title: m.title,
        due_on: m.dueOn,
        completed_on: null,
        position,
        created_at: now,
      });
    const created = await this.find(t, row.id);
    await this.log.record(t, actorUserId, null, created, 'create');
    return created;
  }

  /** Edits fields and the open ⇄ in progress status; a stale version is 409 with the item as it stands. */
  async update(actor: Actor, id: string, version: number, patch: RemediationPatch) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.find(t, id);
      if (item.version !== version) return this.conflict(t, id);
      await this.ensureOwner(t, patch.ownerId);
      if (patch.status && !canEditStatus(item.status as RemediationStatus, patch.status))
        throw new AppError(409, 'REMEDIATION_STATUS_INVALID');
      const set = {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.ownerId !== undefined ? { owner_id: patch.ownerId } : {}),
        ...(patch.plannedCompletion !== undefined ? { planned_completion: patch.plannedCompletion } : {}),
        ...(patch.riskStatement !== undefined ? { risk_statement: patch.riskStatement } : {}),
        ...(patch.recommendation !== undefined ? { recommendation: patch.recommendation } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        updated_at: this.log.now(),
      };
      if (!(await this.repo.updateIfVersion(t, id, version, set))) return this.conflict(t, id);
      const after = await this.find(t, id);
      await this.log.record(t, actor.userId, item, after, item.status === after.status ? 'update' : 'status');
      return toRemediationDto(after, this.today());
    });
  }

  async conflict(t: TenantScope, id: string): Promise<never> {
    throw new AppError(409, 'VERSION_CONFLICT', {
      current: toRemediationDto(await this.find(t, id), this.today()),
    });
  }

  async addMilestone(actor: Actor, id: string, input: { title: string; dueOn: string }) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.find(t, id);
      const existing = await this.repo.milestones(t, [id]);
      const milestone = {
        id: randomUUID(),
        item_id: id,
        title: input.title,
        due_on: input.dueOn,
        completed_on: null,
        position: existing.length,
        created_at: this.log.now(),
      };
      await this.repo.insertMilestone(t, milestone);
      await this.log.record(t, actor.userId, item, item, 'milestone.add', input.title);
      return toMilestoneDto({ ...milestone, org_id: actor.orgId });
    });
  }

  async completeMilestone(actor: Actor, id: string, milestoneId: string, completed: boolean) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.find(t, id);
      const milestone = await this.repo.findMilestone(t, milestoneId);
      if (!milestone || milestone.item_id !== id) throw new AppError(404, 'REMEDIATION_MILESTONE_NOT_FOUND');
      const completedOn = completed ? this.today() : null;
      await this.repo.updateMilestone(t, milestoneId, { completed_on: completedOn });
      await this.log.record(
        t,
        actor.userId,
        item,
        item,
        completed ? 'milestone.complete' : 'milestone.reopen',
        milestone.title,
      );
      return toMilestoneDto({ ...milestone, completed_on: completedOn });
    });
  }

  /** Asks for closure with evidence; a second person with the approval permission confirms it. */
  async requestClosure(
    actor: Actor,
    id: string,
    input: { evidenceId: string; note: string; version: number },
  ) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.find(t, id);
      if (item.version !== input.version) return this.conflict(t, id);
      if (!canRequestClosure(item.status as RemediationStatus))
        throw new AppError(409, 'REMEDIATION_STATUS_INVALID');
      if (!input.evidenceId) throw new AppError(422, 'REMEDIATION_CLOSURE_NEEDS_EVIDENCE');
      const at = this.log.now();
      const set = {
        status: 'awaiting_closure',
        closure_evidence_id: input.evidenceId,
        closure_note: input.note,
        close_requested_by: actor.userId,
        close_requested_at: at,
        updated_at: at,
      };
      if (!(await this.repo.updateIfVersion(t, id, item.version, set))) return this.conflict(t, id);
      const after = await this.find(t, id);
      await this.log.record(t, actor.userId, item, after, 'closure.request', input.note);
      await this.onClosureRequested(t, actor.userId, after, input.note);
      return toRemediationDto(after, this.today());
    });
  }

  async decideClosure(
    actor: Actor,
    id: string,
    input: { decision: 'confirm' | 'reject'; note: string; version: number },
  ) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const item = await this.find(t, id);
      if (item.version !== input.version) return this.conflict(t, id);
      if (item.status !== 'awaiting_closure') throw new AppError(409, 'REMEDIATION_STATUS_INVALID');
      if (item.close_requested_by === actor.userId)
        throw new AppError(403, 'REMEDIATION_SECOND_PERSON_REQUIRED');
      const at = this.log.now();
      const set =
        input.decision === 'confirm'
          ? { status: 'completed', closed_by: actor.userId, actual_completion: this.today(), updated_at: at }
          : { status: 'in_progress', updated_at: at };
      if (!(await this.repo.updateIfVersion(t, id, item.version, set))) return this.conflict(t, id);
      const after = await this.find(t, id);
      await this.log.record(t, actor.userId, item, after, `closure.${input.decision}`, input.note);
      return toRemediationDto(after, this.today());
    });
  }

  async list(orgId: string, filters: RemediationFilters, limit: number, cursor?: string) {
    const after = decodeCursor(cursor, ['due', 'id'] as const);
    const rows = await this.repo.list(this.tenants.scope(orgId), filters, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => toRemediationDto(r, this.today())),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ due: last.planned_completion ?? '9999-12-31', id: last.id })
          : null,
    };
  }

  /** Everything the POA&M export needs, one query per table. */
  async exportRows(orgId: string) {
    const t = this.tenants.scope(orgId);
    const items = await this.repo.all(t);
    const ids = items.map((i) => i.id);
    const [milestones, events, acceptances] = await Promise.all([
      this.repo.milestones(t, ids),
      this.repo.events(t, ids),
      this.repo.acceptances(t, ids),
    ]);
    return { items, milestones, events, acceptances };
  }

  /** The item with its milestones, sources, risk log and acceptances (one query each). */
  async detail(orgId: string, id: string) {
    const t = this.tenants.scope(orgId);
    const item = await this.find(t, id);
    const [milestones, sources, events, acceptances] = await Promise.all([
      this.repo.milestones(t, [id]),
      this.repo.sources(t, [id]),
      this.repo.events(t, [id]),
      this.repo.acceptances(t, [id]),
    ]);
    return {
      item: toRemediationDto(item, this.today()),
      milestones: milestones.map(toMilestoneDto),
      sources: sources.map(toSourceDto),
      events: events.map(toEventDto),
      acceptances: acceptances.map(toAcceptanceDto),
    };
  }
}
