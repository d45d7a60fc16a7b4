import type { Locale } from '../../../platform/i18n.js';
import { buildSarifLog, SEVERITY_ORDER } from '../../../platform/sarif.js';
import type { RulePack } from './rule-pack.js';
import type { ScanResult } from './scan.js';

/** The three output forms of `jianhe app scan`: text for people, JSON (the evidence form), SARIF for CI. */

export const SCAN_FORMATS = ['text', 'json', 'sarif'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

function appLine(result: ScanResult): string {
  const app = result.app;
  if ('source' in app)
    return `MobSF report for ${app.packageName ?? app.appName ?? '?'} ${app.version ?? ''}`.trim();
  if (app.platform === 'android') {
    return `${app.packageName ?? '?'} ${app.versionName ?? ''} (versionCode ${app.versionCode ?? '?'}, minSdk ${app.minSdk ?? '?'}, targetSdk ${app.targetSdk ?? '?'}, signing ${app.signingSchemes.join('+') || 'none'})`;
  }
  return `${app.bundleId ?? '?'} ${app.version ?? ''} (build ${app.build ?? '?'}, profile ${app.provisioningProfile ?? 'none'})`;
}

export function renderText(result: ScanResult, pack: RulePack, lang: Locale): string {
  const zh = lang === 'zh-TW';
  const lines = [
    `${zh ? '檔案' : 'File'}: ${result.input.file} (${result.input.kind}, ${result.input.bytes} bytes)`,
    `SHA-256: ${result.input.sha256}`,
    `${zh ? '應用程式' : 'App'}: ${appLine(result)}`,
    `${zh ? '規則包' : 'Rule pack'}: ${result.rulePack.id}@${result.rulePack.version} (sha256 ${result.rulePack.sha256.slice(0, 16)}…)`,
    '',
  ];
  if (result.findings.length === 0) lines.push(zh ? '沒有發現。' : 'No findings.');
  for (const finding of result.findings) {
    const rule = pack.rule(finding.ruleId);
    lines.push(
      `[${finding.severity.toUpperCase()}] ${finding.ruleId} — ${rule.title[lang]}`,
      `    ${finding.location}: ${finding.evidence}`,
      `    ${finding.masvs} · ${finding.clause}`,
      `    ${zh ? '建議' : 'Fix'}: ${rule.remediation[lang]}`,
    );
  }
  for (const [ruleId, count] of Object.entries(result.omitted)) {
    lines.push(zh ? `（${ruleId} 另有 ${count} 筆未列出）` : `(${count} more ${ruleId} findings not listed)`);
  }
  for (const note of result.notes) lines.push(`${zh ? '註' : 'Note'}: ${note}`);
  const counts = SEVERITY_ORDER.map((s) => `${s} ${result.summary[s]}`).join(', ');
  lines.push('', `${zh ? '合計' : 'Total'}: ${result.summary.total} (${counts})`);
  return lines.join('\n');
}

export function renderJson(result: ScanResult): string {
  return JSON.stringify(result, null, 2);
}

/** SARIF 2.1.0 with every rule of the pack declared, so ruleIndex and help text are stable across runs. */
export function toSarif(result: ScanResult, pack: RulePack): Record<string, unknown> {
  const rules = [...pack.rules.values()].map((rule) => ({
    id: rule.id,
    name: rule.id
      .split('-')
      .map((part) => part[0]!.toUpperCase() + part.slice(1))
      .join(''),
    shortDescription: rule.title.en,
    fullDescription: rule.description.en,
    helpText: `${rule.remediation.en}\n\n${rule.title['zh-TW']}：${rule.remediation['zh-TW']}`,
    severity: rule.severity,
    tags: ['security', rule.masvs, rule.clause, ...(rule.cwe ? [rule.cwe] : [])],
    properties: {
      masvs: rule.masvs,
      guidelineClause: rule.clause,
      'title.zh-TW': rule.title['zh-TW'],
      'description.zh-TW': rule.description['zh-TW'],
    },
  }));
  return buildSarifLog([
    {
      toolName: 'jianhe-app-scan',
      toolVersion: result.tool.version,
      organization: 'Jianhe',
      rules,
      artifacts: [{ uri: result.input.file, sha256: result.input.sha256, length: result.input.bytes }],
      results: result.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: `${pack.rule(finding.ruleId).title.en}: ${finding.evidence}`,
        locations: [{ uri: result.input.file, logicalName: finding.location, logicalKind: 'module' }],
        // The app's identity, the rule, where and what: no build-specific offsets, no secret values.
        fingerprintParts: [appIdentity(result), finding.ruleId, finding.location, finding.subject],
        properties: { masvs: finding.masvs, guidelineClause: finding.clause, evidence: finding.evidence },
      })),
      invocation: {
        startTimeUtc: result.scannedAt,
        endTimeUtc: new Date(Date.parse(result.scannedAt) + result.durationMs).toISOString(),
        executionSuccessful: true,
      },
      properties: {
        rulePack: result.rulePack,
        app: result.app,
        ...(Object.keys(result.omitted).length ? { omitted: result.omitted } : {}),
        ...(result.notes.length ? { notes: result.notes } : {}),
      },
    },
  ]);
}

function appIdentity(result: ScanResult): string {
  const app = result.app;
  if ('source' in app) return `${app.platform}:${app.packageName ?? ''}`;
  return app.platform === 'android' ? `android:${app.packageName ?? ''}` : `ios:${app.bundleId ?? ''}`;
}

export function renderScan(result: ScanResult, pack: RulePack, format: ScanFormat, lang: Locale): string {
  if (format === 'json') return renderJson(result);
  if (format === 'sarif') return JSON.stringify(toSarif(result, pack), null, 2);
  return renderText(result, pack, lang);
}
