import type { BoundedZip } from '../../../../platform/bounded-unzip.js';
import { AppScanError } from '../../apps.errors.js';
import type { Deadline } from '../binary-reader.js';
import type { FindingDraft } from '../findings.js';
import type { RulePack } from '../rule-pack.js';
import { scanStrings } from '../string-rules.js';
import { dexStrings } from '../strings.js';
import { decodeResourceTable } from './arsc.js';
import { decodeAxml } from './axml.js';
import { manifestFindings, readManifest } from './manifest.js';
import { networkSecurityFindings, readNetworkSecurityConfig } from './network-security-config.js';
import { type RandomAccess, readSigning, signingFindings } from './signing.js';

export interface AndroidAppFacts {
  platform: 'android';
  packageName: string | null;
  versionName: string | null;
  versionCode: number | null;
  minSdk: number | null;
  targetSdk: number | null;
  signingSchemes: string[];
  networkSecurityConfig: string | null;
  dexFiles: string[];
  stringsScanned: number;
}

const DEX_ENTRY = /^classes\d*\.dex$/;
const V1_SIGNATURE = /^META-INF\/[^/]+\.(?:RSA|DSA|EC)$/i;

/** Every Android check over an opened APK. The archive's caps bound what is inflated. */
export async function scanApk(
  zip: BoundedZip,
  file: RandomAccess,
  pack: RulePack,
  deadline: Deadline,
): Promise<{ facts: AndroidAppFacts; drafts: FindingDraft[]; notes: string[] }> {
  const notes: string[] = [];
  const manifest = readManifest(decodeAxml(await zip.read('AndroidManifest.xml'), 'AndroidManifest.xml'));
  const drafts = manifestFindings(manifest, pack.document.parameters);

  let nscPath: string | null = null;
  if (manifest.networkSecurityConfig !== null) {
    if (!zip.entry('resources.arsc')) throw new AppScanError('APP_SCAN_MISSING_ENTRY', 'resources.arsc');
    const table = decodeResourceTable(await zip.read('resources.arsc'));
    nscPath = table.resolve(manifest.networkSecurityConfig).find((v) => zip.entry(v.value))?.value ?? null;
    if (nscPath) {
      const nsc = readNetworkSecurityConfig(decodeAxml(await zip.read(nscPath), nscPath));
      drafts.push(...networkSecurityFindings(nsc, nscPath, manifest));
    } else {
      notes.push('the network security config named by the manifest is not in the APK');
    }
  }

  // v1 needs both halves: a signature file (.SF) and its PKCS#7 block.
  const names = zip.entries.map((e) => e.name);
  const hasSf = names.some((n) => /^META-INF\/[^/]+\.SF$/i.test(n));
  const v1Blocks = hasSf
    ? await Promise.all(names.filter((n) => V1_SIGNATURE.test(n)).map((n) => zip.read(n)))
    : [];
  const signing = await readSigning(file, v1Blocks);
  drafts.push(...signingFindings(signing));

  const dexFiles = names
    .filter((n) => DEX_ENTRY.test(n))
    .sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
  const limits = {
    minLength: pack.document.parameters.minStringLength,
    maxLength: pack.document.parameters.maxStringLength,
  };
  let stringsScanned = 0;
  for (const dex of dexFiles) {
    deadline.check();
    const strings = dexStrings(await zip.read(dex), dex, limits, deadline);
    stringsScanned += strings.length;
    drafts.push(...scanStrings(strings, dex, { pack, platform: 'android', deadline }));
  }
  if (dexFiles.length === 0) notes.push('no classes.dex: the string checks had nothing to read');

  return {
    facts: {
      platform: 'android',
      packageName: manifest.packageName,
      versionName: manifest.versionName,
      versionCode: manifest.versionCode,
      minSdk: manifest.minSdk,
      targetSdk: manifest.targetSdk,
      signingSchemes: signing.schemes,
      networkSecurityConfig: nscPath,
      dexFiles,
      stringsScanned,
    },
    drafts,
    notes,
  };
}
