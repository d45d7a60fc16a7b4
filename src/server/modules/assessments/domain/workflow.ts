/** Assessment lifecycle: draft → in_review → approved, or back to draft by return-with-comments. */
export const ASSESSMENT_STATES = ['draft', 'in_review', 'approved'] as const;
export type AssessmentState = (typeof ASSESSMENT_STATES)[number];

export type WorkflowAction = 'submit' | 'return' | 'approve';

export interface SubmissionFacts {
  /** Applicable items still 未評. */
  unassessedItems: number;
  /** Items whose stored answer breaks an answer rule (e.g. missing 補償性措施). */
  invalidItems: number;
  /** Applicable items whose carried-forward answer nobody has re-confirmed yet (待重新確認). */
  unconfirmedItems: number;
}

export interface ApprovalFacts {
  /** Applicable items a reviewer has not yet validated. */
  unreviewedItems: number;
  /** The approver re-confirmed their second factor for this action. */
  secondFactorConfirmed: boolean;
}

export type TransitionResult = { ok: true; to: AssessmentState } | { ok: false; code: string };

const MOVES: Record<WorkflowAction, { from: AssessmentState; to: AssessmentState }> = {
  submit: { from: 'draft', to: 'in_review' },
  return: { from: 'in_review', to: 'draft' },
  approve: { from: 'in_review', to: 'approved' },
};

/** Pure transition check; the service supplies the facts it gathered in one query. */
export function transition(
  state: AssessmentState,
  action: WorkflowAction,
  facts: { submission?: SubmissionFacts; approval?: ApprovalFacts; comment?: string } = {},
): TransitionResult {
  if (state === 'approved') return { ok: false, code: 'ASSESSMENT_LOCKED' };
  const move = MOVES[action];
  if (move.from !== state) return { ok: false, code: 'INVALID_TRANSITION' };
  if (action === 'submit') {
    if ((facts.submission?.unassessedItems ?? 1) > 0) return { ok: false, code: 'ITEMS_NOT_ASSESSED' };
    if ((facts.submission?.invalidItems ?? 1) > 0) return { ok: false, code: 'ITEMS_INVALID' };
    if ((facts.submission?.unconfirmedItems ?? 1) > 0) return { ok: false, code: 'ITEMS_NOT_RECONFIRMED' };
  }
  if (action === 'return' && (facts.comment ?? '').trim() === '') {
    return { ok: false, code: 'RETURN_COMMENT_REQUIRED' };
  }
  if (action === 'approve') {
    if (!facts.approval?.secondFactorConfirmed) return { ok: false, code: 'SECOND_FACTOR_REQUIRED' };
    if (facts.approval.unreviewedItems > 0) return { ok: false, code: 'ITEMS_NOT_REVIEWED' };
  }
  return { ok: true, to: move.to };
}

/** Only a draft takes answers; in review, only reviewers act on items; an approved revision is frozen. */
export function acceptsAnswers(state: AssessmentState): boolean {
  return state === 'draft';
}

export function acceptsReviews(state: AssessmentState): boolean {
  return state === 'in_review';
}
