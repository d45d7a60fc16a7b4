import type { FindingDraft } from '../findings.js';
import { type AxmlElement, isTrue, plainAttribute } from './axml.js';

/**
 * The Android network security config (res/xml/…, named by application@android:networkSecurityConfig):
 * base-config, domain-config (nestable) and debug-overrides, each with trust-anchors. Its attributes are
 * plain, not in the android namespace.
 */

export interface TrustAnchor {
  src: string;
  overridePins: boolean;
}

export interface ConfigScope {
  /** "base-config", "debug-overrides", or "domain-config(example.com, …)". */
  scope: string;
  cleartextTrafficPermitted: boolean | null;
  trustAnchors: TrustAnchor[];
  pins: number;
}

export interface NetworkSecurityFacts {
  scopes: ConfigScope[];
  hasDebugOverrides: boolean;
}

function readScope(element: AxmlElement, scope: string): ConfigScope {
  const cleartext = plainAttribute(element, 'cleartextTrafficPermitted');
  const anchors = element.children.find((c) => c.name === 'trust-anchors');
  const pinSet = element.children.find((c) => c.name === 'pin-set');
  return {
    scope,
    cleartextTrafficPermitted: cleartext ? isTrue(cleartext) : null,
    trustAnchors: (anchors?.children ?? [])
      .filter((c) => c.name === 'certificates')
      .map((c) => ({
        src: plainAttribute(c, 'src')?.value ?? '',
        overridePins: isTrue(plainAttribute(c, 'overridePins')),
      })),
    pins: pinSet?.children.filter((c) => c.name === 'pin').length ?? 0,
  };
}

function domainScopes(element: AxmlElement, out: ConfigScope[], depth = 0): void {
  if (depth > 32) return;
  const domains = element.children
    .filter((c) => c.name === 'domain')
    .map((c) => c.text?.trim())
    .filter((d): d is string => Boolean(d));
  out.push(readScope(element, `domain-config(${domains.join(', ') || '?'})`));
  for (const nested of element.children.filter((c) => c.name === 'domain-config'))
    domainScopes(nested, out, depth + 1);
}

export function readNetworkSecurityConfig(root: AxmlElement): NetworkSecurityFacts {
  if (root.name !== 'network-security-config')
    throw new Error(`network security config: root element is <${root.name}>`);
  const scopes: ConfigScope[] = [];
  let hasDebugOverrides = false;
  for (const child of root.children) {
    if (child.name === 'base-config') scopes.push(readScope(child, 'base-config'));
    else if (child.name === 'domain-config') domainScopes(child, scopes);
    else if (child.name === 'debug-overrides') {
      hasDebugOverrides = true;
      scopes.push(readScope(child, 'debug-overrides'));
    }
  }
  return { scopes, hasDebugOverrides };
}

/** Findings for a network security config; `location` is its path in the APK. */
export function networkSecurityFindings(
  facts: NetworkSecurityFacts,
  location: string,
  app: { targetSdk: number | null; debuggable: boolean },
): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const add = (ruleId: string, subject: string, evidence: string) =>
    drafts.push({ ruleId, location, subject, evidence });
  const base = facts.scopes.find((s) => s.scope === 'base-config');
  for (const scope of facts.scopes) {
    if (scope.scope === 'debug-overrides') continue;
    if (scope.cleartextTrafficPermitted === true)
      add('android-nsc-cleartext', scope.scope, `<${tag(scope)} cleartextTrafficPermitted="true">`);
    for (const anchor of scope.trustAnchors) {
      if (anchor.src === 'user')
        add('android-nsc-user-certs', scope.scope, `<${tag(scope)}><trust-anchors><certificates src="user">`);
      if (anchor.overridePins)
        add(
          'android-nsc-pinning-override',
          `${scope.scope}:${anchor.src}`,
          `<${tag(scope)}><trust-anchors><certificates src="${anchor.src}" overridePins="true">`,
        );
    }
  }
  // Without an explicit value, base-config permits cleartext for apps targeting API 27 or lower.
  if ((!base || base.cleartextTrafficPermitted === null) && (app.targetSdk ?? 1) < 28) {
    add(
      'android-nsc-cleartext',
      'base-config',
      `base-config does not set cleartextTrafficPermitted and targetSdkVersion ${app.targetSdk ?? '(none)'} < 28 (defaults to true)`,
    );
  }
  if (facts.hasDebugOverrides) {
    add(
      'android-nsc-debug-overrides',
      'debug-overrides',
      app.debuggable
        ? '<debug-overrides> is present and active, because the app is debuggable'
        : '<debug-overrides> is present (active only in debuggable builds)',
    );
  }
  return drafts;
}

function tag(scope: ConfigScope): string {
  return scope.scope.startsWith('domain-config') ? 'domain-config' : scope.scope;
}
