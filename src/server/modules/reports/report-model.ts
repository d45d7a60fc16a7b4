import type { Bilingual } from '../../platform/i18n.js';
import type { AssessmentResult } from '../assessments/domain/results.js';
import type { AssessmentState } from '../assessments/domain/workflow.js';

/**
 * Everything an export needs about one assessment, assembled by the assessments service in a fixed
 * number of queries. Exporters (XLSX, CSV, PDF, OSCAL) are pure functions of this model, so they are
 * tested without a database and cannot issue queries of their own.
 */
export interface AssessmentReport {
  generatedAt: string;
  organization: { id: string; name: string; businessId: string | null };
  assessment: {
    id: string;
    name: string;
    period: string;
    state: AssessmentState;
    revision: number;
    dueDate: string | null;
    ownerName: string | null;
    fingerprint: string | null;
    fingerprintAlgorithm: string | null;
    approvedAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
  catalog: {
    /** URN-style id, e.g. urn:jianhe:catalog:tw-sfa:cloud-social-mobile */
    urn: string;
    version: string;
    title: Bilingual;
  };
  items: ReportItem[];
  /** Per chapter, computed in SQL by the assessments repository. */
  chapters: ChapterSummary[];
  /** All chapters together, by the same rule. */
  overall: Omit<ChapterSummary, 'chapter' | 'title'>;
  signoff: SignoffEntry[];
  /** The social-media register (Art. 10–11) as it stands when the report is made; absent when empty. */
  socialRegister?: ReportSocialRegister | null;
  /** The remediation items that relate to the assessment (docs/reports.md); absent when there are none. */
  remediation?: ReportRemediation | null;
}

/**
 * The remediation section of the PDF report and sheet of the XLSX export, built by the remediation module:
 * the items opened for this assessment's gaps (any status), then the organisation's other unfinished items.
 */
export interface ReportRemediation {
  items: ReportRemediationItem[];
}

export interface ReportRemediationItem {
  title: string;
  source: {
    kind: 'assessment-item' | 'register-control' | 'check' | 'provider-audit' | 'manual';
    /** Whether the item answers a gap of this assessment. */
    thisAssessment: boolean;
    /** 項次 of the gap in this assessment, or the rule a failing check broke; null otherwise. */
    reference: string | null;
  };
  ownerName: string | null;
  status: 'open' | 'in_progress' | 'awaiting_closure' | 'completed' | 'risk_accepted';
  plannedCompletion: string | null;
  actualCompletion: string | null;
  /** Unfinished and past its planned completion when the report was made. */
  overdue: boolean;
  milestones: { total: number; completed: number; next: { title: string; dueOn: string } | null };
  /** The latest risk acceptance, if one was ever given (an ended one keeps its status). */
  riskAcceptance: {
    reason: string;
    compensatingControl: string;
    expiresOn: string;
    status: 'active' | 'expired' | 'stale' | 'revoked';
  } | null;
}

/** The register section of the PDF report: official accounts, and the reviews with their due dates. */
export interface ReportSocialRegister {
  accounts: Array<{
    platform: string;
    handle: string;
    purpose: string;
    /** Excluded internal platforms (Art. 9) are listed with their reason. */
    exclusionReason: string | null;
    status: 'active' | 'dormant' | 'closed';
    secondFactorMethod: string;
    secondFactorVerifiedOn: string | null;
    profileShowsIdentity: boolean;
    administrators: string[];
  }>;
  reviews: Array<{
    kind: 'risk' | 'privacy';
    platform: string;
    reviewedOn: string;
    nextDueOn: string;
    state: 'ok' | 'due_soon' | 'overdue';
    /** Privacy reviews: 'acceptable' | 'acceptable_with_measures' | 'not_acceptable'. */
    conclusion: string | null;
  }>;
}

export interface ReportItem {
  /** Row id of the assessment item (stable within the assessment; used for re-import). */
  id: string;
  /** Catalog item id, e.g. item-3. */
  itemId: string;
  /** 項次 */
  number: number;
  /** 章節 */
  chapter: number;
  /** 章節名稱 as published, with the role qualifier where present. */
  sectionName: Bilingual;
  role: 'cloud-user' | 'cloud-provider' | null;
  /** 檢核項目 */
  question: Bilingual;
  provenance: 'published' | 'derived';
  /** Clause node ids, e.g. art-4.1 */
  references: string[];
  applicable: boolean;
  notApplicableReason: Bilingual | null;
  result: AssessmentResult;
  explanation: string;
  compensatingControl: string;
  assigneeName: string | null;
  dueDate: string | null;
  /** Optimistic-concurrency version; a re-import compares it to detect edits made since export. */
  version: number;
  updatedAt: string;
  evidence: ReportEvidence[];
}

export interface ReportEvidence {
  id: string;
  kind: 'file' | 'link' | 'note';
  title: string;
  /** For files: SHA-256 of the content. */
  sha256: string | null;
  url: string | null;
  validUntil: string | null;
  expired: boolean;
}

export interface ChapterSummary {
  chapter: number;
  title: Bilingual;
  applicable: number;
  /** Out of scope (not applicable by scoping); not counted in `applicable`. */
  notApplicable: number;
  compliant: number;
  partiallyCompliant: number;
  nonCompliant: number;
  /** In scope but answered 不適用: counted in `applicable`, excluded from the rate. */
  answeredNotApplicable: number;
  notAssessed: number;
  /** Compliance rate by the documented rule (compliant 1, partial 0.5, N/A excluded), or null. */
  rate: number | null;
}

export interface SignoffEntry {
  action: 'submitted' | 'returned' | 'reviewed' | 'approved';
  actorName: string;
  at: string;
  comment: string | null;
}
