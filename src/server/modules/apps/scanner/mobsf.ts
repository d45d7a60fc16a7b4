import { readFile } from 'node:fs/promises';
import type { Severity } from '../../../platform/sarif.js';
import { AppScanError } from '../apps.errors.js';
import type { FindingDraft } from './findings.js';
import { MASVS_CONTROLS, type RuleDefinition, type RulePack } from './rule-pack.js';
import { type Platform, scanStrings } from './string-rules.js';

/**
 * MobSF static-analysis JSON reports mapped onto the same rules and evidence form as our own scan, so a
 * firm that already runs MobSF files the same kind of result. MobSF's rule keys are matched first (the
 * rule pack lists them per rule), then its titles and descriptions; what matches nothing is kept as
 * `mobsf-other` with MobSF's own severity. Secrets and URLs MobSF lists go through our string rules.
 */

export interface MobsfFacts {
  platform: Platform;
  source: 'MobSF';
  mobsfVersion: string | null;
  appName: string | null;
  packageName: string | null;
  version: string | null;
  /** The app file MobSF scanned, as its report names it. */
  scannedFile: { name: string | null; sha256: string | null };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const MAX_REPORT_BYTES = 256 * 1024 * 1024;
const LOCATION = 'MobSF report';

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: Json | undefined): string => (typeof value === 'string' ? value : '');
const plain = (value: string) =>
  value
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** MobSF severity words → ours; null for items MobSF marks as good practice. */
function mobsfSeverity(value: string): Severity | null {
  switch (value.toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'dangerous':
      return 'high';
    case 'warning':
    case 'medium':
      return 'medium';
    case 'hotspot':
    case 'low':
      return 'low';
    case 'secure':
    case 'good':
      return null;
    default:
      return 'info';
  }
}

/** MobSF ≥ 4 names MASVS v2 controls (MASVS-STORAGE-2); older reports use v1 numbers, which are ignored. */
function masvsOf(metadata: JsonObject | undefined): string | undefined {
  const value = text(metadata?.masvs).toUpperCase();
  return (MASVS_CONTROLS as readonly string[]).includes(value) ? value : undefined;
}

export async function importMobsfReport(
  file: string,
  size: number,
  pack: RulePack,
  limits: { maxFileBytes: number },
): Promise<{ facts: MobsfFacts; drafts: FindingDraft[]; notes: string[] }> {
  if (size > Math.min(MAX_REPORT_BYTES, limits.maxFileBytes))
    throw new AppScanError('APP_SCAN_LIMIT', `the report has ${size} bytes`);
  let report: Json;
  try {
    report = JSON.parse(await readFile(file, 'utf8')) as Json;
  } catch (error) {
    throw new AppScanError('APP_SCAN_MOBSF_INVALID', `not JSON: ${(error as Error).message}`);
  }
  return mapMobsfReport(report, pack);
}

export function mapMobsfReport(
  report: Json,
  pack: RulePack,
): { facts: MobsfFacts; drafts: FindingDraft[]; notes: string[] } {
  if (!isObject(report)) throw new AppScanError('APP_SCAN_MOBSF_INVALID', 'the report is not a JSON object');
  const android = 'manifest_analysis' in report || 'package_name' in report;
  const ios = 'ats_analysis' in report || 'bundle_id' in report;
  if (!android && !ios)
    throw new AppScanError(
      'APP_SCAN_MOBSF_INVALID',
      'no manifest_analysis, ats_analysis, package_name or bundle_id',
    );
  const platform: Platform = android ? 'android' : 'ios';
  const rules = [...pack.rules.values()].filter((r) => r.platform === 'any' || r.platform === platform);
  const byKey = new Map<string, RuleDefinition>();
  for (const rule of rules) for (const key of rule.mobsf?.rules ?? []) byKey.set(key, rule);
  const byText = rules
    .filter((r) => r.mobsf?.text?.length)
    .map((rule) => ({ rule, patterns: rule.mobsf!.text!.map((t) => new RegExp(t, 'i')) }));
  const drafts: FindingDraft[] = [];

  const add = (
    key: string,
    title: string,
    description: string,
    severity: string,
    subject: string,
    masvs?: string,
  ) => {
    const mapped = mobsfSeverity(severity);
    if (mapped === null) return;
    const haystack = plain(`${title} ${description}`);
    const rule = byKey.get(key) ?? byText.find((t) => t.patterns.some((p) => p.test(haystack)))?.rule;
    const shown = title && title !== key ? title : description || title;
    const evidence = `MobSF${key ? ` ${key}` : ''}: ${plain(shown).slice(0, 300)}`;
    if (rule) drafts.push({ ruleId: rule.id, location: LOCATION, subject, evidence });
    else
      drafts.push({
        ruleId: 'mobsf-other',
        location: LOCATION,
        subject,
        evidence,
        severity: mapped,
        ...(masvs ? { masvs } : {}),
      });
  };

  const manifest = report.manifest_analysis;
  const manifestFindings = Array.isArray(manifest)
    ? manifest
    : isObject(manifest)
      ? manifest.manifest_findings
      : [];
  for (const item of Array.isArray(manifestFindings) ? manifestFindings : []) {
    if (!isObject(item)) continue;
    const component = Array.isArray(item.component)
      ? item.component.map(text).join(' ')
      : text(item.component);
    const key = text(item.rule);
    add(
      key,
      text(item.title),
      text(item.description),
      text(item.severity),
      `${key || 'manifest'}:${component || plain(text(item.title))}`,
    );
  }

  const network = report.network_security;
  const networkFindings = Array.isArray(network)
    ? network
    : isObject(network)
      ? network.network_findings
      : [];
  for (const item of Array.isArray(networkFindings) ? networkFindings : []) {
    if (!isObject(item)) continue;
    const scope = Array.isArray(item.scope) ? item.scope.map(text).join(', ') : text(item.scope);
    add(
      '',
      '',
      text(item.description),
      text(item.severity),
      `network:${scope || '*'}:${plain(text(item.description)).slice(0, 80)}`,
    );
  }

  const certificate = isObject(report.certificate_analysis)
    ? report.certificate_analysis.certificate_findings
    : [];
  for (const item of Array.isArray(certificate) ? certificate : []) {
    if (Array.isArray(item))
      add('', text(item[2]), text(item[1]), text(item[0]), `certificate:${text(item[2])}`);
  }

  const ats = isObject(report.ats_analysis) ? report.ats_analysis.ats_findings : report.ats_analysis;
  for (const item of Array.isArray(ats) ? ats : []) {
    if (isObject(item))
      add('', text(item.issue), text(item.description), text(item.severity), `ats:${text(item.issue)}`);
  }

  for (const section of ['code_analysis', 'binary_analysis'] as const) {
    const value = report[section];
    const findings =
      isObject(value) && isObject(value.findings) ? value.findings : isObject(value) ? value : {};
    for (const [key, item] of Object.entries(findings)) {
      if (!isObject(item)) continue;
      const metadata = isObject(item.metadata) ? item.metadata : item;
      const severity = text(metadata.severity) || text(item.level);
      add(
        key,
        text(metadata.title) || key,
        text(metadata.description),
        severity,
        `${section}:${key}`,
        masvsOf(metadata),
      );
    }
  }

  const urlTypes = report.bundle_url_types;
  for (const type of Array.isArray(urlTypes) ? urlTypes : []) {
    const schemes = isObject(type) && Array.isArray(type.CFBundleURLSchemes) ? type.CFBundleURLSchemes : [];
    for (const scheme of schemes.map(text).filter(Boolean))
      drafts.push({
        ruleId: 'ios-url-scheme',
        location: LOCATION,
        subject: scheme,
        evidence: `URL scheme ${scheme}://`,
      });
  }

  // Secrets and URLs MobSF extracted: our own rules decide, and mask, what they are.
  const strings: string[] = [];
  for (const key of ['secrets', 'possible_secrets', 'firebase_urls']) {
    const list = report[key];
    if (Array.isArray(list)) strings.push(...list.map((s) => (isObject(s) ? JSON.stringify(s) : text(s))));
  }
  const urls = report.urls;
  for (const entry of Array.isArray(urls) ? urls : []) {
    if (isObject(entry) && Array.isArray(entry.urls)) strings.push(...entry.urls.map(text));
    else strings.push(text(entry));
  }
  drafts.push(...scanStrings(strings.filter(Boolean), LOCATION, { pack, platform }));

  // MobSF's own minimum-SDK threshold differs from the rule pack's: recompute from the reported minSdk.
  const minSdk = Number.parseInt(text(report.min_sdk), 10);
  const threshold = pack.document.parameters.minSdk;
  const gated = Number.isFinite(minSdk) ? drafts.filter((d) => d.ruleId !== 'android-min-sdk') : drafts;
  if (platform === 'android' && Number.isFinite(minSdk) && minSdk < threshold)
    gated.push({
      ruleId: 'android-min-sdk',
      location: LOCATION,
      subject: 'uses-sdk',
      evidence: `minSdkVersion ${minSdk} < ${threshold}`,
    });

  return {
    facts: {
      platform,
      source: 'MobSF',
      mobsfVersion: text(report.version) || text(report.mobsf_version) || null,
      appName: text(report.app_name) || null,
      packageName: text(report.package_name) || text(report.bundle_id) || null,
      version: text(report.version_name) || text(report.app_version) || null,
      scannedFile: { name: text(report.file_name) || null, sha256: text(report.sha256) || null },
    },
    drafts: gated,
    notes: ['imported from a MobSF report: findings are MobSF’s, mapped to this rule pack'],
  };
}
