import { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { AppContext } from '../../platform/app-context.js';
import { EvidenceRepository } from '../evidence/evidence.repository.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import type { ContentStore } from '../evidence/storage/content-store.js';
import { AssessmentInsightsService } from './assessment-insights.service.js';
import { AssessmentItemsService } from './assessment-items.service.js';
import { AssessmentLifecycleService } from './assessment-lifecycle.service.js';
import type { AuditRecorder, CatalogItemsSource, MembershipCheck } from './assessments.ports.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { FingerprintService } from './fingerprint.service.js';

export interface AssessmentServices {
  lifecycle: AssessmentLifecycleService;
  items: AssessmentItemsService;
  insights: AssessmentInsightsService;
  evidence: EvidenceService;
}

/** Wires the assessment and evidence services over one database; the CLI and the HTTP routes share it. */
export function createAssessmentServices(
  ctx: Pick<AppContext, 'config' | 'database'>,
  ports: {
    catalogs: CatalogItemsSource;
    audit: AuditRecorder;
    isMember: MembershipCheck;
    store: ContentStore;
    maxUploadBytes?: number;
  },
): AssessmentServices {
  const tenants = new Tenants(ctx.database.db);
  const repo = new AssessmentsRepository(ctx.database.db);
  const evidenceRepo = new EvidenceRepository();
  const fingerprints = new FingerprintService(repo, evidenceRepo);
  const lifecycle = new AssessmentLifecycleService(
    tenants,
    repo,
    ports.catalogs,
    ports.audit,
    fingerprints,
    evidenceRepo,
    ports.isMember,
  );
  return {
    lifecycle,
    items: new AssessmentItemsService(tenants, repo, evidenceRepo, lifecycle, ports.audit),
    insights: new AssessmentInsightsService(tenants, repo, evidenceRepo, lifecycle),
    evidence: new EvidenceService(
      tenants,
      evidenceRepo,
      repo,
      lifecycle,
      ports.store,
      ports.audit,
      ports.maxUploadBytes,
    ),
  };
}
