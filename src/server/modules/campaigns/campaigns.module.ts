import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { Clock } from '../../platform/clock.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { AggregateCache } from './aggregate-cache.js';
import { AssociationService } from './association.service.js';
import { CampaignReminderService } from './campaign-reminders.js';
import { CampaignsRepository } from './campaigns.repository.js';
import { ParticipationService } from './participation.service.js';
import './campaigns.errors.js';

export interface CampaignServices {
  association: AssociationService;
  participation: ParticipationService;
  reminders: CampaignReminderService;
}

/**
 * Wires the association and member-firm sides over one repository and one aggregate cache; reminders go
 * through the one notification outbox.
 */
export function createCampaignServices(deps: {
  db: Kysely<Database>;
  identity: IdentityRepository;
  catalogs: CatalogService;
  assessments: AssessmentServices;
  audit: AuditService;
  notifications: NotificationsService;
  clock: Clock;
}): CampaignServices {
  const tenants = new Tenants(deps.db);
  const repo = new CampaignsRepository(deps.db);
  const cache = new AggregateCache(tenants, repo);
  const association = new AssociationService(tenants, repo, deps.identity, deps.catalogs, deps.audit, cache);
  return {
    association,
    participation: new ParticipationService(
      tenants,
      repo,
      deps.identity,
      deps.assessments,
      deps.audit,
      cache,
    ),
    reminders: new CampaignReminderService(
      tenants,
      repo,
      deps.identity,
      association,
      deps.notifications,
      deps.audit,
      deps.clock,
    ),
  };
}
