import type { AppConfig } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import { Tenants } from '../db/tenancy/tenant-scope.js';
import { type Clock, systemClock } from '../platform/clock.js';
import { createMailer } from '../platform/mailer.js';
import { outboundPolicyFromConfig } from '../platform/outbound-policy.js';
import { createProcessLogger, type ProcessLogger } from '../platform/process-logger.js';
import { SecretBox } from '../platform/secrets.js';
import { type AppRegisterServices, createAppRegisterServices } from './apps/register/apps.module.js';
import { type AssessmentServices, createAssessmentServices } from './assessments/assessments.module.js';
import { AssessmentsRepository } from './assessments/assessments.repository.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { type CampaignServices, createCampaignServices } from './campaigns/campaigns.module.js';
import { CatalogRepository } from './catalog/catalog.repository.js';
import { CatalogService, DEFAULT_CATALOG_URN } from './catalog/catalog.service.js';
import { notificationFollowUps, registerCheckJobs } from './checks/check-jobs.js';
import { remediationFollowUps } from './checks/check-remediation.js';
import { type CheckServices, createCheckServices } from './checks/checks.module.js';
import { createDeviceServices, type DeviceServices } from './devices/devices.module.js';
import { EvidenceRepository } from './evidence/evidence.repository.js';
import { createContentStore } from './evidence/storage/create-content-store.js';
import { HomeRepository } from './home/home.repository.js';
import { HomeService } from './home/home.service.js';
import { AuthService } from './identity/auth.service.js';
import { IdentityRepository } from './identity/identity.repository.js';
import { InvitationsRepository } from './identity/invitations.repository.js';
import { InvitationsService } from './identity/invitations.service.js';
import { LoginThrottle } from './identity/login-throttle.js';
import { OrganizationsService } from './identity/organizations.service.js';
import { SsoRepository } from './identity/sso.repository.js';
import { SsoService } from './identity/sso.service.js';
import { SsoAccounts } from './identity/sso-accounts.js';
import { SsoClaimsRepository } from './identity/sso-claims.repository.js';
import { SsoClaimsService } from './identity/sso-claims.service.js';
import { TokensService } from './identity/tokens.service.js';
import { TotpCodes } from './identity/totp.js';
import { TotpEnrolmentService } from './identity/totp-enrolment.service.js';
import { UsersService } from './identity/users.service.js';
import { CalendarFeedService } from './notifications/calendar-feed.service.js';
import { registerNotificationJobs } from './notifications/notification-jobs.js';
import { NotificationsRepository } from './notifications/notifications.repository.js';
import { NotificationsService } from './notifications/notifications.service.js';
import { questionsFor } from './providers/domain/questionnaire-rules.js';
import { createProviderServices, type ProviderServices } from './providers/providers.module.js';
import { RegisterSnapshotsService } from './register-snapshots/register-snapshots.service.js';
import { MemberDepartureListeners } from './register-tasks/member-departure.js';
import { RegisterTasksRepository } from './register-tasks/register-tasks.repository.js';
import { RegisterTasksService } from './register-tasks/register-tasks.service.js';
import { createRemediationServices, type RemediationServices } from './remediation/remediation.module.js';
import { remediationReportSection } from './remediation/remediation-report-section.js';
import { createReportsService } from './reports/reports.module.js';
import type { ReportsService } from './reports/reports.service.js';
import { DueDatesRepository } from './scheduler/due-dates.repository.js';
import { DueDatesService } from './scheduler/due-dates.service.js';
import { JobScheduler } from './scheduler/job-scheduler.js';
import { SchedulerRepository } from './scheduler/scheduler.repository.js';
import { createSocialServices, type SocialServices } from './social/social.module.js';
import { socialReportSection } from './social/social-report-section.js';

/** Every module's services, built once per process over one database; routes and CLI commands share them. */
export interface Services {
  catalogs: CatalogService;
  audit: AuditService;
  identity: IdentityRepository;
  auth: AuthService;
  totp: TotpEnrolmentService;
  organizations: OrganizationsService;
  users: UsersService;
  invitations: InvitationsService;
  tokens: TokensService;
  sso: SsoService;
  ssoClaims: SsoClaimsService;
  assessments: AssessmentServices;
  providers: ProviderServices;
  reports: ReportsService;
  social: SocialServices;
  /** Mechanisms every register shares: member-departure tasks, frozen snapshots as evidence. */
  registers: RegisterServices;
  clock: Clock;
  scheduler: JobScheduler;
  dueDates: DueDatesService;
  notifications: NotificationsService;
  remediation: RemediationServices;
  calendarFeeds: CalendarFeedService;
  home: HomeService;
  devices: DeviceServices;
  appRegister: AppRegisterServices;
  checks: CheckServices;
  campaigns: CampaignServices;
}

export interface RegisterServices {
  /** Registers join here (`add`) to raise tasks when a member leaves or changes role or department. */
  departures: MemberDepartureListeners;
  tasks: RegisterTasksService;
  snapshots: RegisterSnapshotsService;
}

/** `readOnly` (read-only CLI commands): build the same services without creating any file on the way. */
export function createServices(deps: {
  config: AppConfig;
  database: DatabaseHandle;
  readOnly?: boolean;
  /** Causes of upstream failures (mail, identity providers); by default a logger at the configured level. */
  log?: ProcessLogger;
  /** What "now" is for scheduled work (tests pass a clock they move). */
  clock?: Clock;
}): Services {
  const { config, database } = deps;
  const log = deps.log ?? createProcessLogger(config.logLevel);
  const db = database.db;
  const catalogs = new CatalogService(new CatalogRepository(db));
  const audit = new AuditService(new AuditRepository(db, database.kind), log);
  const identity = new IdentityRepository(db);
  const secrets = SecretBox.fromEnvironmentOrDataDir(config.dataDir, process.env.JIANHE_SECRET_KEY, {
    create: !deps.readOnly,
  });
  const totpCodes = new TotpCodes(identity, secrets);
  const auth = new AuthService(identity, audit, new LoginThrottle(identity), totpCodes, config.session);
  const mailer = config.smtp ? createMailer(config.smtp.url, config.smtp.from) : null;
  const tenants = new Tenants(db);
  const departures = new MemberDepartureListeners();
  const registerTasks = new RegisterTasksService(tenants, new RegisterTasksRepository(), departures, audit);
  const organizations = new OrganizationsService(identity, audit, registerTasks.onMemberChange);
  const users = new UsersService(identity, audit, organizations);
  const ssoRepo = new SsoRepository(db);
  const ssoClaims = new SsoClaimsRepository(db);
  // One evidence store for the process, shared by assessments and provider questionnaires.
  const store = createContentStore(config);
  const assessments = createAssessmentServices(deps, {
    catalogs,
    audit,
    isMember: async (orgId, userId) => (await identity.membership(orgId, userId)) !== undefined,
    store,
    maxUploadBytes: config.maxUploadBytes,
  });
  const providers = createProviderServices({
    db,
    assessments,
    assessmentsRepo: new AssessmentsRepository(db),
    evidenceRepo: new EvidenceRepository(),
    store,
    audit,
    mailer,
    log,
    maxUploadBytes: config.maxUploadBytes,
    organizationName: async (orgId) => (await identity.findOrganization(orgId))?.name ?? '',
    questions: async (perspective) => {
      const [latest] = (await catalogs.list()).filter((c) => c.urn === DEFAULT_CATALOG_URN).slice(-1);
      const resolved = latest ? await catalogs.resolve(latest.id) : undefined;
      return questionsFor(resolved?.items ?? [], perspective);
    },
  });
  const snapshots = new RegisterSnapshotsService(tenants, assessments.evidence);
  const clock = deps.clock ?? systemClock;
  const dueDatesRepo = new DueDatesRepository(db);
  const dueDates = new DueDatesService(tenants, dueDatesRepo, clock);
  const social = createSocialServices({
    db,
    assessments,
    assessmentsRepo: new AssessmentsRepository(db),
    audit,
    policy: outboundPolicyFromConfig(config),
    chromiumPath: config.chromiumPath ?? '/usr/bin/chromium',
    tasks: registerTasks,
    snapshots,
    dueDates,
  });
  departures.add(social.accounts);
  const scheduler = new JobScheduler(new SchedulerRepository(db, database.kind), clock, log);
  const notifications = new NotificationsService(
    tenants,
    new NotificationsRepository(db, database.kind),
    mailer,
    clock,
    log,
    config.publicUrl,
  );
  registerNotificationJobs(scheduler, notifications, dueDatesRepo, clock);
  const devices = createDeviceServices({
    tenants,
    audit,
    evidence: assessments.evidence,
    tasks: registerTasks,
    departures,
    snapshots,
    members: (orgId) => identity.membersOfOrganization(orgId),
    dueDates,
  });
  const remediation = createRemediationServices({
    db,
    tenants,
    audit,
    dueDates,
    clock,
    scheduler,
    assessments,
    notifications,
  });
  const checks = createCheckServices({
    db,
    assessments,
    assessmentsRepo: new AssessmentsRepository(db),
    audit,
    policy: outboundPolicyFromConfig(config),
  });
  checks.runs.setFollowUps({
    ...notificationFollowUps(notifications),
    ...remediationFollowUps(remediation.items),
  });
  registerCheckJobs(scheduler, checks.runs, clock);
  return {
    catalogs,
    audit,
    identity,
    auth,
    totp: new TotpEnrolmentService(identity, auth, totpCodes),
    organizations,
    users,
    invitations: new InvitationsService(
      tenants,
      new InvitationsRepository(db),
      identity,
      organizations,
      users,
      audit,
      mailer,
      log,
    ),
    tokens: new TokensService(identity, audit, config.tokenMaxDays),
    sso: new SsoService(
      ssoRepo,
      ssoClaims,
      new SsoAccounts(ssoRepo, ssoClaims, identity, users, audit),
      auth,
      audit,
      secrets,
      outboundPolicyFromConfig(config),
    ),
    ssoClaims: new SsoClaimsService(ssoClaims, audit, (work) => identity.transaction(work)),
    assessments,
    providers,
    reports: createReportsService({
      db,
      assessments,
      catalogs,
      identity,
      audit,
      maxUploadBytes: config.maxUploadBytes,
      socialRegister: (orgId) => socialReportSection(social.accounts, social.governance, orgId),
      remediation: remediationReportSection({
        tenants,
        repo: remediation.repo,
        clock,
        displayNames: (ids) => identity.displayNames(ids),
      }),
    }),
    social,
    clock,
    scheduler,
    dueDates,
    notifications,
    registers: { departures, tasks: registerTasks, snapshots },
    devices,
    remediation,
    calendarFeeds: new CalendarFeedService(db, tenants, dueDates, audit, clock),
    home: new HomeService(
      tenants,
      new HomeRepository(),
      (orgId) => providers.providers.dashboard(orgId),
      clock,
    ),
    appRegister: createAppRegisterServices({
      db,
      evidence: assessments.evidence,
      snapshots,
      audit,
      isMember: async (orgId, userId) => (await identity.membership(orgId, userId)) !== undefined,
      tasks: registerTasks,
      departures,
    }),
    checks,
    campaigns: createCampaignServices({ db, identity, catalogs, assessments, audit, notifications, clock }),
  };
}
