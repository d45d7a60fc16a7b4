import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { type Static, Type } from 'typebox';
import { PROJECT_ROOT } from '../../../config/version.js';
import { canonicalJson } from '../../../platform/canonical-json.js';
import type { Severity } from '../../../platform/sarif.js';

/** The rule pack shipped with Jianhe; another pack can be given to the scanner instead. */
export const BUNDLED_RULE_PACK = path.join(PROJECT_ROOT, 'rules', 'mobile-app', 'rule-pack.json');

/** The 24 controls of OWASP MASVS v2. */
export const MASVS_CONTROLS = [
  ...[1, 2].map((n) => `MASVS-STORAGE-${n}`),
  ...[1, 2].map((n) => `MASVS-CRYPTO-${n}`),
  ...[1, 2, 3].map((n) => `MASVS-AUTH-${n}`),
  ...[1, 2].map((n) => `MASVS-NETWORK-${n}`),
  ...[1, 2, 3].map((n) => `MASVS-PLATFORM-${n}`),
  ...[1, 2, 3, 4].map((n) => `MASVS-CODE-${n}`),
  ...[1, 2, 3, 4].map((n) => `MASVS-RESILIENCE-${n}`),
  ...[1, 2, 3, 4].map((n) => `MASVS-PRIVACY-${n}`),
] as const;

export const PII_DETECTOR_IDS = [
  'national-id',
  'resident-permit',
  'payment-card',
  'mobile-phone',
  'email',
] as const;

const Text = Type.Object({ 'zh-TW': Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) });
const SeveritySchema = Type.Union(['critical', 'high', 'medium', 'low', 'info'].map((s) => Type.Literal(s)));

const RuleSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$', maxLength: 64 }),
    platform: Type.Union([Type.Literal('android'), Type.Literal('ios'), Type.Literal('any')]),
    type: Type.Union([
      Type.Literal('check'),
      Type.Literal('pattern'),
      Type.Literal('pii'),
      Type.Literal('import'),
    ]),
    severity: SeveritySchema,
    masvs: Type.Union(MASVS_CONTROLS.map((c) => Type.Literal(c))),
    clause: Type.String({ pattern: '^art-[0-9]+(?:\\.[0-9]+){0,2}$' }),
    cwe: Type.Optional(Type.String({ pattern: '^CWE-[0-9]+$' })),
    title: Text,
    description: Text,
    remediation: Text,
    pattern: Type.Optional(
      Type.Object(
        {
          regex: Type.String({ minLength: 1, maxLength: 1000 }),
          flags: Type.Optional(Type.String({ pattern: '^i?$' })),
          validate: Type.Optional(
            Type.Union([Type.Literal('jwt'), Type.Literal('entropy'), Type.Literal('http-url')]),
          ),
          minEntropy: Type.Optional(Type.Number({ minimum: 0, maximum: 8 })),
          valueGroup: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })),
        },
        { additionalProperties: false },
      ),
    ),
    pii: Type.Optional(
      Type.Object(
        { detector: Type.Union(PII_DETECTOR_IDS.map((d) => Type.Literal(d))) },
        { additionalProperties: false },
      ),
    ),
    mobsf: Type.Optional(
      Type.Object(
        { rules: Type.Optional(Type.Array(Type.String())), text: Type.Optional(Type.Array(Type.String())) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const PackSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    version: Type.String({ pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$' }),
    title: Text,
    attribution: Type.String(),
    parameters: Type.Object(
      {
        minSdk: Type.Integer({ minimum: 1, maximum: 100 }),
        maxFindingsPerRule: Type.Integer({ minimum: 1, maximum: 10_000 }),
        minStringLength: Type.Integer({ minimum: 4, maximum: 64 }),
        maxStringLength: Type.Integer({ minimum: 64, maximum: 65_536 }),
        httpUrlIgnorePrefixes: Type.Array(Type.String({ pattern: '^http://' })),
      },
      { additionalProperties: false },
    ),
    rules: Type.Array(RuleSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type RulePackDocument = Static<typeof PackSchema>;
export type RuleDefinition = Static<typeof RuleSchema> & { severity: Severity };

export interface CompiledPatternRule {
  rule: RuleDefinition;
  regex: RegExp;
}

export interface RulePack {
  document: RulePackDocument;
  /** sha256 of the pack's canonical JSON: every result records it, so a result names the exact rules. */
  sha256: string;
  rules: ReadonlyMap<string, RuleDefinition>;
  patterns: CompiledPatternRule[];
  rule(id: string): RuleDefinition;
}

export class RulePackError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid rule pack: ${problems.join('; ')}`);
    this.name = 'RulePackError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;

// A pattern is run over every string of an untrusted binary, so it must not backtrack without bound:
// refuse a quantified group that itself ends in a quantifier, the shape behind catastrophic backtracking.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}]\)(?:[+*]|\{\d*,)/;

/** Validates and compiles a rule pack document. Throws RulePackError listing every problem. */
export function compileRulePack(document: unknown, source = 'rule pack'): RulePack {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(PackSchema);
  if (!validator(document)) {
    throw new RulePackError(
      source,
      (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`),
    );
  }
  const pack = document as RulePackDocument;
  const problems: string[] = [];
  const rules = new Map<string, RuleDefinition>();
  const patterns: CompiledPatternRule[] = [];
  for (const rule of pack.rules as RuleDefinition[]) {
    if (rules.has(rule.id)) problems.push(`rule id ${rule.id} appears twice`);
    rules.set(rule.id, rule);
    if (rule.type === 'pattern') {
      if (!rule.pattern) {
        problems.push(`${rule.id}: a pattern rule needs "pattern"`);
        continue;
      }
      if (NESTED_QUANTIFIER.test(rule.pattern.regex)) {
        problems.push(`${rule.id}: nested quantifiers can backtrack without bound`);
        continue;
      }
      try {
        patterns.push({ rule, regex: new RegExp(rule.pattern.regex, `g${rule.pattern.flags ?? ''}`) });
      } catch (error) {
        problems.push(`${rule.id}: ${(error as Error).message}`);
      }
    }
    if (rule.type === 'pii' && !rule.pii) problems.push(`${rule.id}: a pii rule needs "pii"`);
  }
  if (problems.length > 0) throw new RulePackError(source, problems);
  const sha256 = createHash('sha256').update(canonicalJson(pack)).digest('hex');
  return {
    document: pack,
    sha256,
    rules,
    patterns,
    rule(id) {
      const found = rules.get(id);
      if (!found) throw new Error(`rule pack ${pack.id}@${pack.version} has no rule ${id}`);
      return found;
    },
  };
}

/** Reads and compiles a rule pack file (the bundled one by default). */
export function loadRulePack(file = BUNDLED_RULE_PACK): RulePack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new RulePackError(file, ['cannot be read']);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RulePackError(file, [`not JSON: ${(error as Error).message}`]);
  }
  return compileRulePack(parsed, file);
}
