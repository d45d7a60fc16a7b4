import { findPersonalData } from '../deid/deid.js';
import type { DetectorId } from '../deid/detectors.js';
import type { Deadline } from './binary-reader.js';
import type { FindingDraft } from './findings.js';
import type { RuleDefinition, RulePack } from './rule-pack.js';

/**
 * The string rules (hard-coded secrets, http:// URLs, personal data in the code: Art. 17.1(2)) run over the
 * strings extracted from DEX files or the iOS executable. Matches are masked here, before they become
 * findings, so a secret never reaches a report, a log or the evidence store in clear.
 */

export type Platform = 'android' | 'ios';

/** First four and last two characters of a secret, with its length: enough to find it, not to use it. */
export function maskSecret(value: string): string {
  if (value.length <= 10) return `${'*'.repeat(value.length)} (${value.length} chars)`;
  return `${value.slice(0, 4)}…${value.slice(-2)} (${value.length} chars)`;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

const PLACEHOLDER = /(?:xxxx|\*\*\*|your[_-]|example|placeholder|changeme|\$\{|%[sd@]|<[a-z]|\{\{)/i;

function looksLikeJwt(token: string): boolean {
  const header = token.split('.')[0] ?? '';
  try {
    const decoded = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as unknown;
    return (
      typeof decoded === 'object' &&
      decoded !== null &&
      typeof (decoded as { alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}

/** The URL without query and fragment (they may carry tokens), cut to a readable length. */
function urlEvidence(url: string): string {
  const bare = url.replace(/[?#].*$/, '');
  return bare.length > 200 ? `${bare.slice(0, 200)}…` : bare;
}

interface Matched {
  subject: string;
  evidence: string;
}

function patternMatch(
  rule: RuleDefinition,
  match: RegExpExecArray,
  ignorePrefixes: string[],
): Matched | null {
  const pattern = rule.pattern!;
  const whole = match[0];
  const value = pattern.valueGroup ? (match[pattern.valueGroup] ?? '') : whole;
  switch (pattern.validate) {
    case 'jwt':
      if (!looksLikeJwt(whole)) return null;
      break;
    case 'entropy':
      if (PLACEHOLDER.test(value) || shannonEntropy(value) < (pattern.minEntropy ?? 3)) return null;
      break;
    case 'http-url': {
      if (ignorePrefixes.some((prefix) => whole.startsWith(prefix))) return null;
      const host = /^http:\/\/([^/:?#]+)/.exec(whole)?.[1] ?? '';
      if (!host.includes('.') || host.endsWith('.')) return null;
      const evidence = urlEvidence(whole);
      return { subject: evidence, evidence };
    }
  }
  if (rule.id === 'secret-private-key') return { subject: whole, evidence: whole };
  if (pattern.valueGroup) {
    const prefix = whole.slice(0, whole.indexOf(value)).trim();
    const masked = maskSecret(value);
    return { subject: `${prefix}${masked}`, evidence: `${prefix}${masked}` };
  }
  const masked = maskSecret(value);
  return { subject: masked, evidence: masked };
}

export interface StringScanContext {
  pack: RulePack;
  platform: Platform;
  deadline?: Deadline;
}

/** Cheap pre-check before the (slower) personal-data detectors: enough digits, or an @. */
const PII_CANDIDATE = /\d{4}|@/;

export function scanStrings(
  strings: readonly string[],
  location: string,
  context: StringScanContext,
): FindingDraft[] {
  const { pack, platform, deadline } = context;
  const applies = (rule: RuleDefinition) => rule.platform === 'any' || rule.platform === platform;
  const patterns = pack.patterns.filter((p) => applies(p.rule));
  const specific = patterns.filter((p) => p.rule.pattern?.validate !== 'entropy');
  const generic = patterns.filter((p) => p.rule.pattern?.validate === 'entropy');
  const piiRules = [...pack.rules.values()].filter((r) => r.type === 'pii' && r.pii && applies(r));
  const detectorRule = new Map<DetectorId, RuleDefinition>(piiRules.map((r) => [r.pii!.detector, r]));
  const detectors = [...detectorRule.keys()];
  const ignore = pack.document.parameters.httpUrlIgnorePrefixes;
  const drafts: FindingDraft[] = [];
  for (let i = 0; i < strings.length; i++) {
    if ((i & 0x3ff) === 0) deadline?.check();
    const text = strings[i]!;
    // A generic rule (entropy-validated) stays quiet where a specific rule already named the secret.
    const claimed: Array<[number, number]> = [];
    for (const { rule, regex } of [...specific, ...generic]) {
      const isGeneric = rule.pattern?.validate === 'entropy';
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m; m = regex.exec(text)) {
        if (m[0].length === 0) regex.lastIndex++;
        const start = m.index;
        const end = start + m[0].length;
        if (isGeneric && claimed.some(([s, e]) => start < e && s < end)) continue;
        const found = patternMatch(rule, m, ignore);
        if (!found) continue;
        drafts.push({ ruleId: rule.id, location, ...found });
        if (!isGeneric) claimed.push([start, end]);
      }
    }
    if (detectors.length > 0 && PII_CANDIDATE.test(text)) {
      for (const match of findPersonalData(text, { detectors })) {
        const rule = detectorRule.get(match.detector);
        if (rule) drafts.push({ ruleId: rule.id, location, subject: match.masked, evidence: match.masked });
      }
    }
  }
  return drafts;
}
