import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { AuditRecorder } from '../assessments/assessments.ports.js';
import { AssessmentsRepository } from '../assessments/assessments.repository.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import { type AssessmentSection, type RegisterSection, ReportBuilder } from './report-builder.service.js';
import type { ReportRemediation, ReportSocialRegister } from './report-model.js';
import { ReportsService } from './reports.service.js';
import { importFileLimit } from './zip-guard.js';

/** Wires report exports and the XLSX re-import over the assessment, catalog and identity services. */
export function createReportsService(deps: {
  db: Kysely<Database>;
  assessments: AssessmentServices;
  catalogs: CatalogService;
  identity: IdentityRepository;
  audit: AuditRecorder;
  /** The evidence upload limit; checklist imports are capped at the smaller of it and their own cap. */
  maxUploadBytes: number;
  /** The social-media register's section of the PDF report (the social module provides it). */
  socialRegister?: RegisterSection<ReportSocialRegister>;
  /** The remediation section of the PDF and sheet of the XLSX (the remediation module provides it). */
  remediation?: AssessmentSection<ReportRemediation>;
}): ReportsService {
  const builder = new ReportBuilder(
    new Tenants(deps.db),
    deps.assessments,
    new AssessmentsRepository(deps.db),
    deps.catalogs,
    deps.identity,
    deps.socialRegister,
    deps.remediation,
  );
  return new ReportsService(
    deps.db,
    builder,
    deps.assessments,
    deps.audit,
    importFileLimit(deps.maxUploadBytes),
  );
}
