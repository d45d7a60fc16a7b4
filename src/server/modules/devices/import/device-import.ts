import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { TenantScope } from '../../../db/tenancy/tenant-scope.js';
import type { AuditRecorder } from '../../assessments/assessments.ports.js';
import type { ImportDefinition, ParsedRow, RowProblem } from '../../tabular-import/import-pipeline.js';
import { storedEvaluation } from '../device-evaluation.js';
import type { DeviceRow, DevicesRepository } from '../devices.repository.js';
import type { DeviceTable } from '../devices.tables.js';
import type { Posture, PosturePolicy } from '../domain/posture-rules.js';
import { DEVICE_PROFILES, type DeviceField } from './mdm-profiles.js';
import { type ImportedDevice, parseDeviceRow } from './parse-device-row.js';

export interface DeviceImportPlan {
  importId: string;
  source: string;
  rows: Array<Insertable<DeviceTable>>;
  added: number;
  updated: number;
  flagged: number;
  /** The first rows, for the preview: row number, action, device name and evaluated failures. */
  sample: Array<{
    sheetRow: number;
    action: 'add' | 'update';
    name: string;
    platform: string;
    failing: number;
  }>;
}

export interface ImportContext {
  repo: DevicesRepository;
  audit: AuditRecorder;
  policy: PosturePolicy;
  /** Members by lower-case e-mail: an export's primary user becomes the holder when they are one. */
  members: Map<string, string>;
  importedBy: string | null;
  filename: string;
  sha256: string;
  now: string;
}

const SAMPLE = 50;

function merge(
  existing: DeviceRow | undefined,
  row: ImportedDevice,
  source: string,
  ctx: ImportContext,
  importId: string,
) {
  const observed = ctx.now;
  const posture: Posture = existing ? (JSON.parse(existing.posture) as Posture) : {};
  for (const [control, value] of Object.entries(row.posture))
    posture[control as keyof Posture] = {
      value,
      source: `import:${importId}`,
      observedAt: row.lastCheckIn ?? observed,
    };
  const holderUserId = row.holderEmail ? (ctx.members.get(row.holderEmail) ?? null) : null;
  const base = {
    name: row.name,
    type: row.type,
    platform: row.platform,
    os_version: row.osVersion ?? existing?.os_version ?? null,
    model: row.model ?? existing?.model ?? null,
    serial_number: row.serialNumber ?? existing?.serial_number ?? null,
    imei: row.imei ?? existing?.imei ?? null,
    holder_name: row.holderName ?? (holderUserId ? null : row.holderEmail) ?? existing?.holder_name ?? null,
    holder_phone: row.holderPhone ?? existing?.holder_phone ?? null,
    holder_user_id: holderUserId ?? existing?.holder_user_id ?? null,
    department: row.department ?? existing?.department ?? null,
    ownership: row.ownership,
    // Art. 13 facts: a file that does not state them keeps what the register says; new devices count in.
    handles_sensitive:
      row.handlesSensitive === null ? (existing?.handles_sensitive ?? 1) : row.handlesSensitive ? 1 : 0,
    connects_directly:
      row.connectsDirectly === null ? (existing?.connects_directly ?? 1) : row.connectsDirectly ? 1 : 0,
    mdm_source: source,
    mdm_device_id: row.mdmDeviceId ?? existing?.mdm_device_id ?? null,
    enrolled: row.enrolled === null ? (existing?.enrolled ?? null) : row.enrolled ? 1 : 0,
    last_check_in: row.lastCheckIn ?? existing?.last_check_in ?? null,
    posture: JSON.stringify(posture),
    missing_since: null,
    last_import_id: importId,
    updated_at: ctx.now,
  };
  return { ...base, ...storedEvaluation(base, ctx.policy) };
}

/**
 * The device register's import: rows are matched by serial number, else by the MDM's own device id, so
 * a monthly export updates the register instead of duplicating it; devices of the same source missing
 * from the file are flagged (`missing_since`), never deleted. A serial number or device id twice in one
 * file is a row error.
 */
export function deviceImport(
  ctx: ImportContext,
): ImportDefinition<DeviceField, ImportedDevice, DeviceImportPlan> {
  return {
    profiles: DEVICE_PROFILES,
    parseRow: parseDeviceRow,
    async plan(t: TenantScope, parsed: Array<ParsedRow<ImportedDevice>>, mapping) {
      const source = mapping.profile.id;
      const importId = randomUUID();
      const bySerial = new Map<string, DeviceRow>();
      const byMdmId = new Map<string, DeviceRow>();
      const existing: DeviceRow[] = [];
      for await (const page of ctx.repo.all(t)) {
        for (const device of page) {
          existing.push(device);
          if (device.serial_number) bySerial.set(device.serial_number, device);
          if (device.mdm_device_id && device.mdm_source === source) byMdmId.set(device.mdm_device_id, device);
        }
      }
      const problems: RowProblem[] = [];
      const seen = new Map<string, number>();
      const touched = new Set<string>();
      const plan: DeviceImportPlan = {
        importId,
        source,
        rows: [],
        added: 0,
        updated: 0,
        flagged: 0,
        sample: [],
      };
      for (const { sheetRow, value } of parsed) {
        const keys = [
          value.serialNumber && `s:${value.serialNumber}`,
          value.mdmDeviceId && `m:${value.mdmDeviceId}`,
        ];
        const repeated = keys.find((k) => k && seen.has(k));
        if (repeated) {
          problems.push({ sheetRow, column: null, code: 'TABLE_DUPLICATE_ROW' });
          continue;
        }
        for (const k of keys) if (k) seen.set(k, sheetRow);
        const match =
          (value.serialNumber ? bySerial.get(value.serialNumber) : undefined) ??
          (value.mdmDeviceId ? byMdmId.get(value.mdmDeviceId) : undefined);
        if (match && touched.has(match.id)) {
          problems.push({ sheetRow, column: null, code: 'TABLE_DUPLICATE_ROW' });
          continue;
        }
        const merged = merge(match, value, source, ctx, importId);
        const row: Insertable<DeviceTable> = match
          ? { ...match, ...merged }
          : {
              ...merged,
              id: randomUUID(),
              org_id: t.orgId,
              version: 1,
              status: 'active',
              created_at: ctx.now,
            };
        if (match) touched.add(match.id);
        plan.rows.push(row);
        if (match) plan.updated += 1;
        else plan.added += 1;
        if (plan.sample.length < SAMPLE)
          plan.sample.push({
            sheetRow,
            action: match ? 'update' : 'add',
            name: row.name,
            platform: row.platform,
            failing: row.failing,
          });
      }
      for (const device of existing) {
        if (device.mdm_source !== source || touched.has(device.id) || device.status !== 'active') continue;
        if (device.missing_since) continue;
        plan.rows.push({ ...device, missing_since: ctx.now, updated_at: ctx.now });
        plan.flagged += 1;
      }
      return { plan, problems };
    },
    async apply(t: TenantScope, plan: DeviceImportPlan) {
      await ctx.repo.insertImport(t, {
        id: plan.importId,
        org_id: t.orgId,
        source: plan.source,
        filename: ctx.filename,
        sha256: ctx.sha256,
        rows: plan.added + plan.updated,
        added: plan.added,
        updated: plan.updated,
        flagged: plan.flagged,
        imported_by: ctx.importedBy,
        imported_at: ctx.now,
      });
      await ctx.repo.upsertMany(t, plan.rows);
      // One entry per import (counts and the file's hash); a 50,000-row file is not 50,000 entries.
      await ctx.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: ctx.importedBy,
        action: 'device.import',
        targetType: 'device_import',
        targetId: plan.importId,
        after: {
          source: plan.source,
          added: plan.added,
          updated: plan.updated,
          flagged: plan.flagged,
          sha256: ctx.sha256,
        },
      });
    },
  };
}
