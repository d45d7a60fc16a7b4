import { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { Mailer } from '../../platform/mailer.js';
import type { ProcessLogger } from '../../platform/process-logger.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { AuditRecorder } from '../assessments/assessments.ports.js';
import type { AssessmentsRepository } from '../assessments/assessments.repository.js';
import type { EvidenceRepository } from '../evidence/evidence.repository.js';
import type { ContentStore } from '../evidence/storage/content-store.js';
import { ProvidersRepository } from './providers.repository.js';
import { ProvidersService } from './providers.service.js';
import {
  type OrganizationNames,
  QuestionnaireService,
  type QuestionSource,
} from './questionnaire.service.js';

export interface ProviderServices {
  providers: ProvidersService;
  questionnaires: QuestionnaireService;
}

export function createProviderServices(deps: {
  db: ConstructorParameters<typeof ProvidersRepository>[0];
  assessments: AssessmentServices;
  assessmentsRepo: AssessmentsRepository;
  evidenceRepo: EvidenceRepository;
  store: ContentStore;
  audit: AuditRecorder;
  mailer: Mailer | null;
  questions: QuestionSource;
  maxUploadBytes: number;
  organizationName: OrganizationNames;
  log?: ProcessLogger;
}): ProviderServices {
  const repo = new ProvidersRepository(deps.db);
  const tenants = new Tenants(deps.db);
  return {
    providers: new ProvidersService(tenants, repo, deps.audit, deps.evidenceRepo),
    questionnaires: new QuestionnaireService(
      tenants,
      repo,
      deps.questions,
      deps.store,
      deps.assessments.evidence,
      deps.assessmentsRepo,
      deps.assessments.lifecycle,
      deps.audit,
      deps.mailer,
      deps.maxUploadBytes,
      deps.organizationName,
      deps.log,
    ),
  };
}
