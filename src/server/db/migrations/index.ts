import type { Migration } from 'kysely';
import * as m0001 from './0001_system.js';
import * as m0002 from './0002_catalog.js';
import * as m0003 from './0003_identity.js';
import * as m0004 from './0004_assessments.js';
import * as m0005 from './0005_providers.js';
import * as m0006 from './0006_sso.js';
import * as m0007 from './0007_provider_self.js';
import * as m0008 from './0008_audit_chain_head.js';
import * as m0009 from './0009_tenant_keys.js';
import * as m0010 from './0010_consent_and_single_use.js';
import * as m0011 from './0011_scheduler_outbox.js';
import * as m0012 from './0012_remediation.js';
import * as m0013 from './0013_perf.js';
import * as m0014 from './0014_register_mechanisms.js';
import * as m0015 from './0015_devices.js';
import * as m0016 from './0016_social.js';
import * as m0017 from './0017_social_link_checks.js';
import * as m0018 from './0018_app_register.js';
import * as m0019 from './0019_app_notification_templates.js';
import * as m0020 from './0020_check_endpoints.js';
import * as m0022 from './0022_associations_campaigns.js';
import * as m0023 from './0023_campaign_responses.js';
import * as m0024 from './0024_campaign_figures.js';
import * as m0025 from './0025_provider_last_audit.js';

/** Ordered by name; both dialects run exactly these. Never edit a migration that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001_system': m0001,
  '0002_catalog': m0002,
  '0003_identity': m0003,
  '0004_assessments': m0004,
  '0005_providers': m0005,
  '0006_sso': m0006,
  '0007_provider_self': m0007,
  '0008_audit_chain_head': m0008,
  '0009_tenant_keys': m0009,
  '0010_consent_and_single_use': m0010,
  '0011_scheduler_outbox': m0011,
  '0012_remediation': m0012,
  '0013_perf': m0013,
  '0014_register_mechanisms': m0014,
  '0015_devices': m0015,
  '0016_social': m0016,
  '0017_social_link_checks': m0017,
  '0018_app_register': m0018,
  '0019_app_notification_templates': m0019,
  '0020_check_endpoints': m0020,
  '0022_associations_campaigns': m0022,
  '0023_campaign_responses': m0023,
  '0024_campaign_figures': m0024,
  '0025_provider_last_audit': m0025,
};
