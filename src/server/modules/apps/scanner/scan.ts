import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_VERSION } from '../../../config/version.js';
import { type BoundedZip, withZip, ZipError } from '../../../platform/bounded-unzip.js';
import { SEVERITY_ORDER, type Severity, severityAtLeast } from '../../../platform/sarif.js';
import { AppScanError } from '../apps.errors.js';
import { type AndroidAppFacts, scanApk } from './android/apk.js';
import type { RandomAccess } from './android/signing.js';
import { Deadline, MalformedInputError, ScanLimitError } from './binary-reader.js';
import { capPerRule, type Finding, type FindingDraft } from './findings.js';
import { type IosAppFacts, ipaBundle, scanIpa } from './ios/ipa.js';
import { importMobsfReport, type MobsfFacts } from './mobsf.js';
import type { RulePack } from './rule-pack.js';

/**
 * `jianhe app scan`: reads an APK, an IPA or a MobSF JSON report and returns the evidence form. Pure but
 * for reading the one file it is given: no database, no network.
 */

export interface ScanLimits {
  /** Largest input file. */
  maxFileBytes: number;
  maxEntries: number;
  /** Most real bytes one archive entry may inflate to. */
  maxEntryBytes: number;
  /** Most real bytes all entries read may inflate to together. */
  maxTotalBytes: number;
  timeMs: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxEntries: 200_000,
  maxEntryBytes: 512 * 1024 ** 2,
  maxTotalBytes: 2 * 1024 ** 3,
  timeMs: 300_000,
};

export const SCAN_RESULT_SCHEMA = 'urn:jianhe:app-scan:v1';

export type AppFacts = AndroidAppFacts | IosAppFacts | MobsfFacts;

export interface ScanResult {
  schema: typeof SCAN_RESULT_SCHEMA;
  tool: { name: 'jianhe'; version: string };
  rulePack: { id: string; version: string; sha256: string };
  scannedAt: string;
  durationMs: number;
  input: { file: string; kind: 'apk' | 'ipa' | 'mobsf-report'; bytes: number; sha256: string };
  app: AppFacts;
  summary: Record<Severity, number> & { total: number };
  findings: Finding[];
  /** Findings left out per rule beyond the rule pack's maxFindingsPerRule. */
  omitted: Record<string, number>;
  notes: string[];
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function headBytes(file: string, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Turns the parsers' and the archive's failures into one error type with a stable code. */
function asScanError(error: unknown): unknown {
  if (error instanceof AppScanError || error instanceof ZipError) return error;
  if (error instanceof MalformedInputError) return new AppScanError('APP_SCAN_MALFORMED', error.message);
  if (error instanceof ScanLimitError) return new AppScanError('APP_SCAN_LIMIT', error.message);
  if (error instanceof RangeError) return new AppScanError('APP_SCAN_MALFORMED', error.message);
  return error;
}

/** Applies the rule pack to the drafts: severity, MASVS control and clause, sorted most severe first. */
export function resolveFindings(
  drafts: FindingDraft[],
  pack: RulePack,
): { findings: Finding[]; omitted: Record<string, number> } {
  const { kept, dropped } = capPerRule(drafts, pack.document.parameters.maxFindingsPerRule);
  const findings = kept.map((draft): Finding => {
    const rule = pack.rule(draft.ruleId);
    return {
      ruleId: draft.ruleId,
      severity: draft.severity ?? rule.severity,
      masvs: draft.masvs ?? rule.masvs,
      clause: rule.clause,
      location: draft.location,
      subject: draft.subject,
      evidence: draft.evidence,
    };
  });
  findings.sort(
    (x, y) =>
      SEVERITY_ORDER.indexOf(x.severity) - SEVERITY_ORDER.indexOf(y.severity) ||
      x.ruleId.localeCompare(y.ruleId) ||
      x.location.localeCompare(y.location) ||
      x.subject.localeCompare(y.subject),
  );
  return { findings, omitted: dropped };
}

export function summarize(findings: Finding[]): ScanResult['summary'] {
  const summary = { critical: 0, high: 0, medium: 0, low: 0, info: 0, total: findings.length };
  for (const finding of findings) summary[finding.severity]++;
  return summary;
}

export interface ScanOptions {
  pack: RulePack;
  limits?: Partial<ScanLimits>;
  /** Force the input kind instead of detecting it (`--mobsf`). */
  kind?: 'mobsf-report';
  now?: () => Date;
}

async function scanArchive(
  file: string,
  size: number,
  limits: ScanLimits,
  pack: RulePack,
  deadline: Deadline,
) {
  const zipLimits = {
    maxEntries: limits.maxEntries,
    maxEntryBytes: limits.maxEntryBytes,
    maxTotalBytes: limits.maxTotalBytes,
  };
  return withZip({ path: file }, zipLimits, async (zip: BoundedZip) => {
    if (zip.entry('AndroidManifest.xml')) {
      const handle = await open(file, 'r');
      try {
        const access: RandomAccess = {
          size,
          read: async (position, length) => {
            const buffer = Buffer.alloc(length);
            const { bytesRead } = await handle.read(buffer, 0, length, position);
            return buffer.subarray(0, bytesRead);
          },
        };
        return { kind: 'apk' as const, ...(await scanApk(zip, access, pack, deadline)) };
      } finally {
        await handle.close();
      }
    }
    if (ipaBundle(zip.entries.map((e) => e.name)))
      return { kind: 'ipa' as const, ...(await scanIpa(zip, pack, deadline)) };
    throw new AppScanError(
      'APP_SCAN_UNSUPPORTED_FILE',
      'a ZIP archive without AndroidManifest.xml or Payload/*.app/Info.plist',
    );
  });
}

export async function scanFile(file: string, options: ScanOptions): Promise<ScanResult> {
  const limits = { ...DEFAULT_SCAN_LIMITS, ...options.limits };
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const scannedAt = now().toISOString();
  const info = await stat(file);
  if (!info.isFile()) throw new AppScanError('APP_SCAN_UNSUPPORTED_FILE', `${file} is not a regular file`);
  if (info.size > limits.maxFileBytes)
    throw new AppScanError(
      'APP_SCAN_LIMIT',
      `the file has ${info.size} bytes; at most ${limits.maxFileBytes} are scanned`,
    );
  const deadline = new Deadline(limits.timeMs);
  const head = await headBytes(file, 4);
  const looksJson = /^\s*[{[]/.test(head.toString('latin1'));
  let outcome: {
    kind: ScanResult['input']['kind'];
    facts: AppFacts;
    drafts: FindingDraft[];
    notes: string[];
  };
  try {
    if (options.kind === 'mobsf-report' || looksJson) {
      outcome = { kind: 'mobsf-report', ...(await importMobsfReport(file, info.size, options.pack, limits)) };
    } else if (head.length < 4) {
      throw new AppScanError('APP_SCAN_MALFORMED', `the file has only ${head.length} bytes`);
    } else if (head.readUInt32LE(0) !== 0x04034b50) {
      throw new AppScanError(
        'APP_SCAN_UNSUPPORTED_FILE',
        'the file does not start with a ZIP header (wrong magic)',
      );
    } else {
      outcome = await scanArchive(file, info.size, limits, options.pack, deadline);
    }
  } catch (error) {
    throw asScanError(error);
  }
  const { findings, omitted } = resolveFindings(outcome.drafts, options.pack);
  return {
    schema: SCAN_RESULT_SCHEMA,
    tool: { name: 'jianhe', version: APP_VERSION },
    rulePack: {
      id: options.pack.document.id,
      version: options.pack.document.version,
      sha256: options.pack.sha256,
    },
    scannedAt,
    durationMs: Math.round(performance.now() - started),
    input: {
      file: path.basename(file),
      kind: outcome.kind,
      bytes: info.size,
      sha256: await sha256File(file),
    },
    app: outcome.facts,
    summary: summarize(findings),
    findings,
    omitted,
    notes: outcome.notes,
  };
}

/** The gate: true when any finding is at `threshold` or above (`none` never fails). */
export function gateFails(result: Pick<ScanResult, 'findings'>, threshold: Severity | 'none'): boolean {
  if (threshold === 'none') return false;
  return result.findings.some((finding) => severityAtLeast(finding.severity, threshold));
}
