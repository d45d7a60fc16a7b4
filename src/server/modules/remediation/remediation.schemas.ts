import { Type } from 'typebox';
import { CalendarDate, literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import { REMEDIATION_STATUSES, SOURCE_KINDS } from './domain/lifecycle.js';
import { RemediationAbilities } from './remediation-abilities.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
const Text = (max: number) => Type.String({ maxLength: max });

export const RemediationParams = Type.Object({ orgId: Uuid, remediationId: Uuid });
export const MilestoneParams = Type.Object({ orgId: Uuid, remediationId: Uuid, milestoneId: Uuid });
export const Status = literalUnion(REMEDIATION_STATUSES, {
  description:
    'open 待處理 / in_progress 處理中 / awaiting_closure 待確認結案 / completed 已完成 / risk_accepted 已接受風險',
});

export const Remediation = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    description: Type.String(),
    source: Type.Object({
      kind: literalUnion(SOURCE_KINDS),
      id: Nullable(Type.String()),
      link: Type.String(),
    }),
    matchKey: Nullable(Type.String()),
    ownerId: Nullable(Uuid),
    status: Status,
    riskStatement: Type.String(),
    recommendation: Type.String(),
    plannedCompletion: Nullable(CalendarDate),
    actualCompletion: Nullable(CalendarDate),
    overdue: Type.Boolean(),
    closure: Type.Object({
      evidenceId: Nullable(Uuid),
      note: Nullable(Type.String()),
      requestedBy: Nullable(Uuid),
      requestedAt: Nullable(Type.String()),
      confirmedBy: Nullable(Uuid),
    }),
    createdBy: Nullable(Uuid),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    version: Type.Integer(),
  },
  { title: 'Remediation' },
);

export const Milestone = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    dueOn: CalendarDate,
    completedOn: Nullable(CalendarDate),
    position: Type.Integer(),
  },
  { title: 'RemediationMilestone' },
);

export const RiskAcceptance = Type.Object(
  {
    id: Uuid,
    reason: Type.String(),
    compensatingControl: Type.String(),
    expiresOn: CalendarDate,
    status: literalUnion(['active', 'expired', 'stale', 'revoked'] as const),
    basis: Nullable(Type.String()),
    approvedBy: Uuid,
    approvedAt: Type.String(),
    endedAt: Nullable(Type.String()),
    endedReason: Nullable(Type.String()),
  },
  { title: 'RiskAcceptance' },
);

export const RemediationDetail = Type.Object(
  {
    item: Remediation,
    milestones: Type.Array(Milestone),
    sources: Type.Array(
      Type.Object({ kind: Type.String(), id: Type.String(), link: Type.String(), addedAt: Type.String() }),
    ),
    events: Type.Array(
      Type.Object({
        id: Uuid,
        at: Type.String(),
        actorId: Nullable(Uuid),
        kind: Type.String(),
        fromStatus: Nullable(Type.String()),
        toStatus: Nullable(Type.String()),
        note: Type.String(),
      }),
    ),
    acceptances: Type.Array(RiskAcceptance),
    abilities: RemediationAbilities,
  },
  { title: 'RemediationDetail' },
);

const Editable = {
  description: Type.Optional(Text(10_000)),
  ownerId: Type.Optional(Nullable(Uuid)),
  plannedCompletion: Type.Optional(Nullable(CalendarDate)),
  riskStatement: Type.Optional(Text(10_000)),
  recommendation: Type.Optional(Text(10_000)),
};

export const CreateRemediationBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    ...Editable,
    milestones: Type.Optional(
      Type.Array(Type.Object({ title: Type.String({ minLength: 1, maxLength: 300 }), dueOn: CalendarDate }), {
        maxItems: 50,
      }),
    ),
  },
  { additionalProperties: false },
);

export const UpdateRemediationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    ...Editable,
    status: Type.Optional(literalUnion(['open', 'in_progress'] as const)),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object({
  ownerId: Type.Optional(Uuid),
  status: Type.Optional(Status),
  dueBefore: Type.Optional(CalendarDate),
  sourceKind: Type.Optional(literalUnion(SOURCE_KINDS)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
