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
import * as m0022 from './0022_associations_campaigns.js';
import * as m0023 from './0023_campaign_responses.js';

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
  '0022_associations_campaigns': m0022,
  '0023_campaign_responses': m0023,
};
