import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import { isUniqueViolation } from '../../../db/errors.js';
import type { TenantScope, Tenants } from '../../../db/tenancy/tenant-scope.js';
import { AppError } from '../../../platform/errors.js';
import type { Locale } from '../../../platform/i18n.js';
import type { Actor, AuditRecorder, MembershipCheck } from '../../assessments/assessments.ports.js';
import type { EvidenceRepository } from '../../evidence/evidence.repository.js';
import type {
  MemberDeparture,
  MemberDepartureListener,
  TaskRequest,
} from '../../register-tasks/member-departure.js';
import type { RegisterTasksService } from '../../register-tasks/register-tasks.service.js';
import './apps-register.errors.js';
import { toAppDto, toTemplateDto } from './apps.mappers.js';
import type { AppRow, AppsRepository } from './apps.repository.js';
import type { AppInputSchema, ControlInput, TemplateInput } from './apps.schemas.js';
import { APP_REGISTER, ownerChangeCloses, ownerTaskKind } from './domain/owner-tasks.js';
import type { AppControl } from './domain/release-gate.js';

/** The de-identification checker (libphonenumber-js's metadata) loads with the first template, not at start. */
const loadDeid = () => import('../deid/deid-report.js');

export type AppInput = Static<typeof AppInputSchema>;

/**
 * The register of the firm's mobile apps, their Art. 16 controls and notification templates (Art. 16.2).
 * It listens for member departures: an app whose owner leaves or changes role gets a register task.
 */
export class AppsService implements MemberDepartureListener {
  readonly register = APP_REGISTER;

  constructor(
    private readonly tenants: Tenants,
    private readonly repo: AppsRepository,
    private readonly audit: AuditRecorder,
    private readonly evidence: Pick<EvidenceRepository, 'find'>,
    private readonly isMember: MembershipCheck,
    private readonly tasks: Pick<RegisterTasksService, 'list' | 'listWithin' | 'completeWithin'>,
  ) {}

  /** Called by the task mechanism inside the identity change's transaction: one task per app they own. */
  async onMemberDeparted(t: TenantScope, departure: MemberDeparture): Promise<TaskRequest[]> {
    return (await this.repo.appsOwnedBy(t, departure.memberUserId)).map((app) => ({
      subjectId: app.id,
      subjectLabel: `${app.name} · ${app.bundle_id}`,
      kind: ownerTaskKind(departure.reason),
    }));
  }

  tasksOf(orgId: string, status?: 'open' | 'done') {
    return this.tasks.list(orgId, { register: APP_REGISTER, ...(status ? { status } : {}) }, 500);
  }

  async find(t: TenantScope, id: string): Promise<AppRow> {
    const row = await this.repo.findApp(t, id);
    if (!row) throw new AppError(404, 'APP_NOT_FOUND');
    return row;
  }

  async get(orgId: string, id: string) {
    const t = this.tenants.scope(orgId);
    const row = await this.find(t, id);
    return toAppDto(row, await this.repo.listControls(t, [row.id]));
  }

  async list(orgId: string, limit: number, after?: { name: string; id: string }, bundleId?: string) {
    const t = this.tenants.scope(orgId);
    const rows = await this.repo.listApps(t, limit, after, bundleId);
    const controls = await this.repo.listControls(
      t,
      rows.map((r) => r.id),
    );
    return rows.map((row) =>
      toAppDto(
        row,
        controls.filter((c) => c.app_id === row.id),
      ),
    );
  }

  private async ensureOwner(orgId: string, userId: string | null | undefined) {
    if (userId && !(await this.isMember(orgId, userId))) throw new AppError(404, 'USER_NOT_FOUND');
  }

  private columns(input: Partial<AppInput>): Partial<AppRow> {
    const out: Partial<AppRow> = {};
    if (input.name !== undefined) out.name = input.name.trim();
    if (input.platforms !== undefined) out.platforms = JSON.stringify([...input.platforms].sort());
    if (input.bundleId !== undefined) out.bundle_id = input.bundleId;
    if (input.vendorKind !== undefined) out.vendor_kind = input.vendorKind;
    if (input.vendorName !== undefined) out.vendor_name = input.vendorName.trim();
    if (input.ownerUserId !== undefined) out.owner_user_id = input.ownerUserId;
    if (input.notes !== undefined) out.notes = input.notes;
    return out;
  }

  async create(actor: Actor, input: AppInput) {
    await this.ensureOwner(actor.orgId, input.ownerUserId);
    const at = new Date().toISOString();
    const row: AppRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      vendor_name: '',
      owner_user_id: null,
      notes: '',
      created_at: at,
      updated_at: at,
      version: 1,
      ...(this.columns(input) as Pick<AppRow, 'name' | 'platforms' | 'bundle_id' | 'vendor_kind'>),
    };
    await this.uniqueBundle(() =>
      this.tenants.transaction(actor.orgId, async (t) => {
        if (await this.repo.findAppByBundle(t, row.bundle_id)) throw new AppError(409, 'APP_BUNDLE_ID_TAKEN');
        await this.repo.insertApp(t, row);
        await this.record(t, actor, 'app.create', row.id, undefined, row);
      }),
    );
    return toAppDto(row, []);
  }

  /** Two concurrent writes of one bundle id: the database's unique key settles it, answered as 409. */
  private async uniqueBundle<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(409, 'APP_BUNDLE_ID_TAKEN');
      throw error;
    }
  }

  async update(actor: Actor, id: string, expectedVersion: number, input: Partial<AppInput>) {
    await this.ensureOwner(actor.orgId, input.ownerUserId);
    const saved = await this.uniqueBundle(() =>
      this.tenants.transaction(actor.orgId, async (t) => {
        const before = await this.find(t, id);
        const patch = { ...this.columns(input), updated_at: new Date().toISOString() };
        if (patch.bundle_id && patch.bundle_id !== before.bundle_id) {
          const other = await this.repo.findAppByBundle(t, patch.bundle_id);
          if (other) throw new AppError(409, 'APP_BUNDLE_ID_TAKEN');
        }
        if (!(await this.repo.updateAppIfVersion(t, id, expectedVersion, patch))) return false;
        await this.record(t, actor, 'app.update', id, before, patch);
        if (input.ownerUserId !== undefined) await this.closeOwnerTasks(t, actor, id, input.ownerUserId);
        return true;
      }),
    );
    const current = await this.get(actor.orgId, id);
    if (!saved) throw new AppError(409, 'VERSION_CONFLICT', { current });
    return current;
  }

  /**
   * Closes the app's open owner tasks that this owner change answers, in the update's transaction (the
   * change and the closing commit together). The app is the event: the update is audited on it.
   */
  private async closeOwnerTasks(t: TenantScope, actor: Actor, appId: string, newOwner: string | null) {
    const open = await this.tasks.listWithin(
      t,
      { status: 'open', register: APP_REGISTER, subjectId: appId },
      500,
    );
    for (const task of open.filter((x) => ownerChangeCloses(x, newOwner)))
      await this.tasks.completeWithin(t, actor, task.id, {
        register: APP_REGISTER,
        subjectId: appId,
        eventId: appId,
      });
  }

  async setControl(actor: Actor, appId: string, control: AppControl, input: Static<typeof ControlInput>) {
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.find(t, appId);
      if (input.evidenceId && !(await this.evidence.find(t, input.evidenceId)))
        throw new AppError(404, 'EVIDENCE_NOT_FOUND');
      const row = {
        org_id: t.orgId,
        app_id: appId,
        control,
        implemented: input.implemented ? 1 : 0,
        description: input.description ?? '',
        evidence_id: input.evidenceId ?? null,
        updated_by: actor.userId,
        updated_at: new Date().toISOString(),
      };
      await this.repo.upsertControl(t, row);
      await this.record(t, actor, 'app.control.set', appId, undefined, row);
    });
    return this.get(actor.orgId, appId);
  }

  async listTemplates(orgId: string, appId: string, lang: Locale) {
    const t = this.tenants.scope(orgId);
    await this.find(t, appId);
    const { deidReport } = await loadDeid();
    return (await this.repo.listTemplates(t, appId)).map((row) =>
      toTemplateDto(row, deidReport(row.body, lang)),
    );
  }

  async createTemplate(actor: Actor, appId: string, input: Static<typeof TemplateInput>, lang: Locale) {
    const at = new Date().toISOString();
    const row = {
      id: randomUUID(),
      org_id: actor.orgId,
      app_id: appId,
      channel: input.channel,
      name: input.name.trim(),
      body: input.body,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.find(t, appId);
      await this.repo.insertTemplate(t, row);
      // The text is the firm's template; the trail records that it changed, not what it says.
      await this.record(t, actor, 'app.template.create', row.id, undefined, { appId, name: row.name });
    });
    return toTemplateDto(row, (await loadDeid()).deidReport(row.body, lang));
  }

  async updateTemplate(
    actor: Actor,
    id: string,
    expectedVersion: number,
    input: Partial<Static<typeof TemplateInput>>,
    lang: Locale,
  ) {
    const saved = await this.tenants.transaction(actor.orgId, async (t) => {
      if (!(await this.repo.findTemplate(t, id))) throw new AppError(404, 'APP_TEMPLATE_NOT_FOUND');
      const patch = {
        ...(input.channel !== undefined ? { channel: input.channel } : {}),
        ...(input.name !== undefined ? { name: input.name.trim() } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        updated_at: new Date().toISOString(),
      };
      if (!(await this.repo.updateTemplateIfVersion(t, id, expectedVersion, patch))) return false;
      await this.record(t, actor, 'app.template.update', id, undefined, { fields: Object.keys(patch) });
      return true;
    });
    const row = (await this.repo.findTemplate(this.tenants.scope(actor.orgId), id))!;
    const current = toTemplateDto(row, (await loadDeid()).deidReport(row.body, lang));
    if (!saved) throw new AppError(409, 'VERSION_CONFLICT', { current });
    return current;
  }

  private record(
    t: TenantScope,
    actor: Actor,
    action: string,
    targetId: string,
    before: unknown,
    after: unknown,
  ) {
    return this.audit.record(t.db, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action,
      targetType: action.startsWith('app.template') ? 'app_notification_template' : 'mobile_app',
      targetId,
      before,
      after,
    });
  }
}
