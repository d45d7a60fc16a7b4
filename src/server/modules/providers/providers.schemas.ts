import { Type } from 'typebox';
import { CalendarDate, literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import { STAR_STATUSES } from './domain/audit-schedule.js';
import { INCIDENT_KINDS } from './domain/incidents.js';
import { PROVIDER_ANSWERS, QUESTIONNAIRE_STATES } from './domain/questionnaire-rules.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);

export const ProviderParams = Type.Object({ orgId: Uuid, providerId: Uuid });

export const ProviderInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    serviceModels: Type.Array(literalUnion(['IaaS', 'PaaS', 'SaaS'] as const), { uniqueItems: true }),
    serviceDescription: Type.Optional(Type.String({ maxLength: 5_000 })),
    critical: Type.Boolean({ description: 'Art. 3.1: involves critical systems, data or services' }),
    contractStart: Type.Optional(Nullable(CalendarDate)),
    contractEnd: Type.Optional(Nullable(CalendarDate)),
    lastAuditDate: Type.Optional(Nullable(CalendarDate)),
    contractStatesRto: Type.Optional(Type.Boolean({ description: 'Art. 4.2' })),
    rtoHours: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    slaEvaluatedOn: Type.Optional(Nullable(CalendarDate)),
    slaResult: Type.Optional(Nullable(literalUnion(['meets', 'partially', 'fails'] as const))),
    slaCompensatingMeasures: Type.Optional(Type.String({ maxLength: 5_000 })),
    starStatus: Type.Optional(literalUnion(STAR_STATUSES)),
    starValidUntil: Type.Optional(Nullable(CalendarDate)),
    starReportEvidenceId: Type.Optional(Nullable(Uuid)),
    auditIntervalMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    incidentNoticeHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
    notes: Type.Optional(Type.String({ maxLength: 10_000 })),
    isSelf: Type.Optional(
      Type.Boolean({
        description:
          'The organisation’s own cloud service (the firm as provider): its questionnaire asks the provider-side items',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Contact = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  title: Type.String(),
});

export const Provider = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    serviceModels: Type.Array(literalUnion(['IaaS', 'PaaS', 'SaaS'] as const)),
    serviceDescription: Type.String(),
    critical: Type.Boolean(),
    contractStart: Nullable(Type.String()),
    contractEnd: Nullable(Type.String()),
    lastAuditDate: Nullable(Type.String({ description: 'The last audit before registration, as entered' })),
    contractStatesRto: Type.Boolean(),
    rtoHours: Nullable(Type.Number()),
    slaEvaluatedOn: Nullable(Type.String()),
    slaResult: Nullable(literalUnion(['meets', 'partially', 'fails'] as const)),
    slaCompensatingMeasures: Type.String(),
    starStatus: literalUnion(STAR_STATUSES),
    starValidUntil: Nullable(Type.String()),
    starReportEvidenceId: Nullable(Type.String()),
    auditIntervalMonths: Type.Integer(),
    incidentNoticeHours: Type.Integer(),
    notes: Type.String(),
    isSelf: Type.Boolean(),
    version: Type.Integer(),
    contacts: Type.Array(Contact),
    status: Type.Object({
      auditMode: literalUnion(['onsite_required', 'report_or_onsite'] as const),
      auditModeBasis: Type.String(),
      lastAuditDate: Nullable(Type.String()),
      nextAuditDue: Type.String(),
      auditDueBasis: literalUnion([
        'last_audit',
        'contract_start',
        'registration',
        'registration_grace',
      ] as const),
      auditOverdue: Type.Boolean(),
      starExpiringSoon: Type.Boolean(),
    }),
  },
  { title: 'Provider' },
);

export const AuditRecordSchema = Type.Object({
  id: Uuid,
  auditDate: CalendarDate,
  auditType: literalUnion(['onsite', 'report_review'] as const),
  result: literalUnion(['satisfactory', 'findings', 'unsatisfactory'] as const),
  findings: Type.String(),
  evidenceId: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const Incident = Type.Object({
  id: Uuid,
  kind: literalUnion(INCIDENT_KINDS),
  occurredAt: Type.String({ format: 'date-time' }),
  notifiedAt: Nullable(Type.String()),
  summary: Type.String(),
  status: literalUnion(['open', 'closed'] as const),
  closedAt: Nullable(Type.String()),
  notification: literalUnion(['on_time', 'late', 'missing', 'pending'] as const),
  updates: Type.Array(Type.Object({ at: Type.String(), note: Type.String() })),
});

export const Questionnaire = Type.Object({
  id: Uuid,
  providerId: Uuid,
  contactId: Uuid,
  assessmentId: Nullable(Uuid),
  status: literalUnion(QUESTIONNAIRE_STATES),
  expiresAt: Type.String(),
  delivery: Type.String(),
  sentAt: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reviewComment: Nullable(Type.String()),
});

export const AnswerInput = Type.Object({
  itemId: Type.String({ maxLength: 50 }),
  answer: literalUnion(PROVIDER_ANSWERS),
  explanation: Type.String({ maxLength: 10_000 }),
});
