import { Type } from 'typebox';
import { CalendarDate, literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import { EVENT_KINDS } from './devices.service.js';
import {
  CONTROLS,
  DEVICE_STATUSES,
  DEVICE_TYPES,
  OBSERVATIONS,
  OBSERVED_CONTROLS,
  OWNERSHIPS,
  PLATFORMS,
} from './domain/controls.js';
import { MDM_SOURCES } from './import/mdm-profiles.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);
const Text = (maxLength: number) => Type.String({ maxLength });

export const DeviceParams = Type.Object({ orgId: Uuid, deviceId: Uuid });

export const ControlEvaluation = Type.Object({
  control: literalUnion(CONTROLS),
  result: literalUnion(['pass', 'fail', 'unknown', 'not_required'] as const),
  reason: Type.String(),
  source: Nullable(Type.String()),
});

/** The device as members see it. Personal fields are masked unless the caller holds device:personal. */
export const Device = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  name: Type.String(),
  type: literalUnion(DEVICE_TYPES),
  platform: literalUnion(PLATFORMS),
  osVersion: Nullable(Type.String()),
  model: Nullable(Type.String()),
  serialNumber: Nullable(Type.String()),
  imei: Nullable(Type.String()),
  holderUserId: Nullable(Uuid),
  holderName: Nullable(Type.String()),
  holderPhone: Nullable(Type.String()),
  personalDataMasked: Type.Boolean(),
  department: Nullable(Type.String()),
  ownership: literalUnion(OWNERSHIPS),
  handlesSensitive: Type.Boolean(),
  connectsDirectly: Type.Boolean(),
  inScope: Type.Boolean(),
  exclusionReason: Nullable(Type.String()),
  mdmSource: Nullable(Type.String()),
  enrolled: Nullable(Type.Boolean()),
  lastCheckIn: Nullable(Type.String()),
  stale: Type.Boolean(),
  status: literalUnion(DEVICE_STATUSES),
  missingSince: Nullable(Type.String()),
  failing: Type.Integer(),
  unknown: Type.Integer(),
  controls: Type.Array(ControlEvaluation),
  updatedAt: Type.String(),
});

export const PostureInput = Type.Partial(
  Type.Object(
    Object.fromEntries(OBSERVED_CONTROLS.map((c) => [c, literalUnion(OBSERVATIONS)])) as Record<
      (typeof OBSERVED_CONTROLS)[number],
      ReturnType<typeof literalUnion<typeof OBSERVATIONS>>
    >,
  ),
);

export const DeviceInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: literalUnion(DEVICE_TYPES),
  platform: literalUnion(PLATFORMS),
  osVersion: Type.Optional(Nullable(Text(50))),
  model: Type.Optional(Nullable(Text(200))),
  serialNumber: Type.Optional(Nullable(Text(100))),
  imei: Type.Optional(Nullable(Type.String({ pattern: '^[0-9 ]{14,20}$', examples: ['356789101234561'] }))),
  holderUserId: Type.Optional(Nullable(Uuid)),
  holderName: Type.Optional(Nullable(Text(200))),
  holderPhone: Type.Optional(Nullable(Text(50))),
  department: Type.Optional(Nullable(Text(200))),
  ownership: literalUnion(OWNERSHIPS),
  handlesSensitive: Type.Boolean(),
  connectsDirectly: Type.Boolean(),
  enrolled: Type.Optional(Nullable(Type.Boolean())),
  lastCheckIn: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  posture: Type.Optional(PostureInput),
});

export const DeviceEvent = Type.Object({
  id: Uuid,
  kind: literalUnion(EVENT_KINDS),
  occurredOn: Type.String(),
  personUserId: Nullable(Uuid),
  personName: Nullable(Type.String()),
  note: Type.String(),
  taskId: Nullable(Uuid),
  recordedBy: Nullable(Uuid),
  recordedAt: Type.String(),
});

export const EventInput = Type.Object({
  kind: literalUnion(EVENT_KINDS),
  occurredOn: CalendarDate,
  personUserId: Type.Optional(Nullable(Uuid)),
  personName: Type.Optional(Nullable(Text(200))),
  note: Type.Optional(Text(2000)),
  taskId: Type.Optional(Nullable(Uuid)),
});

export const ImportQuery = Type.Object({
  dryRun: Type.Boolean({ default: false }),
  source: Type.Optional(literalUnion(MDM_SOURCES)),
  report: Type.Optional(Type.Literal('csv')),
  lang: Type.Optional(literalUnion(['zh-TW', 'en'] as const)),
});

export const ImportOutcome = Type.Object({
  source: Type.String(),
  rows: Type.Integer(),
  applied: Type.Boolean(),
  added: Type.Integer(),
  updated: Type.Integer(),
  flagged: Type.Integer(),
  unmappedHeaders: Type.Array(Type.String()),
  sample: Type.Array(
    Type.Object({
      sheetRow: Type.Integer(),
      action: literalUnion(['add', 'update'] as const),
      name: Type.String(),
      platform: Type.String(),
      failing: Type.Integer(),
    }),
  ),
  errors: Type.Array(
    Type.Object({
      sheetRow: Type.Integer(),
      column: Nullable(Type.String()),
      code: Type.String(),
      message: Type.String(),
    }),
  ),
});

export const Policy = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  required: Type.Object(
    Object.fromEntries(CONTROLS.map((c) => [c, Type.Boolean()])) as Record<
      (typeof CONTROLS)[number],
      ReturnType<typeof Type.Boolean>
    >,
  ),
  minOsVersions: Type.Partial(
    Type.Object(
      Object.fromEntries(
        PLATFORMS.map((p) => [p, Type.String({ pattern: '^\\d+(\\.\\d+)*$', examples: ['17.4'] })]),
      ) as Record<(typeof PLATFORMS)[number], ReturnType<typeof Type.String>>,
    ),
  ),
  staleAfterDays: Type.Integer({ minimum: 1, maximum: 3650 }),
  byodReviewIntervalDays: Type.Integer({ minimum: 1, maximum: 3650 }),
});
