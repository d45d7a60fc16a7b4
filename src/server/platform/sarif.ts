import { createHash } from 'node:crypto';

/**
 * A small SARIF 2.1.0 writer shared by the checks that report to code-scanning tools (the app scanner, the
 * TLS checks). It only covers what those need: one tool per run, rules with help text, results with
 * physical and logical locations, and partialFingerprints so repeated uploads update an alert instead of
 * adding a new one. vendor/sarif/ holds the schema the tests validate against.
 */

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** True when `severity` is at `threshold` or above (critical > high > medium > low > info). */
export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}

/** SARIF levels plus the `security-severity` score code-scanning tools sort by (CVSS-like 0–10). */
export function sarifSeverity(severity: Severity): { level: SarifLevel; securitySeverity: string } {
  switch (severity) {
    case 'critical':
      return { level: 'error', securitySeverity: '9.5' };
    case 'high':
      return { level: 'error', securitySeverity: '8.0' };
    case 'medium':
      return { level: 'warning', securitySeverity: '5.5' };
    case 'low':
      return { level: 'note', securitySeverity: '3.0' };
    default:
      return { level: 'note', securitySeverity: '0.0' };
  }
}

export interface SarifRuleInput {
  id: string;
  name?: string;
  shortDescription: string;
  fullDescription?: string;
  helpText?: string;
  helpMarkdown?: string;
  helpUri?: string;
  severity: Severity;
  tags?: string[];
  properties?: Record<string, unknown>;
}

export interface SarifLocationInput {
  /** The artifact, relative to `uriBaseId` when one is given. */
  uri: string;
  uriBaseId?: string;
  /** Where in the artifact, for archives: e.g. `AndroidManifest.xml` or `classes.dex`. */
  logicalName?: string;
  logicalKind?: string;
}

export interface SarifResultInput {
  ruleId: string;
  severity: Severity;
  message: string;
  locations: SarifLocationInput[];
  /** What identifies this result across runs (never offsets that move between builds, never secrets). */
  fingerprintParts: string[];
  properties?: Record<string, unknown>;
}

export interface SarifArtifactInput {
  uri: string;
  sha256?: string;
  length?: number;
}

export interface SarifRunInput {
  toolName: string;
  toolVersion: string;
  informationUri?: string;
  organization?: string;
  rules: SarifRuleInput[];
  results: SarifResultInput[];
  artifacts?: SarifArtifactInput[];
  invocation?: { startTimeUtc: string; endTimeUtc: string; executionSuccessful: boolean };
  /** Free-form run data (rule-pack version and hash, for example). */
  properties?: Record<string, unknown>;
}

/** sha256 over the parts (NUL-separated, so ["ab","c"] and ["a","bc"] differ), hex. */
export function sarifFingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

export const FINGERPRINT_KEY = 'jianheFinding/v1';

function buildRule(rule: SarifRuleInput) {
  const { level, securitySeverity } = sarifSeverity(rule.severity);
  return {
    id: rule.id,
    ...(rule.name ? { name: rule.name } : {}),
    shortDescription: { text: rule.shortDescription },
    ...(rule.fullDescription ? { fullDescription: { text: rule.fullDescription } } : {}),
    ...(rule.helpText
      ? { help: { text: rule.helpText, ...(rule.helpMarkdown ? { markdown: rule.helpMarkdown } : {}) } }
      : {}),
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level },
    properties: {
      ...(rule.tags?.length ? { tags: rule.tags } : {}),
      'security-severity': securitySeverity,
      ...rule.properties,
    },
  };
}

function buildLocation(location: SarifLocationInput) {
  return {
    physicalLocation: {
      artifactLocation: {
        uri: location.uri,
        ...(location.uriBaseId ? { uriBaseId: location.uriBaseId } : {}),
      },
    },
    ...(location.logicalName
      ? {
          logicalLocations: [
            {
              fullyQualifiedName: location.logicalName,
              ...(location.logicalKind ? { kind: location.logicalKind } : {}),
            },
          ],
        }
      : {}),
  };
}

/** Builds a SARIF 2.1.0 log. Throws when a result names a rule the run does not declare. */
export function buildSarifLog(runs: SarifRunInput[]): Record<string, unknown> {
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: runs.map((run) => {
      const ruleIndex = new Map(run.rules.map((rule, index) => [rule.id, index]));
      return {
        tool: {
          driver: {
            name: run.toolName,
            version: run.toolVersion,
            semanticVersion: run.toolVersion,
            ...(run.informationUri ? { informationUri: run.informationUri } : {}),
            ...(run.organization ? { organization: run.organization } : {}),
            rules: run.rules.map(buildRule),
          },
        },
        ...(run.invocation ? { invocations: [run.invocation] } : {}),
        ...(run.artifacts
          ? {
              artifacts: run.artifacts.map((artifact) => ({
                location: { uri: artifact.uri },
                ...(artifact.length !== undefined ? { length: artifact.length } : {}),
                ...(artifact.sha256 ? { hashes: { 'sha-256': artifact.sha256 } } : {}),
              })),
            }
          : {}),
        results: run.results.map((result) => {
          const index = ruleIndex.get(result.ruleId);
          if (index === undefined) throw new Error(`SARIF result names undeclared rule ${result.ruleId}`);
          return {
            ruleId: result.ruleId,
            ruleIndex: index,
            level: sarifSeverity(result.severity).level,
            message: { text: result.message },
            locations: result.locations.map(buildLocation),
            partialFingerprints: { [FINGERPRINT_KEY]: sarifFingerprint(result.fingerprintParts) },
            ...(result.properties ? { properties: result.properties } : {}),
          };
        }),
        columnKind: 'utf16CodeUnits',
        ...(run.properties ? { properties: run.properties } : {}),
      };
    }),
  };
}
