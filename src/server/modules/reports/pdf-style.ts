import type { AssessmentResult } from '../assessments/domain/results.js';

/** The PDF report's page geometry and palette (A4 landscape, points). */
export const MARGIN = { top: 50, bottom: 50, left: 40, right: 40 };
export const INK = '#212529';
export const MUTED = '#5c636a';
export const RULE = '#dee2e6';
export const HEADER_FILL = '#e7f0fa';
export const RESULT_COLORS: Record<AssessmentResult, string> = {
  compliant: '#2f9e44',
  partially_compliant: '#f08c00',
  non_compliant: '#e03131',
  not_applicable: '#868e96',
  not_assessed: '#adb5bd',
};

/** Order of results in the distribution chart and its legend. */
export const ASSESSED_ORDER: AssessmentResult[] = [
  'compliant',
  'partially_compliant',
  'non_compliant',
  'not_applicable',
  'not_assessed',
];
