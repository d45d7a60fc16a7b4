import { Type } from 'typebox';
import { literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import { INDUSTRIES } from '../identity/organizations.service.js';
import type {
  AssociationMemberRow,
  BoardRow,
  CampaignRow,
  ParticipationRow,
  ResponseRow,
} from './campaigns.repository.js';
import type { SegmentFigures } from './domain/aggregates.js';
import { PARTICIPANT_STATUSES, type ParticipantStatus } from './domain/participant-status.js';
import { REMINDABLE_STATUSES } from './domain/reminders.js';
import { SIZE_BANDS } from './domain/suppression.js';

export const SizeBandCode = literalUnion(SIZE_BANDS);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const CampaignParams = Type.Object({ orgId: Uuid, campaignId: Uuid });
export const MemberParams = Type.Object({ orgId: Uuid, memberId: Uuid });
export const MembershipParams = Type.Object({ orgId: Uuid, membershipId: Uuid });
export const ParticipationParams = Type.Object({ orgId: Uuid, participationId: Uuid });

export const AssociationMember = Type.Object(
  {
    id: Uuid,
    businessId: Type.String(),
    organizationName: Nullable(Type.String()),
    industry: Nullable(Type.String()),
    sizeBand: Nullable(SizeBandCode),
    status: literalUnion(['invited', 'active', 'declined', 'left', 'revoked']),
    invitedAt: Type.String(),
    decidedAt: Nullable(Type.String()),
    leftAt: Nullable(Type.String()),
    version: Type.Integer(),
  },
  { title: 'AssociationMember' },
);

export const toMemberDto = (m: AssociationMemberRow) => ({
  id: m.id,
  businessId: m.member_business_id,
  organizationName: m.member_name,
  industry: m.member_industry,
  sizeBand: m.size_band as (typeof SIZE_BANDS)[number] | null,
  status: m.status as 'invited' | 'active' | 'declined' | 'left' | 'revoked',
  invitedAt: m.invited_at,
  decidedAt: m.decided_at,
  leftAt: m.left_at,
  version: m.version,
});

export const Campaign = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    period: Type.String(),
    catalogId: Type.String(),
    deadline: Type.String(),
    k: Type.Integer(),
    requestExplanations: Type.Boolean(),
    createdAt: Type.String(),
  },
  { title: 'Campaign' },
);

export const toCampaignDto = (c: CampaignRow) => ({
  id: c.id,
  name: c.name,
  period: c.period,
  catalogId: c.catalog_id,
  deadline: c.deadline,
  k: c.k_threshold,
  requestExplanations: c.request_explanations === 1,
  createdAt: c.created_at,
});

export const BoardEntry = Type.Object(
  {
    participantId: Uuid,
    memberId: Uuid,
    organizationName: Nullable(Type.String()),
    industry: Nullable(Type.String()),
    sizeBand: Nullable(Type.String()),
    status: literalUnion(PARTICIPANT_STATUSES),
    startedAt: Nullable(Type.String()),
    submittedAt: Nullable(Type.String()),
    version: Nullable(Type.Integer()),
  },
  { title: 'CampaignBoardEntry' },
);

export const toBoardDto = (r: BoardRow & { status: ParticipantStatus }) => ({
  participantId: r.participant_id,
  memberId: r.member_id,
  organizationName: r.member_name,
  industry: r.member_industry,
  sizeBand: r.size_band,
  status: r.status,
  startedAt: r.started_at,
  submittedAt: r.submitted_at,
  version: r.version === null ? null : Number(r.version),
});

const Counts = Type.Object({
  compliant: Type.Integer(),
  partially_compliant: Type.Integer(),
  non_compliant: Type.Integer(),
  not_applicable: Type.Integer(),
});
const Distribution = Type.Object({
  n: Type.Integer(),
  min: Type.Number(),
  p25: Type.Number(),
  median: Type.Number(),
  p75: Type.Number(),
  max: Type.Number(),
  histogram: Type.Array(Type.Integer()),
});
const Figures = Type.Object({
  counts: Counts,
  rate: Nullable(Type.Number()),
  distribution: Nullable(Distribution),
});

export const SegmentFiguresSchema = Type.Object(
  {
    key: Type.String(),
    kind: literalUnion(['all', 'industry', 'size', 'cell']),
    industry: Nullable(Type.String()),
    sizeBand: Nullable(Type.String()),
    shown: Type.Boolean(),
    reason: Nullable(literalUnion(['below_k', 'complementary'])),
    firms: Nullable(Type.Integer()),
    overall: Nullable(Figures),
    chapters: Type.Array(Type.Intersect([Type.Object({ chapter: Type.Integer() }), Figures])),
    items: Type.Array(
      Type.Object({
        itemId: Type.String(),
        chapter: Type.Integer(),
        counts: Counts,
        rate: Nullable(Type.Number()),
      }),
    ),
  },
  { title: 'SegmentFigures' },
);

export const toSegmentDto = (s: SegmentFigures) => ({
  key: s.segment.key,
  kind: s.segment.kind,
  industry: s.segment.industry,
  sizeBand: s.segment.sizeBand,
  shown: s.shown,
  reason: s.reason,
  firms: s.firms,
  overall: s.overall,
  chapters: s.chapters,
  items: s.items,
});

export const Participation = Type.Object(
  {
    id: Uuid,
    associationId: Uuid,
    associationName: Type.String(),
    campaignName: Type.String(),
    period: Type.String(),
    deadline: Type.String(),
    catalogId: Type.String(),
    requestExplanations: Type.Boolean(),
    assessmentId: Nullable(Uuid),
    startedAt: Nullable(Type.String()),
    submittedAt: Nullable(Type.String()),
    version: Nullable(Type.Integer()),
  },
  { title: 'CampaignParticipation' },
);

export const toParticipationDto = (p: ParticipationRow) => ({
  id: p.id,
  associationId: p.org_id,
  associationName: p.association_name,
  campaignName: p.campaign_name,
  period: p.period,
  deadline: p.deadline,
  catalogId: p.catalog_id,
  requestExplanations: p.request_explanations === 1,
  assessmentId: p.assessment_id,
  startedAt: p.started_at,
  submittedAt: p.submitted_at,
  version: p.version === null ? null : Number(p.version),
});

export const ResponseVersion = Type.Object(
  {
    id: Uuid,
    version: Type.Integer(),
    assessmentId: Uuid,
    fingerprint: Type.String(),
    fingerprintAlgorithm: Type.String(),
    submittedAt: Type.String(),
    supersededAt: Nullable(Type.String()),
  },
  { title: 'CampaignResponseVersion' },
);

export const toResponseDto = (r: ResponseRow) => ({
  id: r.id,
  version: Number(r.version),
  assessmentId: r.assessment_id,
  fingerprint: r.fingerprint,
  fingerprintAlgorithm: r.fingerprint_algorithm,
  submittedAt: r.submitted_at,
  supersededAt: r.superseded_at,
});

export const MembershipView = Type.Object(
  {
    id: Uuid,
    associationId: Uuid,
    associationName: Type.String(),
    status: literalUnion(['invited', 'active', 'declined', 'left', 'revoked']),
    invitedAt: Type.String(),
  },
  { title: 'AssociationMembershipView' },
);

export const IndustryCode = literalUnion(INDUSTRIES);

export const ReminderRequest = Type.Object(
  {
    statuses: Type.Array(literalUnion(REMINDABLE_STATUSES), { minItems: 1, maxItems: 3, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const ReminderResult = Type.Object(
  {
    sent: Type.Integer({ description: 'Members reminded now' }),
    alreadyToday: Type.Integer({ description: 'Members in a chosen status already reminded today' }),
    participants: Type.Array(
      Type.Object({
        participantId: Uuid,
        organizationName: Nullable(Type.String()),
        status: literalUnion(REMINDABLE_STATUSES),
        outcome: Type.Union([Type.Literal('sent'), Type.Literal('already_today')]),
        recipients: Type.Integer({ description: 'Administrators of the member firm notified' }),
      }),
    ),
  },
  { title: 'CampaignReminderResult' },
);
