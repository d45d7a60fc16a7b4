import { Type } from 'typebox';
import { CalendarDate, literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import { AbilitySchema } from '../identity/abilities.js';
import { TLS_PROFILE_NAMES } from './domain/tls-profile.js';
import { CHECK_KINDS } from './endpoint-probe.js';

export const EndpointParams = Type.Object({ orgId: Uuid, endpointId: Uuid });
export const RunParams = Type.Object({ orgId: Uuid, runId: Uuid });

const Verdict = literalUnion(['pass', 'warn', 'fail'] as const);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);

export const EndpointInputSchema = Type.Object(
  {
    providerId: Uuid,
    purpose: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. API, SFTP, customer portal' }),
    host: Type.String({ minLength: 1, maxLength: 253, description: 'DNS name or IP address, no port' }),
    port: Type.Integer({ minimum: 1, maximum: 65535 }),
    kind: literalUnion(CHECK_KINDS),
    profile: Type.Optional(literalUnion(TLS_PROFILE_NAMES as readonly ['intermediate', 'modern'])),
    httpPort: Type.Optional(
      Nullable(
        Type.Integer({
          minimum: 1,
          maximum: 65535,
          description: 'TLS: plain-HTTP port for the redirect check (default 80); null: not an HTTPS service',
        }),
      ),
    ),
    trustedCaPem: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 32_768,
          description: 'TLS: PEM certificates trusted besides the bundled roots (a private PKI)',
        }),
      ),
    ),
    supportedItems: Type.Array(Type.String({ pattern: '^item-[1-9][0-9]{0,2}$', examples: ['item-7'] }), {
      maxItems: 50,
      description: 'checklist item ids the result is evidence for, e.g. item-7',
    }),
    ownerUserId: Type.Optional(Nullable(Uuid)),
    intervalHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 31, default: 24 })),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, title: 'CheckEndpointInput' },
);

const RunSummary = Type.Object({
  id: Uuid,
  startedAt: Type.String(),
  verdict: Verdict,
  errorCode: Nullable(Type.String()),
  certificateNotAfter: Nullable(Type.String()),
  profile: Type.Object({ name: Type.String(), version: Type.String() }),
});

export const Endpoint = Type.Object(
  {
    abilities: Type.Object({ run: AbilitySchema, update: AbilitySchema }),
    id: Uuid,
    providerId: Uuid,
    purpose: Type.String(),
    host: Type.String(),
    port: Type.Integer(),
    kind: literalUnion(CHECK_KINDS),
    profile: literalUnion(TLS_PROFILE_NAMES as readonly ['intermediate', 'modern']),
    httpPort: Nullable(Type.Integer()),
    hasTrustedCa: Type.Boolean(),
    supportedItems: Type.Array(Type.String()),
    ownerUserId: Nullable(Uuid),
    intervalHours: Type.Integer(),
    enabled: Type.Boolean(),
    nextRunAt: Type.String(),
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    latest: Nullable(RunSummary),
  },
  { title: 'CheckEndpoint' },
);

const RuleResultSchema = Type.Object({
  id: Type.String(),
  status: literalUnion(['pass', 'warn', 'fail', 'skip'] as const),
  message: Type.Object({ en: Type.String(), 'zh-TW': Type.String() }),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const RunListEntry = Type.Object({
  ...RunSummary.properties,
  trigger: literalUnion(['scheduled', 'manual', 'cli'] as const),
  durationMs: Type.Integer(),
  target: Type.String(),
  evidenceId: Nullable(Uuid),
});

export const Run = Type.Object(
  {
    ...RunListEntry.properties,
    endpointId: Uuid,
    requestedBy: Nullable(Uuid),
    finishedAt: Type.String(),
    kind: Type.String(),
    sha256: Type.String(),
    validUntil: Nullable(CalendarDate),
    observations: Type.Record(Type.String(), Type.Unknown()),
    results: Type.Array(RuleResultSchema),
  },
  { title: 'CheckRun' },
);

export const CertificateEntry = Type.Object({
  endpointId: Uuid,
  providerId: Uuid,
  host: Type.String(),
  port: Type.Integer(),
  purpose: Type.String(),
  ownerUserId: Nullable(Uuid),
  runId: Uuid,
  checkedAt: Type.String(),
  notAfter: Type.String(),
  daysToExpiry: Type.Integer(),
});
