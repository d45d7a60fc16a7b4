import type { Generated } from 'kysely';
import type { AppTables } from '../modules/apps/register/apps.tables.js';
import type { AssessmentTables } from '../modules/assessments/assessments.tables.js';
import type { AuditTables } from '../modules/audit/audit.tables.js';
import type { CampaignTables } from '../modules/campaigns/campaigns.tables.js';
import type { CatalogTables } from '../modules/catalog/catalog.tables.js';
import type { CheckTables } from '../modules/checks/checks.tables.js';
import type { DeviceTables } from '../modules/devices/devices.tables.js';
import type { IdentityTables, SsoTables } from '../modules/identity/identity.tables.js';
import type { NotificationTables } from '../modules/notifications/notifications.tables.js';
import type { ProviderTables } from '../modules/providers/providers.tables.js';
import type { RegisterTaskTables } from '../modules/register-tasks/register-tasks.tables.js';
import type { RemediationTables } from '../modules/remediation/remediation.tables.js';
import type { SchedulerTables } from '../modules/scheduler/scheduler.tables.js';
import type { SocialTables } from '../modules/social/social.tables.js';

/**
 * Table types. Conventions shared by both dialects (see docs/architecture.md):
 * ids are UUID text, timestamps are ISO-8601 UTC text, booleans are 0/1 integers, JSON is text.
 * Each capability adds its own tables here as it lands.
 */
export interface SystemSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database
  extends AssessmentTables,
    AuditTables,
    CatalogTables,
    IdentityTables,
    ProviderTables,
    SsoTables,
    SocialTables,
    RegisterTaskTables,
    SchedulerTables,
    NotificationTables,
    RemediationTables,
    DeviceTables,
    AppTables,
    CheckTables,
    CampaignTables {
  system_setting: SystemSettingTable;
}

export type { Generated };
