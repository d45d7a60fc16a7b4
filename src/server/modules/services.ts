import type { AppConfig } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import { Tenants } from '../db/tenancy/tenant-scope.js';
import { createMailer } from '../platform/mailer.js';
import { outboundPolicyFromConfig } from '../platform/outbound-policy.js';
import { createProcessLogger, type ProcessLogger } from '../platform/process-logger.js';
import { SecretBox } from '../platform/secrets.js';
import { type AssessmentServices, createAssessmentServices } from './assessments/assessments.module.js';
import { AssessmentsRepository } from './assessments/assessments.repository.js';
import { AuditRepository } from './audit/audit.repository.js';
import { AuditService } from './audit/audit.service.js';
import { type CampaignServices, createCampaignServices } from './campaigns/campaigns.module.js';
import { CatalogRepository } from './catalog/catalog.repository.js';
import { CatalogService, DEFAULT_CATALOG_URN } from './catalog/catalog.service.js';
import { EvidenceRepository } from './evidence/evidence.repository.js';
import { createContentStore } from './evidence/storage/create-content-store.js';
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
import { questionsFor } from './providers/domain/questionnaire-rules.js';
import { createProviderServices, type ProviderServices } from './providers/providers.module.js';
import { createReportsService } from './reports/reports.module.js';
import type { ReportsService } from './reports/reports.service.js';

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
  campaigns: CampaignServices;
}

/** `readOnly` (read-only CLI commands): build the same services without creating any file on the way. */
export function createServices(deps: {
  config: AppConfig;
  database: DatabaseHandle;
  readOnly?: boolean;
  /** Causes of upstream failures (mail, identity providers); by default a logger at the configured level. */
  log?: ProcessLogger;
}): Services {
  const { config, database } = deps;
  const log = deps.log ?? createProcessLogger(config.logLevel);
  const db = database.db;
  const catalogs = new CatalogService(new CatalogRepository(db));
  const audit = new AuditService(new AuditRepository(db, database.kind));
  const identity = new IdentityRepository(db);
  const secrets = SecretBox.fromEnvironmentOrDataDir(config.dataDir, process.env.JIANHE_SECRET_KEY, {
    create: !deps.readOnly,
  });
  const totpCodes = new TotpCodes(identity, secrets);
  const auth = new AuthService(identity, audit, new LoginThrottle(identity), totpCodes, config.session);
  const mailer = config.smtp ? createMailer(config.smtp.url, config.smtp.from) : null;
  const tenants = new Tenants(db);
  const organizations = new OrganizationsService(identity, audit);
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
    }),
    campaigns: createCampaignServices({ db, identity, catalogs, assessments, audit }),
  };
}
