import { Type } from 'typebox';
import { type Ability, AbilitySchema, ability } from '../identity/abilities.js';
import type { Grants } from '../identity/access.js';
import { workflowFacts } from './assessment-lifecycle.service.js';
import type { AssessmentItemRow, AssessmentRow } from './assessments.repository.js';

export const ASSESSMENT_ACTIONS = [
  'answer',
  'uploadEvidence',
  'submit',
  'review',
  'return',
  'approve',
  'reopen',
  'comment',
  'export',
] as const;
export type AssessmentAction = (typeof ASSESSMENT_ACTIONS)[number];

export const AssessmentAbilities = Type.Object(
  Object.fromEntries(ASSESSMENT_ACTIONS.map((a) => [a, AbilitySchema])) as Record<
    AssessmentAction,
    typeof AbilitySchema
  >,
  { title: 'AssessmentAbilities' },
);

const stateIs = (assessment: AssessmentRow, state: string) =>
  assessment.state !== state && {
    reason: assessment.state === 'approved' ? 'ASSESSMENT_LOCKED' : 'INVALID_TRANSITION',
  };

/**
 * What the caller may do with this assessment now, by the same rules the service enforces: the role's
 * permission first, then the state, then the items that block a step (their numbers travel along).
 */
export function assessmentAbilities(
  grants: Grants | null,
  assessment: AssessmentRow,
  items: readonly AssessmentItemRow[],
): Record<AssessmentAction, Ability> {
  const facts = workflowFacts(items);
  const blockedBy = (reason: string, numbers: number[]) => numbers.length > 0 && { reason, items: numbers };
  const editable = assessment.state !== 'draft' && {
    reason: assessment.state === 'approved' ? 'ASSESSMENT_LOCKED' : 'ASSESSMENT_NOT_EDITABLE',
  };
  return {
    answer: ability(grants, 'assessment:write', editable),
    uploadEvidence: ability(grants, 'evidence:write', editable),
    submit: ability(
      grants,
      'assessment:write',
      stateIs(assessment, 'draft'),
      blockedBy('ITEMS_NOT_ASSESSED', facts.unassessed),
      blockedBy('ITEMS_INVALID', facts.invalid),
      blockedBy('ITEMS_NOT_RECONFIRMED', facts.unconfirmed),
    ),
    review: ability(grants, 'assessment:review', stateIs(assessment, 'in_review')),
    return: ability(grants, 'assessment:review', stateIs(assessment, 'in_review')),
    approve: ability(
      grants,
      'assessment:approve',
      stateIs(assessment, 'in_review'),
      blockedBy('ITEMS_NOT_REVIEWED', facts.unreviewed),
      !grants?.secondFactorSession && { reason: 'SECOND_FACTOR_SESSION_REQUIRED' },
    ),
    reopen: ability(grants, 'assessment:approve', stateIs(assessment, 'approved')),
    comment: ability(
      grants,
      'assessment:comment',
      assessment.state === 'approved' && { reason: 'ASSESSMENT_LOCKED' },
    ),
    export: ability(grants, 'report:export'),
  };
}
