import type { App } from '../platform/app.js';
import type { AppContext } from '../platform/app-context.js';
import { appRegisterRoutes } from './apps/register/apps.routes.js';
import { assessmentItemRoutes } from './assessments/assessment-item.routes.js';
import { assessmentRoutes } from './assessments/assessments.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { associationRoutes } from './campaigns/association.routes.js';
import { campaignExportRoutes } from './campaigns/campaign-export.routes.js';
import { participationRoutes } from './campaigns/participation.routes.js';
import { catalogRoutes } from './catalog/catalog.routes.js';
import { checkRoutes } from './checks/checks.routes.js';
import { byodRoutes } from './devices/byod.routes.js';
import { deviceSummaryRoutes } from './devices/device-summary.routes.js';
import { deviceRoutes } from './devices/devices.routes.js';
import { evidenceRoutes } from './evidence/evidence.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { homeRoutes } from './home/home.routes.js';
import { authRoutes } from './identity/auth.routes.js';
import { meRoutes } from './identity/me.routes.js';
import { orgRoutes } from './identity/orgs.routes.js';
import { setupRoutes } from './identity/setup.routes.js';
import { ssoClaimRoutes, ssoRoutes } from './identity/sso.routes.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { providerRoutes } from './providers/providers.routes.js';
import { questionnaireRoutes } from './providers/questionnaire.routes.js';
import { remediationRoutes } from './remediation/remediation.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { schedulerRoutes } from './scheduler/scheduler.routes.js';
import { socialAccountRoutes } from './social/social-accounts.routes.js';
import { socialCheckRoutes } from './social/social-checks.routes.js';
import { socialGovernanceRoutes } from './social/social-governance.routes.js';
import { socialPostRoutes } from './social/social-posts.routes.js';

export type ModuleRoutes = (app: App, ctx: AppContext) => Promise<void>;

/** Each capability contributes its routes here; the order only affects the OpenAPI listing. */
export const moduleRoutes: ModuleRoutes[] = [
  healthRoutes,
  authRoutes,
  setupRoutes,
  meRoutes,
  orgRoutes,
  ssoRoutes,
  ssoClaimRoutes,
  auditRoutes,
  (app, ctx) => catalogRoutes(app, ctx.services.catalogs, ctx.config.readCacheBytes),
  (app, ctx) =>
    assessmentRoutes(
      app,
      ctx.services.assessments,
      (userId, code) => ctx.services.auth.reconfirmSecondFactor(userId, code),
      ctx.config.readCacheBytes,
    ),
  (app, ctx) => assessmentItemRoutes(app, ctx.services.assessments),
  (app, ctx) => evidenceRoutes(app, ctx.services.assessments),
  (app, ctx) => providerRoutes(app, ctx.services.providers),
  (app, ctx) => questionnaireRoutes(app, ctx.services.providers, ctx.config.publicUrl),
  (app, ctx) =>
    reportRoutes(app, ctx.services.reports, {
      publicUrl: ctx.config.publicUrl,
    }),
  (app, ctx) => socialAccountRoutes(app, ctx.services.social),
  (app, ctx) => socialGovernanceRoutes(app, ctx.services.social),
  (app, ctx) => socialPostRoutes(app, ctx.services.social),
  (app, ctx) => socialCheckRoutes(app, ctx.services.social),
  schedulerRoutes,
  // Static paths (summary, tasks, imports, byod …) before /devices/:deviceId only matter to humans reading
  // the listing: Fastify's router prefers static segments either way.
  deviceSummaryRoutes,
  byodRoutes,
  deviceRoutes,
  (app, ctx) =>
    remediationRoutes(app, ctx.services.remediation, {
      organization: async (orgId) => ({
        id: orgId,
        name: (await ctx.services.identity.findOrganization(orgId))?.name ?? '',
      }),
      recordExport: (orgId, userId) =>
        ctx.services.audit.record(ctx.database.db, {
          orgId,
          actorUserId: userId,
          action: 'remediation.export',
          targetType: 'organization',
          targetId: orgId,
          after: { format: 'oscal-poam' },
        }),
    }),
  notificationRoutes,
  (app, ctx) => homeRoutes(app, ctx.services.home),
  (app, ctx) => appRegisterRoutes(app, ctx.services.appRegister),
  (app, ctx) => checkRoutes(app, ctx.services.checks),
  (app, ctx) => associationRoutes(app, ctx.services.campaigns),
  (app, ctx) => participationRoutes(app, ctx.services.campaigns),
  (app, ctx) => campaignExportRoutes(app, ctx.services.campaigns),
];
