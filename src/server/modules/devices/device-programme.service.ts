import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import type { RegisterSnapshotsService } from '../register-snapshots/register-snapshots.service.js';
import type { ByodService } from './byod.service.js';
import { evaluateRow } from './device-evaluation.js';
import type { DevicesRepository } from './devices.repository.js';
import { type DevicesService, REGISTER } from './devices.service.js';
import type { AllowedAppTable, DeviceDocumentTable } from './devices.tables.js';
import { PostureTally, type RegisterSummary, summarise } from './domain/article-summary.js';
import { readInstalledApps } from './import/app-list.js';

export type AllowedAppRow = Selectable<AllowedAppTable>;
export type DocumentRow = Selectable<DeviceDocumentTable>;
export const DOCUMENT_KINDS = ['request_return_rules', 'tethering_control'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const todayInTaipei = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The rest of chapter 4 around the register: allowed apps (14.5), the request/return rules (14.1) and the
 * tethering control (15.3) as versioned evidence records, and the per-article summary with its frozen
 * snapshot for items 41–54.
 */
export class DeviceProgrammeService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: DevicesRepository,
    private readonly devices: DevicesService,
    private readonly byod: ByodService,
    private readonly evidence: EvidenceService,
    private readonly snapshots: RegisterSnapshotsService,
    private readonly audit: AuditRecorder,
  ) {}

  allowedApps(orgId: string): Promise<AllowedAppRow[]> {
    return this.tenants
      .scope(orgId)
      .db.selectFrom('allowed_app')
      .selectAll()
      .orderBy('platform')
      .orderBy('name')
      .execute();
  }

  addAllowedApp(
    actor: Actor,
    input: {
      platform: string;
      appIdentifier: string;
      name: string;
      reviewer: string;
      reviewedOn: string;
      note?: string;
    },
  ): Promise<AllowedAppRow> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const identifier = input.appIdentifier.trim();
      const clash = await t.db
        .selectFrom('allowed_app')
        .select('id')
        .where('platform', '=', input.platform)
        .where('app_identifier', '=', identifier)
        .executeTakeFirst();
      if (clash) throw new AppError(409, 'ALLOWED_APP_EXISTS');
      const row: AllowedAppRow = {
        id: randomUUID(),
        org_id: t.orgId,
        platform: input.platform,
        app_identifier: identifier,
        name: input.name.trim(),
        reviewer: input.reviewer.trim(),
        reviewed_on: input.reviewedOn,
        note: input.note ?? '',
        created_by: actor.userId,
        created_at: new Date().toISOString(),
      };
      await t.db.insertInto('allowed_app').values(row).execute();
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'device.allowed_app.add',
        targetType: 'allowed_app',
        targetId: row.id,
        after: {
          platform: row.platform,
          appIdentifier: row.app_identifier,
          reviewer: row.reviewer,
          reviewedOn: row.reviewed_on,
        },
      });
      return row;
    });
  }

  removeAllowedApp(actor: Actor, id: string): Promise<void> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const row = await t.db.selectFrom('allowed_app').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new AppError(404, 'ALLOWED_APP_NOT_FOUND');
      await t.db.deleteFrom('allowed_app').where('id', '=', id).execute();
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'device.allowed_app.remove',
        targetType: 'allowed_app',
        targetId: id,
        before: { platform: row.platform, appIdentifier: row.app_identifier },
      });
    });
  }

  /**
   * Checks an MDM export of installed apps against the allowed list (Art. 14.5): the rows whose app is not
   * on it for that platform (iOS and iPadOS share one list). Reads only.
   */
  async checkApps(orgId: string, input: Buffer) {
    const installed = await readInstalledApps(input);
    const family = (platform: string) => (platform === 'ipados' ? 'ios' : platform);
    const allowed = new Set(
      (await this.allowedApps(orgId)).map((a) => `${family(a.platform)}:${a.app_identifier}`),
    );
    return {
      rows: installed.length,
      unapproved: installed.filter((app) => !allowed.has(`${family(app.platform)}:${app.appIdentifier}`)),
    };
  }

  documents(orgId: string): Promise<DocumentRow[]> {
    return this.tenants
      .scope(orgId)
      .db.selectFrom('device_document')
      .selectAll()
      .orderBy('kind')
      .orderBy('version', 'desc')
      .execute();
  }

  /** A new version of the rules (14.1) or of the tethering control's record (15.3), with its evidence. */
  recordDocument(
    actor: Actor,
    input: { kind: DocumentKind; title: string; description: string; evidenceId?: string | null },
  ): Promise<DocumentRow> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      if (input.evidenceId) await this.evidence.find(t, input.evidenceId);
      const latest = await t.db
        .selectFrom('device_document')
        .select('version')
        .where('kind', '=', input.kind)
        .orderBy('version', 'desc')
        .executeTakeFirst();
      const row: DocumentRow = {
        id: randomUUID(),
        org_id: t.orgId,
        kind: input.kind,
        version: (latest?.version ?? 0) + 1,
        title: input.title.trim(),
        description: input.description,
        evidence_id: input.evidenceId ?? null,
        recorded_by: actor.userId,
        recorded_at: new Date().toISOString(),
      };
      await t.db.insertInto('device_document').values(row).execute();
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'device.document.record',
        targetType: 'device_document',
        targetId: row.id,
        after: { kind: row.kind, version: row.version, title: row.title, evidenceId: row.evidence_id },
      });
      return row;
    });
  }

  /**
   * The per-article summary: devices stream through the pure rules a page at a time (the rules are code,
   * not SQL: minimum OS versions, staleness); the programme figures are counts.
   */
  async summary(orgId: string, now = new Date()): Promise<RegisterSummary & { asOf: string }> {
    const t: TenantScope = this.tenants.scope(orgId);
    const { policy } = await this.devices.policy(t);
    const tally = new PostureTally();
    for await (const page of this.repo.all(t))
      for (const row of page)
        if (row.status === 'active')
          tally.add(evaluateRow(row, policy, now), row.ownership as 'company' | 'byod');
    const tasks = await this.devices.tasksOf(orgId);
    const documents = await this.documents(orgId);
    const tethering = documents.filter((d) => d.kind === 'tethering_control');
    const summary = summarise(tally, {
      policyDocuments: documents.filter((d) => d.kind === 'request_return_rules').length,
      tasksOpen: tasks.filter((task) => task.status === 'open').length,
      tasksDone: tasks.filter((task) => task.status === 'done').length,
      allowedApps: await this.repo.countBy(t, 'allowed_app'),
      ...(await this.byod.figures(t, todayInTaipei())),
      tetheringRecorded: tethering.length > 0,
      tetheringEvidence: tethering.filter((d) => d.evidence_id).length,
    });
    return { ...summary, asOf: now.toISOString() };
  }

  /** Freezes the summary as dated, hashed evidence, optionally attached to an item (41–54). */
  async snapshot(actor: Actor, attachToItem?: string) {
    const summary = await this.summary(actor.orgId);
    const day = summary.asOf.slice(0, 10);
    return this.snapshots.snapshot(
      actor,
      { registerKind: REGISTER, title: `行動裝置清冊摘要 ${day}`, summary, asOf: summary.asOf },
      attachToItem,
    );
  }
}
