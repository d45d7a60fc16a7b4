import { createHash, randomUUID } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { MemberDeparture, MemberDepartureListener } from '../register-tasks/member-departure.js';
import type { RegisterTasksService } from '../register-tasks/register-tasks.service.js';
import { runImport } from '../tabular-import/import-pipeline.js';
import { evaluateRow, storedEvaluation } from './device-evaluation.js';
import type { DeviceFilters, DeviceRow, DevicesRepository } from './devices.repository.js';
import type { Observation, ObservedControl } from './domain/controls.js';
import { DEFAULT_POLICY, type Posture, type PosturePolicy } from './domain/posture-rules.js';
import './devices.errors.js';
import { deviceImport } from './import/device-import.js';
import type { MdmSource } from './import/mdm-profiles.js';

export const REGISTER = 'device';
export const EVENT_KINDS = [
  'request',
  'issue',
  'update',
  'return',
  'reprovision',
  'wipe',
  'lost',
  'retire',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The register's people: members by e-mail, for matching an export's primary user to a holder. */
export type MemberDirectory = (orgId: string) => Promise<Array<{ id: string; email: string }>>;

export interface DeviceInput {
  name: string;
  type: string;
  platform: string;
  osVersion?: string | null;
  model?: string | null;
  serialNumber?: string | null;
  imei?: string | null;
  holderUserId?: string | null;
  holderName?: string | null;
  holderPhone?: string | null;
  department?: string | null;
  ownership: string;
  handlesSensitive: boolean;
  connectsDirectly: boolean;
  enrolled?: boolean | null;
  lastCheckIn?: string | null;
  /** Manual observations, recorded with the person and time. */
  posture?: Partial<Record<ObservedControl, Observation>>;
}

const STATUS_AFTER: Partial<Record<EventKind, string>> = {
  issue: 'active',
  return: 'returned',
  lost: 'lost',
  retire: 'retired',
};

/** The device register: devices, their posture under the organisation's policy, lifecycle and imports. */
export class DevicesService implements MemberDepartureListener {
  readonly register = REGISTER;

  constructor(
    private readonly tenants: Tenants,
    private readonly repo: DevicesRepository,
    private readonly audit: AuditRecorder,
    private readonly tasks: RegisterTasksService,
    private readonly members: MemberDirectory,
  ) {}

  async policy(t: TenantScope): Promise<{ policy: PosturePolicy; version: number }> {
    const row = await t.db.selectFrom('device_policy').selectAll().executeTakeFirst();
    if (!row) return { policy: DEFAULT_POLICY, version: 0 };
    return {
      policy: { ...DEFAULT_POLICY, ...(JSON.parse(row.policy) as PosturePolicy) },
      version: row.version,
    };
  }

  getPolicy(orgId: string) {
    return this.policy(this.tenants.scope(orgId));
  }

  /** Replaces the policy (optimistic on its version) and re-evaluates every device under it. */
  setPolicy(actor: Actor, policy: PosturePolicy, expectedVersion: number) {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const current = await this.policy(t);
      if (current.version !== expectedVersion)
        throw new AppError(409, 'VERSION_CONFLICT', {
          current: { ...current.policy, version: current.version },
        });
      const now = new Date().toISOString();
      const row = {
        policy: JSON.stringify(policy),
        version: expectedVersion + 1,
        updated_by: actor.userId,
        updated_at: now,
      };
      if (expectedVersion === 0)
        await t.db
          .insertInto('device_policy')
          .values({ ...row, org_id: t.orgId })
          .execute();
      else await t.db.updateTable('device_policy').set(row).execute();
      const evaluations: Array<{ id: string; failing: number; unknown: number; in_scope: number }> = [];
      for await (const page of this.repo.all(t))
        for (const device of page) evaluations.push({ id: device.id, ...storedEvaluation(device, policy) });
      await this.repo.setEvaluations(t, evaluations);
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'device.policy.update',
        targetType: 'device_policy',
        targetId: t.orgId,
        before: current.policy,
        after: policy,
      });
      return { policy, version: expectedVersion + 1 };
    });
  }

  async find(t: TenantScope, id: string): Promise<DeviceRow> {
    const row = await this.repo.find(t, id);
    if (!row) throw new AppError(404, 'DEVICE_NOT_FOUND');
    return row;
  }

  list(orgId: string, filters: DeviceFilters, limit: number, after?: { name: string; id: string }) {
    return this.repo.list(this.tenants.scope(orgId), filters, limit, after);
  }

  /** A device with its evaluation under the current policy, its history and its open tasks. */
  async detail(orgId: string, id: string) {
    const t = this.tenants.scope(orgId);
    const row = await this.find(t, id);
    const { policy } = await this.policy(t);
    const [events, tasks] = await Promise.all([
      this.repo.listEvents(t, id),
      this.tasks.list(orgId, { register: REGISTER, subjectId: id }, 100),
    ]);
    return { row, evaluation: evaluateRow(row, policy, new Date()), events, tasks };
  }

  private fields(input: DeviceInput, actorUserId: string, now: string, posture: Posture) {
    for (const [control, value] of Object.entries(input.posture ?? {}))
      posture[control as ObservedControl] = { value, source: `manual:${actorUserId}`, observedAt: now };
    return {
      name: input.name.trim(),
      type: input.type,
      platform: input.platform,
      os_version: input.osVersion ?? null,
      model: input.model ?? null,
      serial_number: input.serialNumber?.replace(/\s+/g, '').toUpperCase() || null,
      imei: input.imei ?? null,
      holder_user_id: input.holderUserId ?? null,
      holder_name: input.holderName ?? null,
      holder_phone: input.holderPhone ?? null,
      department: input.department ?? null,
      ownership: input.ownership,
      handles_sensitive: input.handlesSensitive ? 1 : 0,
      connects_directly: input.connectsDirectly ? 1 : 0,
      enrolled: input.enrolled === undefined || input.enrolled === null ? null : input.enrolled ? 1 : 0,
      last_check_in: input.lastCheckIn ?? null,
      posture: JSON.stringify(posture),
      updated_at: now,
    };
  }

  /** A holder or person named by id must be a member of this organisation (whatever the id layer did). */
  async ensureMember(orgId: string, userId: string | null | undefined): Promise<void> {
    if (!userId) return;
    if (!(await this.members(orgId)).some((m) => m.id === userId))
      throw new AppError(422, 'USER_NOT_A_MEMBER');
  }

  private async ensureUniqueSerial(t: TenantScope, serial: string | null, self?: string) {
    if (!serial) return;
    const clash = await t.db
      .selectFrom('device')
      .select('id')
      .where('serial_number', '=', serial)
      .executeTakeFirst();
    if (clash && clash.id !== self) throw new AppError(409, 'DEVICE_SERIAL_TAKEN');
  }

  async create(actor: Actor, input: DeviceInput): Promise<DeviceRow> {
    await this.ensureMember(actor.orgId, input.holderUserId);
    return this.tenants.transaction(actor.orgId, async (t) => {
      const now = new Date().toISOString();
      const { policy } = await this.policy(t);
      const fields = this.fields(input, actor.userId, now, {});
      await this.ensureUniqueSerial(t, fields.serial_number);
      const row: DeviceRow = {
        ...fields,
        ...storedEvaluation(fields, policy),
        id: randomUUID(),
        org_id: t.orgId,
        version: 1,
        mdm_source: null,
        mdm_device_id: null,
        status: 'active',
        missing_since: null,
        last_import_id: null,
        created_at: now,
      };
      await this.repo.insert(t, row);
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'device.create',
        targetType: 'device',
        targetId: row.id,
        after: { name: row.name, platform: row.platform, ownership: row.ownership },
      });
      return row;
    });
  }

  /**
   * A stale version is 409 VERSION_CONFLICT carrying the device as it now stands, in the public form the
   * caller may see (`present`: masked unless they hold device:personal), read after the transaction.
   */
  async update(
    actor: Actor,
    id: string,
    version: number,
    input: DeviceInput,
    present: (row: DeviceRow, policy: PosturePolicy) => unknown,
  ): Promise<DeviceRow> {
    await this.ensureMember(actor.orgId, input.holderUserId);
    const updated = await this.tenants.transaction(actor.orgId, async (t) => {
      const before = await this.find(t, id);
      if (before.version !== version) return undefined;
      const now = new Date().toISOString();
      const { policy } = await this.policy(t);
      const fields = this.fields(input, actor.userId, now, JSON.parse(before.posture) as Posture);
      await this.ensureUniqueSerial(t, fields.serial_number, id);
      if (!(await this.repo.update(t, id, version, { ...fields, ...storedEvaluation(fields, policy) })))
        return undefined;
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'device.update',
        targetType: 'device',
        targetId: id,
        // Names and identifiers stay out of the trail: which fields were sent, and posture observations.
        after: { fields: Object.keys(input), posture: input.posture ?? {} },
      });
      return this.find(t, id);
    });
    if (updated) return updated;
    const t = this.tenants.scope(actor.orgId);
    const current = await this.find(t, id);
    throw new AppError(409, 'VERSION_CONFLICT', { current: present(current, (await this.policy(t)).policy) });
  }

  /**
   * A dated lifecycle event with the person (Art. 14.1–14.2). With `taskId`, the event is the work a
   * member-departure task asked for: the task closes in the same transaction, and only with an event of
   * its own kind for its own device.
   */
  async recordEvent(
    actor: Actor,
    deviceId: string,
    input: {
      kind: EventKind;
      occurredOn: string;
      personUserId?: string | null;
      personName?: string | null;
      note?: string;
      taskId?: string | null;
    },
  ) {
    // Reads outside the transaction come first: SQLite has one connection, held by the transaction.
    await this.ensureMember(actor.orgId, input.personUserId);
    return this.tenants.transaction(actor.orgId, async (t) => {
      const device = await this.find(t, deviceId);
      if (!input.personUserId && !input.personName?.trim())
        throw new AppError(400, 'DEVICE_EVENT_PERSON_REQUIRED');
      const now = new Date().toISOString();
      const event = {
        id: randomUUID(),
        org_id: t.orgId,
        device_id: deviceId,
        kind: input.kind,
        occurred_on: input.occurredOn,
        person_user_id: input.personUserId ?? null,
        person_name: input.personName?.trim() || null,
        note: input.note ?? '',
        task_id: input.taskId ?? null,
        recorded_by: actor.userId,
        recorded_at: now,
      };
      await this.repo.insertEvent(t, event);
      if (input.taskId) {
        const task = await this.tasks.find(t, input.taskId);
        if (task.kind !== input.kind) throw new AppError(409, 'DEVICE_TASK_KIND_MISMATCH');
        await this.tasks.completeWithin(t, actor, input.taskId, {
          register: REGISTER,
          subjectId: deviceId,
          eventId: event.id,
        });
      }
      const status = STATUS_AFTER[input.kind];
      const holder =
        input.kind === 'issue'
          ? { holder_user_id: input.personUserId ?? null, holder_name: event.person_name }
          : {};
      if (status || input.kind === 'issue')
        await this.repo.update(t, deviceId, device.version, {
          ...(status ? { status } : {}),
          ...holder,
          updated_at: now,
        });
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: `device.event.${input.kind}`,
        targetType: 'device',
        targetId: deviceId,
        after: { eventId: event.id, occurredOn: event.occurred_on, taskId: event.task_id },
      });
      return event;
    });
  }

  /** Member left or changed role/department: each active device they hold needs a wipe or re-provisioning. */
  async onMemberDeparted(t: TenantScope, departure: MemberDeparture) {
    const held = await this.repo.heldBy(t, departure.memberUserId);
    return held.map((device) => ({
      subjectId: device.id,
      subjectLabel: `${device.name} (${device.platform})`,
      kind: departure.reason === 'removed' || device.ownership === 'byod' ? 'wipe' : 'reprovision',
    }));
  }

  /** Every device for an export, recorded in the audit trail with its mode (privacy or full). */
  exportRows(actor: Actor, mode: 'privacy' | 'full'): Promise<DeviceRow[]> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const rows: DeviceRow[] = [];
      for await (const page of this.repo.all(t)) rows.push(...page);
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'device.export',
        targetType: 'device',
        targetId: t.orgId,
        after: { mode, rows: rows.length },
      });
      return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    });
  }

  tasksOf(orgId: string, status?: 'open' | 'done') {
    return this.tasks.list(orgId, { register: REGISTER, ...(status ? { status } : {}) }, 500);
  }

  /** Preview (dry run) or apply an MDM export: every row or none (tabular-import). */
  async importFile(
    actor: Actor | { orgId: string; userId: null },
    input: Buffer,
    filename: string,
    options: { dryRun: boolean; locale: Locale; source?: MdmSource },
  ) {
    const t = this.tenants.scope(actor.orgId);
    const { policy } = await this.policy(t);
    const members = new Map((await this.members(actor.orgId)).map((m) => [m.email.toLowerCase(), m.id]));
    const outcome = await runImport(
      this.tenants,
      actor.orgId,
      input,
      deviceImport({
        repo: this.repo,
        audit: this.audit,
        policy,
        members,
        importedBy: actor.userId,
        filename,
        sha256: createHash('sha256').update(input).digest('hex'),
        now: new Date().toISOString(),
      }),
      {
        dryRun: options.dryRun,
        locale: options.locale,
        ...(options.source ? { source: options.source } : {}),
      },
    );
    return outcome;
  }
}
