import type { FindingDraft } from '../findings.js';
import { isDict, type PlistDict, type PlistValue } from './plist.js';

/** iOS checks over Info.plist, the signed entitlements and embedded.mobileprovision. Pure functions. */

export type ProfileType = 'development' | 'ad-hoc' | 'enterprise' | 'app-store';

const WEAK_TLS = new Set(['TLSv1.0', 'TLSv1.1']);

const str = (value: PlistValue | undefined): string | null => (typeof value === 'string' ? value : null);

export interface InfoPlistFacts {
  bundleId: string | null;
  version: string | null;
  build: string | null;
  executable: string | null;
  minimumOsVersion: string | null;
  urlSchemes: string[];
}

export function readInfoPlist(info: PlistDict): InfoPlistFacts {
  const urlTypes = Array.isArray(info.CFBundleURLTypes) ? info.CFBundleURLTypes : [];
  const urlSchemes = urlTypes.flatMap((type) =>
    isDict(type) && Array.isArray(type.CFBundleURLSchemes)
      ? type.CFBundleURLSchemes.filter((s): s is string => typeof s === 'string' && s.length > 0)
      : [],
  );
  return {
    bundleId: str(info.CFBundleIdentifier),
    version: str(info.CFBundleShortVersionString),
    build: str(info.CFBundleVersion),
    executable: str(info.CFBundleExecutable),
    minimumOsVersion: str(info.MinimumOSVersion),
    urlSchemes: [...new Set(urlSchemes)],
  };
}

export function infoPlistFindings(info: PlistDict, location: string): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const add = (ruleId: string, subject: string, evidence: string) =>
    drafts.push({ ruleId, location, subject, evidence });
  const ats = info.NSAppTransportSecurity;
  if (isDict(ats)) {
    for (const key of [
      'NSAllowsArbitraryLoads',
      'NSAllowsArbitraryLoadsInWebContent',
      'NSAllowsArbitraryLoadsForMedia',
    ]) {
      if (ats[key] === true) add('ios-ats-arbitrary-loads', key, `NSAppTransportSecurity.${key} = true`);
    }
    const domains = ats.NSExceptionDomains;
    if (isDict(domains)) {
      for (const [domain, settings] of Object.entries(domains)) {
        if (!isDict(settings)) continue;
        for (const prefix of ['NSException', 'NSThirdPartyException']) {
          if (settings[`${prefix}AllowsInsecureHTTPLoads`] === true)
            add(
              'ios-ats-domain-exception',
              `${domain}:insecure-http`,
              `${domain}: ${prefix}AllowsInsecureHTTPLoads = true`,
            );
          const tls = str(settings[`${prefix}MinimumTLSVersion`]);
          if (tls && WEAK_TLS.has(tls))
            add(
              'ios-ats-domain-exception',
              `${domain}:tls`,
              `${domain}: ${prefix}MinimumTLSVersion = ${tls}`,
            );
          if (settings[`${prefix}RequiresForwardSecrecy`] === false)
            add(
              'ios-ats-domain-exception',
              `${domain}:forward-secrecy`,
              `${domain}: ${prefix}RequiresForwardSecrecy = false`,
            );
        }
      }
    }
  }
  for (const scheme of readInfoPlist(info).urlSchemes) {
    add('ios-url-scheme', scheme, `CFBundleURLTypes declares the URL scheme ${scheme}://`);
  }
  return drafts;
}

/** Distribution type of a provisioning profile, by the keys Apple's tools set. */
export function profileType(profile: PlistDict): ProfileType {
  if (profile.ProvisionsAllDevices === true) return 'enterprise';
  const entitlements = isDict(profile.Entitlements) ? profile.Entitlements : null;
  if (Array.isArray(profile.ProvisionedDevices)) {
    return entitlements?.['get-task-allow'] === true ? 'development' : 'ad-hoc';
  }
  return 'app-store';
}

export function entitlementFindings(entitlements: PlistDict, location: string): FindingDraft[] {
  return entitlements['get-task-allow'] === true
    ? [
        {
          ruleId: 'ios-get-task-allow',
          location,
          subject: 'get-task-allow',
          evidence: 'entitlement get-task-allow = true',
        },
      ]
    : [];
}

export function profileFindings(type: ProfileType, profile: PlistDict, location: string): FindingDraft[] {
  if (type === 'app-store') return [];
  const name = str(profile.Name);
  const devices = Array.isArray(profile.ProvisionedDevices) ? profile.ProvisionedDevices.length : 0;
  const detail = type === 'enterprise' ? 'ProvisionsAllDevices = true' : `${devices} provisioned device(s)`;
  return [
    {
      ruleId: 'ios-provisioning-profile',
      location,
      subject: type,
      evidence: `${type} provisioning profile${name ? ` "${name}"` : ''} (${detail})`,
    },
  ];
}
