import { randomUUID } from 'node:crypto';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Minimal, valid request values built from a route's own JSON Schema (TypeBox), so that security tests
 * send requests that pass validation and reach the access checks: a 400 is then a failure, not a pass.
 * Every value built is checked against its schema with ajv, configured as Fastify validates.
 */
type Schema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  examples?: unknown[];
};

const ajv = new Ajv({ strict: false, coerceTypes: 'array', useDefaults: true, allErrors: true });
addFormats.default(ajv);

/** Strings tried, in order, for a `pattern` without `examples` (the first the pattern accepts wins). */
const PATTERN_CANDIDATES = [
  '2026-06-30',
  '04595257',
  'probe',
  'A123456789',
  '0912345678',
  'https://example.test/probe',
  'Probe-passphrase 2026!',
  '123456',
  'x',
];

function stringSample(schema: Schema): string {
  if (schema.examples?.length) return String(schema.examples[0]);
  const byFormat: Record<string, string> = {
    uuid: randomUUID(),
    date: '2026-06-30',
    'date-time': '2026-06-30T00:00:00.000Z',
    email: 'probe@example.test',
    uri: 'https://example.test/probe',
    url: 'https://example.test/probe',
  };
  if (schema.format && byFormat[schema.format]) return byFormat[schema.format]!;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    const hit = PATTERN_CANDIDATES.find((c) => pattern.test(c) && fitsLength(c, schema));
    if (hit === undefined)
      throw new Error(`no sample for pattern ${schema.pattern}: add \`examples\` to the schema`);
    return hit;
  }
  const min = Math.max(schema.minLength ?? 0, 5);
  const value = 'probe'.padEnd(min, 'x');
  return schema.maxLength !== undefined
    ? value.slice(0, Math.max(schema.maxLength, schema.minLength ?? 0))
    : value;
}

function fitsLength(value: string, schema: Schema): boolean {
  return (
    value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY)
  );
}

/** A value for `schema`, preferring a non-null branch and filling optional properties too. */
export function sampleOf(schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) {
    const preferred = branches.find((b) => b.type !== 'null') ?? branches[0]!;
    return sampleOf(preferred);
  }
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => sampleOf(s) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(schema.properties ?? {})) out[name] = sampleOf(child);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, 1) }, () => sampleOf(schema.items));
    case 'string':
      return stringSample(schema);
    case 'integer':
    case 'number': {
      if (schema.default !== undefined) return schema.default;
      const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return schema.maximum !== undefined ? Math.min(low, schema.maximum) : low;
    }
    case 'boolean':
      return schema.default ?? false;
    case 'null':
      return null;
    default:
      return schema.default ?? 'probe';
  }
}

/** Builds a value, sets the given paths (`a.b`, `list[].id`), and proves the result valid against `schema`. */
export function validSample(
  schema: Schema | undefined,
  overrides: Record<string, unknown> = {},
  label = '',
): unknown {
  if (!schema) return undefined;
  const value = sampleOf(schema);
  for (const [path, replacement] of Object.entries(overrides)) setAt(value, path, replacement);
  const validate = ajv.compile(schema);
  const copy = structuredClone(value);
  if (!validate(copy))
    throw new Error(
      `sample for ${label} is not schema-valid: ${ajv.errorsText(validate.errors)} ${JSON.stringify(value)}`,
    );
  return value;
}

function setAt(target: unknown, path: string, replacement: unknown): void {
  const [head, ...rest] = path.split('.');
  if (!head || target === null || typeof target !== 'object') return;
  const many = head.endsWith('[]');
  const key = many ? head.slice(0, -2) : head;
  const record = target as Record<string, unknown>;
  if (rest.length === 0) {
    if (many) record[key] = [replacement];
    else record[key] = replacement;
    return;
  }
  const child = record[key];
  if (many && Array.isArray(child)) for (const item of child) setAt(item, rest.join('.'), replacement);
  else setAt(child, rest.join('.'), replacement);
}
