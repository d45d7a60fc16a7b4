import { describe, expect, it } from 'vitest';
import { type AnswerDraft, validateAnswer } from './answer-rules.js';
import { canonicalJson, computeFingerprint, type FingerprintInput } from './fingerprint.js';
import { parseResult, requiresCompensatingControl } from './results.js';
import { complianceScore, progressOf } from './scoring.js';
import { transition } from './workflow.js';

const draft = (changes: Partial<AnswerDraft>): AnswerDraft => ({
  result: 'compliant',
  explanation: '',
  compensatingControl: '',
  scopedApplicable: true,
  overrideApplicable: false,
  overrideReason: '',
  ...changes,
});

describe('results', () => {
  it('parses codes and zh-TW / English labels', () => {
    expect(parseResult('部分符合')).toBe('partially_compliant');
    expect(parseResult(' 不適用 ')).toBe('not_applicable');
    expect(parseResult('Non-compliant')).toBe('non_compliant');
    expect(parseResult('compliant')).toBe('compliant');
    expect(parseResult('符合?')).toBeUndefined();
  });

  it('requires a compensating control only for gaps', () => {
    expect(requiresCompensatingControl('partially_compliant')).toBe(true);
    expect(requiresCompensatingControl('non_compliant')).toBe(true);
    expect(requiresCompensatingControl('compliant')).toBe(false);
    expect(requiresCompensatingControl('not_applicable')).toBe(false);
  });
});

describe('validateAnswer', () => {
  it('accepts a plain compliant answer', () => {
    expect(validateAnswer(draft({}))).toEqual([]);
  });

  it('demands 補償性措施 for partially compliant and non-compliant results', () => {
    expect(validateAnswer(draft({ result: 'non_compliant', compensatingControl: '  ' }))).toEqual([
      { field: 'compensatingControl', code: 'COMPENSATING_CONTROL_REQUIRED' },
    ]);
    expect(
      validateAnswer(draft({ result: 'partially_compliant', compensatingControl: '每季人工覆核' })),
    ).toEqual([]);
  });

  it('demands a reason to override a scoping N/A', () => {
    const overridden = draft({ scopedApplicable: false, overrideApplicable: true });
    expect(validateAnswer(overridden)).toEqual([
      { field: 'overrideReason', code: 'OVERRIDE_REASON_REQUIRED' },
    ]);
    expect(validateAnswer({ ...overridden, overrideReason: '雖為私有雲，仍承載交易系統' })).toEqual([]);
  });

  it('refuses a substantive result on an out-of-scope item', () => {
    expect(validateAnswer(draft({ scopedApplicable: false }))).toEqual([
      { field: 'result', code: 'ITEM_OUT_OF_SCOPE' },
    ]);
    expect(validateAnswer(draft({ scopedApplicable: false, result: 'not_applicable' }))).toEqual([]);
  });

  it('asks an explanation when an in-scope item is answered 不適用', () => {
    expect(validateAnswer(draft({ result: 'not_applicable' }))).toEqual([
      { field: 'explanation', code: 'NOT_APPLICABLE_NEEDS_EXPLANATION' },
    ]);
  });
});

describe('complianceScore and progress', () => {
  const items = [
    { applicable: true, result: 'compliant' as const },
    { applicable: true, result: 'partially_compliant' as const },
    { applicable: true, result: 'non_compliant' as const },
    { applicable: true, result: 'not_assessed' as const },
    { applicable: true, result: 'not_applicable' as const },
    { applicable: false, result: 'compliant' as const },
  ];

  it('scores 1 / 0.5 / 0, counts 未評 as 0 and excludes N/A and out-of-scope items', () => {
    expect(complianceScore(items)).toEqual({ scored: 4, points: 1.5, rate: 0.375 });
  });

  it('has no rate when nothing is scored', () => {
    expect(complianceScore([{ applicable: false, result: 'compliant' }]).rate).toBeNull();
  });

  it('measures progress over applicable items', () => {
    expect(progressOf(items)).toEqual({ applicable: 5, assessed: 4, ratio: 0.8 });
  });
});

describe('workflow transitions', () => {
  const ready = { unassessedItems: 0, invalidItems: 0, unconfirmedItems: 0 };
  it('submits a complete draft and refuses an incomplete one', () => {
    expect(transition('draft', 'submit', { submission: ready })).toEqual({ ok: true, to: 'in_review' });
    expect(transition('draft', 'submit', { submission: { ...ready, unassessedItems: 2 } })).toEqual({
      ok: false,
      code: 'ITEMS_NOT_ASSESSED',
    });
    expect(transition('draft', 'submit', { submission: { ...ready, invalidItems: 1 } })).toMatchObject({
      code: 'ITEMS_INVALID',
    });
    // Carried-forward answers nobody re-confirmed block submission too.
    expect(transition('draft', 'submit', { submission: { ...ready, unconfirmedItems: 3 } })).toEqual({
      ok: false,
      code: 'ITEMS_NOT_RECONFIRMED',
    });
  });

  it('returns to draft only with a comment', () => {
    expect(transition('in_review', 'return', { comment: '' })).toMatchObject({
      code: 'RETURN_COMMENT_REQUIRED',
    });
    expect(transition('in_review', 'return', { comment: '請補充第3項佐證' })).toEqual({
      ok: true,
      to: 'draft',
    });
  });

  it('approves only with a re-confirmed second factor and every item reviewed', () => {
    expect(
      transition('in_review', 'approve', { approval: { unreviewedItems: 0, secondFactorConfirmed: false } }),
    ).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED' });
    expect(
      transition('in_review', 'approve', { approval: { unreviewedItems: 3, secondFactorConfirmed: true } }),
    ).toMatchObject({ code: 'ITEMS_NOT_REVIEWED' });
    expect(
      transition('in_review', 'approve', { approval: { unreviewedItems: 0, secondFactorConfirmed: true } }),
    ).toEqual({ ok: true, to: 'approved' });
  });

  it('locks an approved assessment and refuses out-of-order moves', () => {
    expect(transition('approved', 'return', { comment: 'x' })).toMatchObject({ code: 'ASSESSMENT_LOCKED' });
    expect(transition('draft', 'approve')).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});

describe('fingerprint', () => {
  const input: FingerprintInput = {
    assessmentId: 'a1',
    revision: 1,
    catalogId: 'urn:x@1.0',
    period: '115年度',
    scoping: { allowsByod: false, publishesMobileApps: true },
    approvedBy: 'u1',
    approvedAt: '2026-11-24T00:00:00.000Z',
    items: [
      {
        itemId: 'item-2',
        applicable: true,
        result: 'compliant',
        explanation: '合約第5條',
        compensatingControl: '',
        evidenceHashes: ['b', 'a'],
      },
      {
        itemId: 'item-1',
        applicable: true,
        result: 'non_compliant',
        explanation: '',
        compensatingControl: '人工',
        evidenceHashes: [],
      },
    ],
  };

  it('serialises canonically regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: '中' }] })).toBe('{"a":[2,{"c":"中","d":null}],"b":1}');
  });

  it('is independent of item and evidence order', () => {
    const reordered = {
      ...input,
      items: [...input.items]
        .reverse()
        .map((i) => ({ ...i, evidenceHashes: [...i.evidenceHashes].reverse() })),
    };
    expect(computeFingerprint(reordered)).toBe(computeFingerprint(input));
    expect(computeFingerprint(input)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when any answer changes by one character', () => {
    const changed = structuredClone(input);
    changed.items[0]!.explanation = '合約第6條';
    expect(computeFingerprint(changed)).not.toBe(computeFingerprint(input));
  });
});
