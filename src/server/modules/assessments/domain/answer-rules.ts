import { type AssessmentResult, requiresCompensatingControl } from './results.js';

export interface AnswerDraft {
  result: AssessmentResult;
  explanation: string;
  compensatingControl: string;
  /** Whether scoping made the item applicable. */
  scopedApplicable: boolean;
  /** The assessor overrides scoping: an N/A item is assessed after all. */
  overrideApplicable: boolean;
  overrideReason: string;
}

export interface AnswerProblem {
  field: 'result' | 'explanation' | 'compensatingControl' | 'overrideReason';
  code: string;
}

const blank = (text: string) => text.trim().length === 0;

/** Whether the item is in scope after any override. */
export function effectiveApplicable(
  draft: Pick<AnswerDraft, 'scopedApplicable' | 'overrideApplicable'>,
): boolean {
  return draft.scopedApplicable || draft.overrideApplicable;
}

/** Rules an answer must satisfy before it is stored; every problem is reported, not just the first. */
export function validateAnswer(draft: AnswerDraft): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  if (requiresCompensatingControl(draft.result) && blank(draft.compensatingControl)) {
    problems.push({ field: 'compensatingControl', code: 'COMPENSATING_CONTROL_REQUIRED' });
  }
  if (draft.overrideApplicable && !draft.scopedApplicable && blank(draft.overrideReason)) {
    problems.push({ field: 'overrideReason', code: 'OVERRIDE_REASON_REQUIRED' });
  }
  if (!effectiveApplicable(draft) && draft.result !== 'not_applicable' && draft.result !== 'not_assessed') {
    problems.push({ field: 'result', code: 'ITEM_OUT_OF_SCOPE' });
  }
  if (effectiveApplicable(draft) && draft.result === 'not_applicable' && blank(draft.explanation)) {
    problems.push({ field: 'explanation', code: 'NOT_APPLICABLE_NEEDS_EXPLANATION' });
  }
  return problems;
}

/** An applicable item counts as assessed once it has any result other than 未評. */
export function isAssessed(result: AssessmentResult): boolean {
  return result !== 'not_assessed';
}
