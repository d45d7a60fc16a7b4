import { Tenants } from '../../../db/tenancy/tenant-scope.js';
import type { AuditRecorder, MembershipCheck } from '../../assessments/assessments.ports.js';
import type { EvidenceService } from '../../evidence/evidence.service.js';
import type { RegisterSnapshotsService } from '../../register-snapshots/register-snapshots.service.js';
import type { MemberDepartureListeners } from '../../register-tasks/member-departure.js';
import type { RegisterTasksService } from '../../register-tasks/register-tasks.service.js';
import { AppOverviewService } from './app-overview.service.js';
import { AppsRepository } from './apps.repository.js';
import { AppsService } from './apps.service.js';
import { ReleasesService } from './releases.service.js';

export interface AppRegisterServices {
  apps: AppsService;
  releases: ReleasesService;
  overview: AppOverviewService;
}

/** Wires the app register; it joins the member-departure listeners, so identity raises its owner tasks. */
export function createAppRegisterServices(deps: {
  db: ConstructorParameters<typeof Tenants>[0];
  evidence: EvidenceService;
  snapshots: Pick<RegisterSnapshotsService, 'snapshot'>;
  audit: AuditRecorder;
  isMember: MembershipCheck;
  tasks: RegisterTasksService;
  departures: MemberDepartureListeners;
}): AppRegisterServices {
  const tenants = new Tenants(deps.db);
  const repo = new AppsRepository();
  const apps = new AppsService(
    tenants,
    repo,
    deps.audit,
    { find: (t, id) => deps.evidence.find(t, id).catch(() => undefined) },
    deps.isMember,
    deps.tasks,
  );
  deps.departures.add(apps);
  const releases = new ReleasesService(tenants, repo, apps, deps.evidence, deps.audit);
  return { apps, releases, overview: new AppOverviewService(tenants, repo, releases, deps.snapshots) };
}
