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
    // Only the secret part is masked; the rest (a key name, a user and host) says where it is.
    const at = whole.lastIndexOf(value);
    const shown = `${whole.slice(0, at).trim()}${maskSecret(value)}${whole.slice(at + value.length)}`;
    return { subject: shown, evidence: shown };
  }
  const masked = maskSecret(value);
  return { subject: masked, evidence: masked };
}

export interface StringScanContext {
  pack: RulePack;
  platform: Platform;
  deadline?: Deadline;
}

interface CompiledContext {
  specific: RulePack['patterns'];
  generic: RulePack['patterns'];
  detectorRule: Map<DetectorId, RuleDefinition>;
  ignore: string[];
}

function compile(context: StringScanContext): CompiledContext {
  const { pack, platform } = context;
  const applies = (rule: RuleDefinition) => rule.platform === 'any' || rule.platform === platform;
  const patterns = pack.patterns.filter((p) => applies(p.rule));
  const piiRules = [...pack.rules.values()].filter((r) => r.type === 'pii' && r.pii && applies(r));
  return {
    specific: patterns.filter((p) => p.rule.pattern?.validate !== 'entropy'),
    generic: patterns.filter((p) => p.rule.pattern?.validate === 'entropy'),
    detectorRule: new Map(piiRules.map((r) => [r.pii!.detector, r])),
    ignore: pack.document.parameters.httpUrlIgnorePrefixes,
  };
}

/**
 * Runs the patterns over `text`. A generic rule (entropy-validated) stays quiet where a specific rule
 * already named the secret. With `onSpan`, a match running across a chunk separator is handed back
 * instead of being reported.
 */
function runPatterns(
  text: string,
  compiled: CompiledContext,
  emit: (ruleId: string, found: { subject: string; evidence: string }) => boolean,
  onSpan?: (start: number, end: number) => void,
): void {
  const claimed: Array<[number, number]> = [];
  for (const { rule, regex } of [...compiled.specific, ...compiled.generic]) {
    const isGeneric = rule.pattern?.validate === 'entropy';
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
      if (m[0].length === 0) regex.lastIndex++;
      const start = m.index;
      const end = start + m[0].length;
      // Checked first: a spanning match may fail validation, or overlap a claim, only because of the spill.
      if (onSpan && m[0].includes(SEPARATOR)) {
        onSpan(start, end);
        continue;
      }
      if (isGeneric && claimed.some(([s, e]) => start < e && s < end)) continue;
      const found = patternMatch(rule, m, compiled.ignore);
      if (found && emit(rule.id, found) && !isGeneric) claimed.push([start, end]);
    }
  }
}

// Cheap candidates for the (slower) personal-data detectors: a string is handed to them only if one of
// these finds something that could be an identity number, a card, a mobile number, an e-mail address,
// or full-width digits.
const PII_CANDIDATE =
  /[A-Za-z][A-Da-d1289]\d{8}|\d(?:[ -]?\d){12}|(?:0|886[\s-]?)9\d{2}[\s-]?\d{3}[\s-]?\d{3}|\+\d{1,3}[\s-]?\d{2}|@[A-Za-z0-9-]+\.|[\uff10-\uff19]{2}/g;

const SEPARATOR = '\u0000';
const CHUNK_CHARS = 4 * 1024 * 1024;

/**
 * Strings are scanned in chunks joined by NUL, one regex pass per chunk instead of one per string (the
 * difference between seconds and a minute on a large app). A match that spans a separator, and any
 * string that itself holds a NUL, is scanned again on its own, so results equal a per-string scan.
 */
export function scanStrings(
  strings: readonly string[],
  location: string,
  context: StringScanContext,
): FindingDraft[] {
  const compiled = compile(context);
  const detectors = [...compiled.detectorRule.keys()];
  const drafts: FindingDraft[] = [];
  const push = (ruleId: string, found: { subject: string; evidence: string }) => {
    drafts.push({ ruleId, location, ...found });
    return true;
  };
  const personalData = (text: string) => {
    for (const match of findPersonalData(text, { detectors })) {
      const rule = compiled.detectorRule.get(match.detector);
      if (rule) push(rule.id, { subject: match.masked, evidence: match.masked });
    }
  };
  const withNul: number[] = [];
  const spanned = new Set<number>();
  for (let next = 0; next < strings.length; ) {
    context.deadline?.check();
    const members: number[] = [];
    const starts: number[] = [];
    let length = 0;
    for (; next < strings.length && (length < CHUNK_CHARS || members.length === 0); next++) {
      const text = strings[next]!;
      if (text.includes(SEPARATOR)) {
        withNul.push(next);
        continue;
      }
      members.push(next);
      starts.push(length);
      length += text.length + 1;
    }
    if (members.length === 0) continue;
    // The member whose text contains chunk offset `offset`.
    const owner = (offset: number) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const chunk = members.map((index) => strings[index]!).join(SEPARATOR);
    runPatterns(chunk, compiled, push, (start, end) => {
      for (let k = owner(start); k <= owner(end - 1); k++) spanned.add(members[k]!);
    });
    if (detectors.length > 0) {
      const candidates = new Set<number>();
      PII_CANDIDATE.lastIndex = 0;
      for (let m = PII_CANDIDATE.exec(chunk); m; m = PII_CANDIDATE.exec(chunk)) {
        candidates.add(members[owner(m.index)]!);
        if (m[0].length === 0) PII_CANDIDATE.lastIndex++;
      }
      for (const index of candidates) personalData(strings[index]!);
    }
  }
  for (const index of spanned) runPatterns(strings[index]!, compiled, push);
  for (const index of withNul) {
    runPatterns(strings[index]!, compiled, push);
    if (detectors.length > 0) personalData(strings[index]!);
  }
  return drafts;
}
