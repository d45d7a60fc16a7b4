import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import type { RegisterSnapshotsService } from '../register-snapshots/register-snapshots.service.js';
import type { MemberDepartureListeners } from '../register-tasks/member-departure.js';
import type { RegisterTasksService } from '../register-tasks/register-tasks.service.js';
import type { DueDatesService } from '../scheduler/due-dates.service.js';
import { ByodService } from './byod.service.js';
import { DeviceProgrammeService } from './device-programme.service.js';
import { DevicesRepository } from './devices.repository.js';
import { DevicesService, type MemberDirectory } from './devices.service.js';

export interface DeviceServices {
  devices: DevicesService;
  byod: ByodService;
  programme: DeviceProgrammeService;
}

export type { Actor };

/** Wires the device register; it joins the member-departure listeners, so identity raises its tasks. */
export function createDeviceServices(deps: {
  tenants: Tenants;
  audit: AuditRecorder;
  evidence: EvidenceService;
  tasks: RegisterTasksService;
  departures: MemberDepartureListeners;
  snapshots: RegisterSnapshotsService;
  members: MemberDirectory;
  /** The one scheduler's due dates: BYOD reviews fall due through it. */
  dueDates: DueDatesService;
}): DeviceServices {
  const repo = new DevicesRepository();
  const devices = new DevicesService(deps.tenants, repo, deps.audit, deps.tasks, deps.members);
  deps.departures.add(devices);
  const byod = new ByodService(deps.tenants, devices, deps.evidence, deps.audit, deps.dueDates);
  const programme = new DeviceProgrammeService(
    deps.tenants,
    repo,
    devices,
    byod,
    deps.evidence,
    deps.snapshots,
    deps.audit,
  );
  return { devices, byod, programme };
}
