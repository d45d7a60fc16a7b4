import { Type } from 'typebox';
import { CalendarDate, literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import {
  ACCOUNT_SCOPES,
  ACCOUNT_STATUSES,
  PLATFORM_CONTROLS,
  PLATFORM_RISKS,
  PRIVACY_CONCLUSIONS,
  SECOND_FACTOR_METHODS,
  SOCIAL_PLATFORMS,
} from './domain/platforms.js';
import { POST_STATES } from './domain/post-workflow.js';

/** Null first, so that validation's coercion never turns a null into "" (see id-access.ts). */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);

const Platform = literalUnion(SOCIAL_PLATFORMS);
const ReviewState = literalUnion(['ok', 'due_soon', 'overdue'] as const);
const HttpUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 });

export const AccountParams = Type.Object({ orgId: Uuid, accountId: Uuid });
export const AdminParams = Type.Object({ orgId: Uuid, accountId: Uuid, adminId: Uuid });
export const PolicyParams = Type.Object({ orgId: Uuid, policyVersionId: Uuid });
export const RiskParams = Type.Object({ orgId: Uuid, riskId: Uuid });
export const PostParams = Type.Object({ orgId: Uuid, postId: Uuid });
export const PageParams = Type.Object({ orgId: Uuid, pageId: Uuid });
export const CheckParams = Type.Object({ orgId: Uuid, checkId: Uuid });

export const AccountInputSchema = Type.Object(
  {
    platform: Platform,
    platformLabel: Type.Optional(Type.String({ maxLength: 100 })),
    handle: Type.String({ minLength: 1, maxLength: 200 }),
    url: Type.Optional(Type.Union([Type.Literal(''), HttpUrl])),
    purpose: Type.String({ maxLength: 2000 }),
    scope: Type.Optional(literalUnion(ACCOUNT_SCOPES, { description: 'Art. 9' })),
    exclusionReason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    department: Type.Optional(Type.String({ maxLength: 200 })),
    ownerUserId: Type.Optional(Nullable(Uuid)),
    ownerName: Type.Optional(Type.String({ maxLength: 200 })),
    secondFactorMethod: Type.Optional(literalUnion(SECOND_FACTOR_METHODS)),
    secondFactorVerifiedOn: Type.Optional(Nullable(CalendarDate)),
    profileShowsIdentity: Type.Optional(Type.Boolean({ description: 'Art. 11.3' })),
    profileEvidenceId: Type.Optional(Nullable(Uuid)),
    status: Type.Optional(literalUnion(ACCOUNT_STATUSES)),
    notes: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

export const AccountAdmin = Type.Object({
  id: Uuid,
  userId: Nullable(Type.String()),
  name: Type.String(),
  outsiderOrganisation: Type.String(),
  lastReviewedOn: Type.String(),
  addedAt: Type.String(),
  removedAt: Nullable(Type.String()),
  removalReason: Nullable(Type.String()),
  flaggedReason: Nullable(literalUnion(['member_left', 'role_changed'] as const)),
  flaggedAt: Nullable(Type.String()),
});

export const Account = Type.Object(
  {
    id: Uuid,
    platform: Platform,
    platformLabel: Type.String(),
    platformName: Type.String(),
    handle: Type.String(),
    url: Type.String(),
    purpose: Type.String(),
    scope: literalUnion(ACCOUNT_SCOPES),
    exclusionReason: Nullable(Type.String()),
    department: Type.String(),
    ownerUserId: Nullable(Type.String()),
    ownerName: Type.String(),
    secondFactorMethod: literalUnion(SECOND_FACTOR_METHODS),
    secondFactorVerifiedOn: Nullable(Type.String()),
    profileShowsIdentity: Type.Boolean(),
    profileEvidenceId: Nullable(Type.String()),
    profileEvidenceValidUntil: Nullable(Type.String()),
    profileEvidenceExpired: Type.Boolean(),
    status: literalUnion(ACCOUNT_STATUSES),
    notes: Type.String(),
    version: Type.Integer(),
    administrators: Type.Array(AccountAdmin),
  },
  { title: 'SocialAccount' },
);

export const AdminInputSchema = Type.Object(
  {
    userId: Type.Optional(Nullable(Uuid)),
    outsiderName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 200 }))),
    outsiderOrganisation: Type.Optional(Type.String({ maxLength: 200 })),
    lastReviewedOn: CalendarDate,
  },
  { additionalProperties: false },
);

export const PolicyInputSchema = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 100 }),
    effectiveOn: CalendarDate,
    shareableInformation: Type.String({ minLength: 1, maxLength: 20_000, description: 'Art. 10.1(1)' }),
    privateBusinessRules: Type.String({ minLength: 1, maxLength: 20_000, description: 'Art. 10.1(2)' }),
    documentEvidenceId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

export const PolicyVersion = Type.Object(
  {
    id: Uuid,
    label: Type.String(),
    effectiveOn: Type.String(),
    shareableInformation: Type.String(),
    privateBusinessRules: Type.String(),
    documentEvidenceId: Nullable(Type.String()),
    createdAt: Type.String(),
    acknowledged: Type.Integer(),
    members: Type.Integer(),
  },
  { title: 'SocialPolicyVersion' },
);

const Finding = <T extends readonly string[]>(kinds: T) =>
  Type.Object(
    { kind: literalUnion(kinds), description: Type.String({ maxLength: 2000 }) },
    { additionalProperties: false },
  );

export const RiskInputSchema = Type.Object(
  {
    platform: Platform,
    platformLabel: Type.Optional(Type.String({ maxLength: 100 })),
    businessUse: Type.Boolean(),
    risks: Type.Array(Finding(PLATFORM_RISKS), { maxItems: 50 }),
    controls: Type.Array(Finding(PLATFORM_CONTROLS), { maxItems: 50 }),
    reviewedOn: CalendarDate,
    reviewIntervalMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    notes: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

export const PlatformRisk = Type.Object(
  {
    id: Uuid,
    platform: Platform,
    platformLabel: Type.String(),
    platformName: Type.String(),
    businessUse: Type.Boolean(),
    risks: Type.Array(Finding(PLATFORM_RISKS)),
    controls: Type.Array(Finding(PLATFORM_CONTROLS)),
    reviewedOn: Type.String(),
    reviewedBy: Type.String(),
    reviewIntervalMonths: Type.Integer(),
    nextDueOn: Type.String(),
    state: ReviewState,
    notes: Type.String(),
    version: Type.Integer(),
  },
  { title: 'SocialPlatformRisk' },
);

export const PrivacyReviewInputSchema = Type.Object(
  {
    platform: Platform,
    platformLabel: Type.Optional(Type.String({ maxLength: 100 })),
    reviewedOn: CalendarDate,
    summary: Type.String({ maxLength: 20_000 }),
    conclusion: literalUnion(PRIVACY_CONCLUSIONS),
    policyUrl: Type.Optional(Type.Union([Type.Literal(''), HttpUrl])),
    policyText: Type.String({ maxLength: 500_000 }),
    evidenceId: Type.Optional(Nullable(Uuid)),
    intervalMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  },
  { additionalProperties: false },
);

export const PrivacyReview = Type.Object(
  {
    id: Uuid,
    platform: Platform,
    platformLabel: Type.String(),
    platformName: Type.String(),
    reviewedOn: Type.String(),
    reviewerUserId: Type.String(),
    summary: Type.String(),
    conclusion: literalUnion(PRIVACY_CONCLUSIONS),
    policyUrl: Type.String(),
    policySha256: Type.String(),
    evidenceId: Nullable(Type.String()),
    intervalMonths: Type.Integer(),
    nextDueOn: Type.String(),
    state: ReviewState,
  },
  { title: 'SocialPrivacyReview' },
);

export const DiffPart = Type.Object({
  kind: literalUnion(['same', 'added', 'removed'] as const),
  text: Type.String(),
});

export const PostInputSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
    accountIds: Type.Array(Uuid, { minItems: 1, maxItems: 50, uniqueItems: true }),
    imageEvidenceIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    plannedAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  },
  { additionalProperties: false },
);

export const Post = Type.Object(
  {
    id: Uuid,
    title: Type.String(),
    body: Type.String(),
    authorUserId: Type.String(),
    authorName: Type.String(),
    status: literalUnion(POST_STATES),
    plannedAt: Nullable(Type.String()),
    accountIds: Type.Array(Type.String()),
    imageEvidenceIds: Type.Array(Type.String()),
    submittedAt: Nullable(Type.String()),
    decidedBy: Nullable(Type.String()),
    decidedByName: Nullable(Type.String()),
    decidedAt: Nullable(Type.String()),
    decisionComment: Nullable(Type.String()),
    approvedSha256: Nullable(Type.String()),
    publishedAt: Nullable(Type.String()),
    publishedUrl: Nullable(Type.String()),
    version: Type.Integer(),
  },
  { title: 'SocialPost' },
);

export const SitePage = Type.Object({
  id: Uuid,
  url: Type.String(),
  label: Type.String(),
  createdAt: Type.String(),
});

export const LinkCheck = Type.Object(
  {
    id: Uuid,
    startedAt: Type.String(),
    finishedAt: Type.String(),
    pages: Type.Array(Type.String()),
    linksFound: Type.Integer(),
    linksWithoutNotice: Type.Integer(),
    reportEvidenceId: Type.String(),
  },
  { title: 'SocialLinkCheck' },
);

export const VersionBody = { version: Type.Integer({ minimum: 1 }) };

export const RegisterFigures = Type.Object(
  {
    generatedAt: Type.String(),
    accounts: Type.Object({ total: Type.Integer(), official: Type.Integer(), excluded: Type.Integer() }),
    items: Type.Array(
      Type.Object({
        itemNumber: Type.Integer(),
        itemId: Type.String(),
        lines: Type.Array(
          Type.Object({
            code: Type.String(),
            values: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
          }),
        ),
      }),
    ),
  },
  { title: 'SocialRegisterFigures' },
);
