import { Type } from 'typebox';
import { CalendarDate, literalUnion, Uuid } from '../../assessments/assessments.schemas.js';
import {
  APP_CONTROLS,
  ATTESTATION_SUBJECTS,
  FAIL_ON,
  GATE_STATES,
  RELEASE_STATUSES,
} from './domain/release-gate.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', examples: ['0'.repeat(64)] });
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const Platform = literalUnion(['android', 'ios'] as const);
export const VendorKind = literalUnion(['in_house', 'outside'] as const, {
  description: 'in_house, or an outside developer (Art. 17.2)',
});
export const Channel = literalUnion(['sms', 'push', 'email'] as const);

export const AppParams = Type.Object({ orgId: Uuid, appId: Uuid });
export const ReleaseParams = Type.Object({ orgId: Uuid, releaseId: Uuid });

export const AppInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    platforms: Type.Array(Platform, { minItems: 1, uniqueItems: true }),
    bundleId: Type.String({ minLength: 1, maxLength: 255, pattern: '^[A-Za-z0-9_.-]+$' }),
    vendorKind: VendorKind,
    vendorName: Type.Optional(Type.String({ maxLength: 200 })),
    ownerUserId: Type.Optional(Nullable(Uuid)),
    notes: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);

export const Control = Type.Object({
  control: literalUnion(APP_CONTROLS),
  implemented: Type.Boolean(),
  description: Type.String(),
  evidenceId: Nullable(Uuid),
  updatedAt: Nullable(Type.String()),
});

export const ControlInput = Type.Object(
  {
    implemented: Type.Boolean(),
    description: Type.Optional(Type.String({ maxLength: 5_000 })),
    evidenceId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);

export const MobileApp = Type.Object({
  id: Uuid,
  name: Type.String(),
  platforms: Type.Array(Platform),
  bundleId: Type.String(),
  vendorKind: VendorKind,
  vendorName: Type.String(),
  ownerUserId: Nullable(Uuid),
  notes: Type.String(),
  controls: Type.Array(Control),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});

const SeverityCounts = Type.Object({
  critical: Type.Integer(),
  high: Type.Integer(),
  medium: Type.Integer(),
  low: Type.Integer(),
  info: Type.Integer(),
  total: Type.Integer(),
});

export const Attestation = Type.Object({
  id: Uuid,
  releaseId: Uuid,
  subject: literalUnion(ATTESTATION_SUBJECTS),
  dueDate: Type.String(),
  receivedOn: Nullable(Type.String()),
  evidenceId: Nullable(Uuid),
  note: Type.String(),
  overdue: Type.Boolean(),
  version: Type.Integer(),
});

export const RiskAcceptance = Type.Object({
  reason: Type.String(),
  expiresOn: Type.String(),
  acceptedBy: Uuid,
  acceptedAt: Type.String(),
  valid: Type.Boolean(),
});

export const Release = Type.Object({
  id: Uuid,
  appId: Uuid,
  appVersion: Type.String(),
  buildNumber: Type.String(),
  binarySha256: Nullable(Type.String()),
  releaseDate: Nullable(Type.String()),
  status: literalUnion(RELEASE_STATUSES),
  gate: literalUnion(GATE_STATES),
  failOn: literalUnion(FAIL_ON),
  scannedAt: Nullable(Type.String()),
  scanEvidenceId: Nullable(Uuid),
  summary: Nullable(SeverityCounts),
  rulePack: Nullable(Type.Object({ id: Type.String(), version: Type.String(), sha256: Type.String() })),
  releasedAt: Nullable(Type.String()),
  riskAcceptance: Nullable(RiskAcceptance),
  attestations: Type.Array(Attestation),
  createdAt: Type.String(),
  version: Type.Integer(),
});

export const ReleaseInput = Type.Object(
  {
    appVersion: Type.String({ minLength: 1, maxLength: 100 }),
    buildNumber: Type.String({ minLength: 1, maxLength: 100 }),
    binarySha256: Type.Optional(Nullable(Sha256)),
    releaseDate: Type.Optional(Nullable(CalendarDate)),
    failOn: Type.Optional(literalUnion(FAIL_ON)),
  },
  { additionalProperties: false },
);

const ScanFinding = Type.Object({
  ruleId: Type.String({ maxLength: 200 }),
  severity: literalUnion(SEVERITIES),
  masvs: Type.String({ maxLength: 100 }),
  clause: Type.String({ maxLength: 100 }),
  location: Type.String({ maxLength: 2_000 }),
  subject: Type.String({ maxLength: 2_000 }),
  evidence: Type.String({ maxLength: 4_000 }),
});

/** The evidence form `jianhe app scan --format json` writes (schema urn:jianhe:app-scan:v1). */
export const ScanResultSchema = Type.Object({
  schema: Type.Literal('urn:jianhe:app-scan:v1'),
  tool: Type.Object({ name: Type.String({ maxLength: 100 }), version: Type.String({ maxLength: 100 }) }),
  rulePack: Type.Object({
    id: Type.String({ maxLength: 200 }),
    version: Type.String({ maxLength: 100 }),
    sha256: Sha256,
  }),
  scannedAt: Type.String({ maxLength: 40 }),
  durationMs: Type.Number(),
  input: Type.Object({
    file: Type.String({ maxLength: 1_000 }),
    kind: literalUnion(['apk', 'ipa', 'mobsf-report'] as const),
    bytes: Type.Integer({ minimum: 0 }),
    sha256: Sha256,
  }),
  app: Type.Record(Type.String(), Type.Unknown()),
  summary: SeverityCounts,
  findings: Type.Array(ScanFinding, { maxItems: 20_000 }),
  omitted: Type.Record(Type.String(), Type.Integer()),
  notes: Type.Array(Type.String({ maxLength: 2_000 }), { maxItems: 1_000 }),
});

export const ScanUploadBody = Type.Object(
  {
    scan: ScanResultSchema,
    failOn: Type.Optional(literalUnion(FAIL_ON)),
    appVersion: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    buildNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    releaseDate: Type.Optional(Nullable(CalendarDate)),
  },
  { additionalProperties: false },
);

const GroupCount = SeverityCounts;

export const ReleaseDetail = Type.Object({
  ...Release.properties,
  byArticle: Type.Array(
    Type.Object({
      article: Type.String(),
      counts: GroupCount,
      clauses: Type.Array(Type.Object({ clause: Type.String(), counts: GroupCount })),
    }),
  ),
  byMasvs: Type.Array(Type.Object({ group: Type.String(), counts: GroupCount })),
  findings: Type.Array(ScanFinding),
});

export const Template = Type.Object({
  id: Uuid,
  appId: Uuid,
  channel: Channel,
  name: Type.String(),
  body: Type.String(),
  version: Type.Integer(),
  deid: Type.Object({
    found: Type.Integer(),
    maskedText: Type.String(),
    findings: Type.Array(
      Type.Object({
        detector: Type.String(),
        label: Type.String(),
        line: Type.Integer(),
        column: Type.Integer(),
        masked: Type.String(),
      }),
    ),
  }),
});

export const TemplateInput = Type.Object(
  {
    channel: Channel,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);

export const AppOverview = Type.Object({
  apps: Type.Array(
    Type.Object({
      app: MobileApp,
      latestRelease: Nullable(Release),
      secretsFound: Nullable(Type.Integer()),
      personalDataFound: Nullable(Type.Integer()),
    }),
  ),
});
