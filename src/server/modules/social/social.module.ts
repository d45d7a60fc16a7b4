import { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { OutboundPolicy } from '../../platform/outbound-policy.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { AuditRecorder } from '../assessments/assessments.ports.js';
import type { AssessmentsRepository } from '../assessments/assessments.repository.js';
import type { RegisterSnapshotsService } from '../register-snapshots/register-snapshots.service.js';
import type { RegisterTasksService } from '../register-tasks/register-tasks.service.js';
import type { DueDatesService } from '../scheduler/due-dates.service.js';
import { LinkChecksService } from './link-checks.service.js';
import { SocialAccountsService } from './social-accounts.service.js';
import { SocialDashboardService } from './social-dashboard.service.js';
import { SocialDueDates } from './social-due-dates.js';
import { SocialGovernanceService } from './social-governance.service.js';
import { SocialPostsRepository } from './social-posts.repository.js';
import { SocialPostsService } from './social-posts.service.js';
import { SocialRegisterRepository } from './social-register.repository.js';

export interface SocialServices {
  accounts: SocialAccountsService;
  governance: SocialGovernanceService;
  posts: SocialPostsService;
  linkChecks: LinkChecksService;
  dashboard: SocialDashboardService;
}

export function createSocialServices(deps: {
  db: ConstructorParameters<typeof Tenants>[0];
  assessments: AssessmentServices;
  assessmentsRepo: AssessmentsRepository;
  audit: AuditRecorder;
  policy: OutboundPolicy;
  chromiumPath: string;
  /** The shared register mechanisms: departure tasks and frozen snapshots. */
  tasks: RegisterTasksService;
  snapshots: RegisterSnapshotsService;
  /** The one scheduler's due dates: risk and privacy reviews fall due (and are reminded of) through it. */
  dueDates: DueDatesService;
}): SocialServices {
  const tenants = new Tenants(deps.db);
  const register = new SocialRegisterRepository();
  const postsRepo = new SocialPostsRepository();
  const accounts = new SocialAccountsService(tenants, register, deps.audit, deps.tasks);
  const governance = new SocialGovernanceService(
    tenants,
    register,
    deps.audit,
    new SocialDueDates(deps.dueDates, register),
  );
  const linkChecks = new LinkChecksService(
    tenants,
    postsRepo,
    deps.assessments.evidence,
    deps.assessmentsRepo,
    deps.audit,
    LinkChecksService.runner(deps.policy, deps.chromiumPath),
  );
  return {
    accounts,
    governance,
    posts: new SocialPostsService(tenants, postsRepo, register, deps.audit),
    linkChecks,
    dashboard: new SocialDashboardService(accounts, governance, linkChecks, deps.snapshots),
  };
}
