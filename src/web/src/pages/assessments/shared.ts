import type { ApiSchemas } from '../../api/client';

export type Assessment = ApiSchemas['getAssessment']['assessment'];
export type AssessmentItem = ApiSchemas['getAssessment']['items'][number];
export type ResultCode = AssessmentItem['result'];
export type ScopingAnswers = NonNullable<Assessment['scoping']>;

export const RESULT_CODES: ResultCode[] = [
  'compliant',
  'partially_compliant',
  'non_compliant',
  'not_applicable',
  'not_assessed',
];

export const RESULT_COLORS: Record<ResultCode, string> = {
  compliant: 'teal',
  partially_compliant: 'yellow',
  non_compliant: 'red',
  not_applicable: 'gray',
  not_assessed: 'blue',
};

export const STATE_COLORS: Record<Assessment['state'], string> = {
  draft: 'blue',
  in_review: 'orange',
  approved: 'teal',
};

export const SCOPING_QUESTIONS: Array<keyof ScopingAnswers> = [
  'usesCloudForCriticalServices',
  'cloudIsInternalPrivateOnly',
  'providesCloudServices',
  'allowsEmployeeSocialMedia',
  'operatesOfficialSocialMedia',
  'companyMobileDevicesHandleSensitiveMatters',
  'allowsByod',
  'publishesMobileApps',
];

export const FULL_SCOPE: ScopingAnswers = {
  usesCloudForCriticalServices: true,
  cloudIsInternalPrivateOnly: false,
  providesCloudServices: false,
  allowsEmployeeSocialMedia: true,
  operatesOfficialSocialMedia: true,
  companyMobileDevicesHandleSensitiveMatters: true,
  allowsByod: false,
  publishesMobileApps: true,
};

/** The error body every API failure carries. */
export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export function errorMessage(error: unknown): string {
  return (error as ApiError | undefined)?.message ?? String(error);
}

export const formatRate = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`;
