import type { BoundedZip } from '../../../../platform/bounded-unzip.js';
import { AppScanError } from '../../apps.errors.js';
import type { Deadline } from '../binary-reader.js';
import type { FindingDraft } from '../findings.js';
import type { RulePack } from '../rule-pack.js';
import { scanStrings } from '../string-rules.js';
import { printableStrings } from '../strings.js';
import {
  entitlementFindings,
  infoPlistFindings,
  type ProfileType,
  profileFindings,
  profileType,
  readInfoPlist,
} from './ios-checks.js';
import { isMachO, mobileprovisionPlist, readMachO } from './macho.js';
import { isDict, type PlistDict, parsePlist } from './plist.js';

export interface IosAppFacts {
  platform: 'ios';
  bundleId: string | null;
  version: string | null;
  build: string | null;
  minimumOsVersion: string | null;
  executable: string | null;
  urlSchemes: string[];
  entitlementsSource: 'code-signature' | 'provisioning-profile' | null;
  provisioningProfile: ProfileType | null;
  encrypted: boolean;
  stringsScanned: number;
}

const INFO_PLIST = /^Payload\/([^/]+\.app)\/Info\.plist$/;

/** The app bundle's directory inside the IPA (Payload/Name.app/), or null when it is not an IPA. */
export function ipaBundle(names: readonly string[]): string | null {
  for (const name of names) {
    const match = INFO_PLIST.exec(name);
    if (match) return `Payload/${match[1]}/`;
  }
  return null;
}

function dictOrFail(value: unknown, name: string): PlistDict {
  if (!isDict(value as never)) throw new AppScanError('APP_SCAN_MALFORMED', `${name} is not a dictionary`);
  return value as PlistDict;
}

export async function scanIpa(
  zip: BoundedZip,
  pack: RulePack,
  deadline: Deadline,
): Promise<{ facts: IosAppFacts; drafts: FindingDraft[]; notes: string[] }> {
  const bundle = ipaBundle(zip.entries.map((e) => e.name));
  if (!bundle) throw new AppScanError('APP_SCAN_MISSING_ENTRY', 'Payload/*.app/Info.plist');
  const notes: string[] = [];
  const infoName = `${bundle}Info.plist`;
  const info = dictOrFail(parsePlist(await zip.read(infoName), infoName), infoName);
  const infoFacts = readInfoPlist(info);
  const drafts = infoPlistFindings(info, infoName);

  let profile: PlistDict | null = null;
  let provisioningProfile: ProfileType | null = null;
  const profileName = `${bundle}embedded.mobileprovision`;
  if (zip.entry(profileName)) {
    const xml = mobileprovisionPlist(await zip.read(profileName));
    if (!xml) throw new AppScanError('APP_SCAN_MALFORMED', `${profileName} holds no property list`);
    profile = dictOrFail(parsePlist(xml, profileName), profileName);
    provisioningProfile = profileType(profile);
    drafts.push(...profileFindings(provisioningProfile, profile, profileName));
  }

  let entitlementsSource: IosAppFacts['entitlementsSource'] = null;
  let encrypted = false;
  let stringsScanned = 0;
  const executableName = infoFacts.executable ? `${bundle}${infoFacts.executable}` : null;
  if (executableName && zip.entry(executableName)) {
    const binary = await zip.read(executableName);
    if (isMachO(binary)) {
      const slices = readMachO(binary, executableName);
      encrypted = slices.some((s) => s.encrypted);
      const signed = slices.find((s) => s.entitlements);
      if (signed?.entitlements) {
        const entitlements = dictOrFail(
          parsePlist(signed.entitlements, `${executableName} entitlements`),
          executableName,
        );
        entitlementsSource = 'code-signature';
        drafts.push(...entitlementFindings(entitlements, `${executableName} (code signature)`));
      }
    } else {
      notes.push(`${executableName} is not a Mach-O executable`);
    }
    if (encrypted)
      notes.push('the main executable is encrypted (App Store build): string checks see ciphertext');
    const strings = printableStrings(
      binary,
      {
        minLength: pack.document.parameters.minStringLength,
        maxLength: pack.document.parameters.maxStringLength,
      },
      deadline,
    );
    stringsScanned = strings.length;
    drafts.push(...scanStrings(strings, executableName, { pack, platform: 'ios', deadline }));
  } else {
    notes.push('the main executable named by CFBundleExecutable is not in the IPA');
  }
  if (!entitlementsSource && profile && isDict(profile.Entitlements)) {
    entitlementsSource = 'provisioning-profile';
    drafts.push(...entitlementFindings(profile.Entitlements, profileName));
  }

  return {
    facts: {
      platform: 'ios',
      bundleId: infoFacts.bundleId,
      version: infoFacts.version,
      build: infoFacts.build,
      minimumOsVersion: infoFacts.minimumOsVersion,
      executable: infoFacts.executable,
      urlSchemes: infoFacts.urlSchemes,
      entitlementsSource,
      provisioningProfile,
      encrypted,
      stringsScanned,
    },
    drafts,
    notes,
  };
}
