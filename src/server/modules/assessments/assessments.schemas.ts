import { Type } from 'typebox';
import { ASSESSMENT_RESULTS } from './domain/results.js';
import { SCOPING_QUESTIONS } from './domain/scoping.js';
import { ASSESSMENT_STATES } from './domain/workflow.js';

/** A string enum whose static type is the union of its values (rendered as `enum` in OpenAPI). */
export const literalUnion = <const T extends readonly string[]>(
  values: T,
  options: Record<string, unknown> = {},
) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Uuid = Type.String({ format: 'uuid' });
export const CalendarDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const ResultCode = literalUnion(ASSESSMENT_RESULTS, {
  description: '符合 / 部分符合 / 不符合 / 不適用 / 未評',
});
export const StateCode = literalUnion(ASSESSMENT_STATES);

export const ScopingAnswersSchema = Type.Object(
  Object.fromEntries(SCOPING_QUESTIONS.map((q) => [q, Type.Boolean()])) as Record<
    (typeof SCOPING_QUESTIONS)[number],
    ReturnType<typeof Type.Boolean>
  >,
  { additionalProperties: false, title: 'ScopingAnswers' },
);

export const OrgParams = Type.Object({ orgId: Uuid });
export const AssessmentParams = Type.Object({ orgId: Uuid, assessmentId: Uuid });
export const ItemParams = Type.Object({ orgId: Uuid, itemId: Uuid });

export const Assessment = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    period: Type.String(),
    catalogId: Type.String(),
    state: StateCode,
    revision: Type.Integer(),
    previousRevisionId: Type.Union([Type.Null(), Uuid]),
    carriedFromId: Type.Union([Type.Null(), Uuid]),
    ownerUserId: Type.Union([Type.Null(), Type.String()]),
    dueDate: Type.Union([Type.Null(), CalendarDate]),
    scoping: Type.Union([ScopingAnswersSchema, Type.Null()]),
    fingerprint: Type.Union([Type.Null(), Type.String()]),
    approvedBy: Type.Union([Type.Null(), Type.String()]),
    approvedAt: Type.Union([Type.Null(), Type.String()]),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    version: Type.Integer(),
  },
  { title: 'Assessment' },
);

export const EvidenceSummary = Type.Object(
  {
    id: Uuid,
    kind: literalUnion(['file', 'link', 'note'] as const),
    title: Type.String(),
    sha256: Type.Union([Type.Null(), Type.String()]),
    sizeBytes: Type.Union([Type.Integer(), Type.Null()]),
    mimeType: Type.Union([Type.Null(), Type.String()]),
    url: Type.Union([Type.Null(), Type.String()]),
    note: Type.Union([Type.Null(), Type.String()]),
    validUntil: Type.Union([Type.Null(), CalendarDate]),
    expired: Type.Boolean(),
    source: Type.String(),
    createdAt: Type.String(),
  },
  { title: 'EvidenceSummary' },
);

export const AssessmentItem = Type.Object(
  {
    id: Uuid,
    itemId: Type.String(),
    number: Type.Integer(),
    chapter: Type.Integer(),
    role: Type.Union([Type.Null(), Type.String()]),
    tags: Type.Array(Type.String()),
    question: Type.Object({ 'zh-TW': Type.String(), en: Type.String() }),
    provenance: literalUnion(['published', 'derived'] as const),
    references: Type.Array(Type.String()),
    scopedApplicable: Type.Boolean(),
    notApplicableClause: Type.Union([Type.Null(), Type.String()]),
    notApplicableReason: Type.Union([
      Type.Object({ 'zh-TW': Type.String(), en: Type.String() }),
      Type.Null(),
    ]),
    overrideApplicable: Type.Boolean(),
    overrideReason: Type.String(),
    applicable: Type.Boolean(),
    result: ResultCode,
    explanation: Type.String(),
    compensatingControl: Type.String(),
    assigneeUserId: Type.Union([Type.Null(), Type.String()]),
    dueDate: Type.Union([Type.Null(), CalendarDate]),
    overdue: Type.Boolean(),
    needsReconfirmation: Type.Boolean(),
    reviewStatus: literalUnion(['pending', 'validated', 'flagged'] as const),
    reviewedBy: Type.Union([Type.Null(), Type.String()]),
    reviewedAt: Type.Union([Type.Null(), Type.String()]),
    reviewNote: Type.Union([
      Type.Null(),
      Type.String({ description: 'what the reviewer wrote when flagging' }),
    ]),
    version: Type.Integer(),
    updatedAt: Type.String(),
    evidence: Type.Array(EvidenceSummary),
  },
  { title: 'AssessmentItem' },
);

export const CreateAssessmentBody = Type.Object(
  {
    catalogId: Type.String({ minLength: 1, description: 'Catalog database id or urn@version' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    period: Type.String({ minLength: 1, maxLength: 50, description: 'e.g. 115年度 or 2026' }),
    ownerUserId: Type.Optional(Type.Union([Type.Null(), Type.String()])),
    dueDate: Type.Optional(Type.Union([Type.Null(), CalendarDate])),
    scoping: Type.Optional(ScopingAnswersSchema),
    carryForwardFrom: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

export const ItemPatchBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version you loaded; a stale one gets 409' }),
    result: Type.Optional(ResultCode),
    explanation: Type.Optional(Type.String({ maxLength: 20_000 })),
    compensatingControl: Type.Optional(Type.String({ maxLength: 20_000 })),
    assigneeUserId: Type.Optional(Type.Union([Type.Null(), Type.String()])),
    dueDate: Type.Optional(Type.Union([Type.Null(), CalendarDate])),
    overrideApplicable: Type.Optional(Type.Boolean()),
    overrideReason: Type.Optional(Type.String({ maxLength: 5_000 })),
    confirm: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ScoreLine = Type.Object({
  applicable: Type.Integer(),
  notApplicable: Type.Integer(),
  assessed: Type.Integer(),
  compliant: Type.Integer(),
  partiallyCompliant: Type.Integer(),
  nonCompliant: Type.Integer(),
  answeredNotApplicable: Type.Integer(),
  notAssessed: Type.Integer(),
  overdue: Type.Integer(),
  unreviewed: Type.Integer(),
  unconfirmed: Type.Integer({ description: 'answered items carried forward and not yet re-confirmed' }),
  progress: Type.Number(),
  complianceRate: Type.Union([Type.Number(), Type.Null()]),
});

export const Summary = Type.Object(
  {
    catalogId: Type.String({ description: 'the catalog version scored: chapter titles come from it' }),
    overall: ScoreLine,
    byChapter: Type.Array(Type.Object({ chapter: Type.Integer(), ...ScoreLine.properties })),
    byRole: Type.Array(Type.Object({ role: Type.String(), ...ScoreLine.properties })),
  },
  { title: 'AssessmentSummary' },
);

const DiffSide = Type.Union([
  Type.Object({
    result: ResultCode,
    explanation: Type.String(),
    compensatingControl: Type.String(),
    evidence: Type.Array(Type.String({ description: 'content hash of each piece of evidence' })),
  }),
  Type.Null(),
]);

export const ItemDiff = Type.Object(
  {
    itemId: Type.String(),
    itemNumber: Type.Integer(),
    changes: Type.Array(
      literalUnion(['result', 'explanation', 'compensatingControl', 'applicable', 'evidence'] as const),
    ),
    before: DiffSide,
    after: DiffSide,
  },
  { title: 'ItemDiff' },
);
