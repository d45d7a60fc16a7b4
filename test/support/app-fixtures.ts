/**
 * The test APKs and IPAs, built from our own encoders (no aapt, apksigner or Xcode needed).
 * scripts/build-app-fixtures.ts writes them to test/fixtures/apps/; a test rebuilds them and compares,
 * so the committed files and this description never drift apart.
 *
 * Signing structures are synthetic: the v1 PKCS#7 block and the v2/v3 signer blocks have the real layout
 * and carry a DER certificate subject (CN=Android Debug or CN=Example Release), but no valid signature.
 * The scanner reports which schemes are present; it does not verify signatures.
 */
import { type RawZipEntry, storedEntry, writeZip } from '../../src/server/platform/zip-writer.js';
import {
  a,
  bool,
  encodeAxml,
  encodeDex,
  encodeResourceTable,
  int,
  p,
  ref,
  str,
  type XmlNode,
} from './android-binary.js';
import { cleanIpa, insecureIpa } from './ipa-fixtures.js';
import { deflatedEntry, PLANTED } from './planted.js';

export { deflatedEntry, PLANTED };

/** A DER fragment naming the subject CN, as a certificate's subject and issuer would. */
export function certificateWithSubject(commonName: string): Buffer {
  const cn = Buffer.from(commonName, 'utf8');
  const atv = Buffer.concat([Buffer.from([0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, cn.length]), cn]);
  const rdn = Buffer.concat([Buffer.from([0x31, atv.length + 2, 0x30, atv.length]), atv]);
  const name = Buffer.concat([Buffer.from([0x30, rdn.length]), rdn]);
  const tbs = Buffer.concat([Buffer.from([0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01]), name, name]);
  return Buffer.concat([Buffer.from([0x30, 0x82, tbs.length >> 8, tbs.length & 0xff]), tbs]);
}

const u32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
};
const u64 = (v: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(v));
  return b;
};
const lp = (b: Buffer) => Buffer.concat([u32(b.length), b]);

/** A v2/v3 scheme value: one signer whose signed data lists one certificate. */
function schemeBlock(certificate: Buffer, v3: boolean): Buffer {
  const signedData = Buffer.concat([
    lp(Buffer.alloc(0)),
    lp(lp(certificate)),
    ...(v3 ? [u32(24), u32(0x7fffffff)] : []),
    lp(Buffer.alloc(0)),
  ]);
  const signer = Buffer.concat([
    lp(signedData),
    ...(v3 ? [u32(24), u32(0x7fffffff)] : []),
    lp(Buffer.alloc(0)),
    lp(Buffer.alloc(0)),
  ]);
  return lp(lp(signer));
}

/** Inserts an APK Signing Block before the central directory and moves the directory offset. */
export function withSigningBlock(zip: Buffer, pairs: Array<[number, Buffer]>): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cd = zip.readUInt32LE(eocd + 16);
  const body = Buffer.concat(
    pairs.map(([id, value]) => Buffer.concat([u64(value.length + 4), u32(id), value])),
  );
  const size = body.length + 24;
  const block = Buffer.concat([u64(size), body, u64(size), Buffer.from('APK Sig Block 42', 'latin1')]);
  const out = Buffer.concat([zip.subarray(0, cd), block, zip.subarray(cd)]);
  out.writeUInt32LE(cd + block.length, eocd + block.length + 16);
  return out;
}

export type Signing = 'none' | 'v1-debug' | 'v2v3-release';

export interface ApkSpec {
  manifest: XmlNode;
  nsc?: XmlNode;
  dex: string[][];
  signing: Signing;
}

export function buildApk(spec: ApkSpec): Buffer {
  const entries: RawZipEntry[] = [deflatedEntry('AndroidManifest.xml', encodeAxml(spec.manifest))];
  if (spec.nsc) {
    entries.push(
      storedEntry(
        'resources.arsc',
        encodeResourceTable('xml', [
          { key: 'network_security_config', value: 'res/xml/network_security_config.xml' },
        ]),
      ),
      deflatedEntry('res/xml/network_security_config.xml', encodeAxml(spec.nsc)),
    );
  }
  for (const [i, strings] of spec.dex.entries()) {
    entries.push(deflatedEntry(i === 0 ? 'classes.dex' : `classes${i + 1}.dex`, encodeDex(strings)));
  }
  if (spec.signing === 'v1-debug') {
    entries.push(
      deflatedEntry(
        'META-INF/MANIFEST.MF',
        Buffer.from('Manifest-Version: 1.0\r\nCreated-By: jianhe fixtures\r\n\r\n'),
      ),
      deflatedEntry(
        'META-INF/CERT.SF',
        Buffer.from('Signature-Version: 1.0\r\nSHA-256-Digest-Manifest: AAAA\r\n\r\n'),
      ),
      // PKCS#7 SignedData OID, then the certificate, as a JAR signature block carries it.
      storedEntry(
        'META-INF/CERT.RSA',
        Buffer.concat([
          Buffer.from([0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]),
          certificateWithSubject('Android Debug'),
        ]),
      ),
    );
  }
  const zip = writeZip(entries);
  if (spec.signing !== 'v2v3-release') return zip;
  const release = certificateWithSubject('Example Release');
  return withSigningBlock(zip, [
    [0x7109871a, schemeBlock(release, false)],
    [0xf05368c0, schemeBlock(release, true)],
    [0x42726577, Buffer.alloc(64)],
  ]);
}

const MAIN = 'android.intent.action.MAIN';
const LAUNCHER = 'android.intent.category.LAUNCHER';
const launcherActivity: XmlNode = {
  name: 'activity',
  attrs: [a('name', str('.MainActivity')), a('exported', bool(true))],
  children: [
    {
      name: 'intent-filter',
      children: [
        { name: 'action', attrs: [a('name', str(MAIN))] },
        { name: 'category', attrs: [a('name', str(LAUNCHER))] },
      ],
    },
  ],
};

function manifest(pkg: string, sdk: [number, number], app: XmlNode['attrs'], components: XmlNode[]): XmlNode {
  return {
    name: 'manifest',
    attrs: [p('package', str(pkg)), a('versionCode', int(321)), a('versionName', str('3.2.1'))],
    children: [
      { name: 'uses-sdk', attrs: [a('minSdkVersion', int(sdk[0])), a('targetSdkVersion', int(sdk[1]))] },
      { name: 'application', attrs: app, children: [launcherActivity, ...components] },
    ],
  };
}

/** Benign strings every fixture DEX carries, including ones the rules must not report. */
const ORDINARY_STRINGS = [
  'Lcom/example/app/MainActivity;',
  'onCreate',
  'https://api.example.com.tw/v1/quotes',
  'http://schemas.android.com/apk/res/android',
  'http://www.w3.org/2001/XMLSchema-instance',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a build-time placeholder the rules must ignore
  'password=${PASSWORD}',
  'A12****789',
  'service@example.com.tw',
  'pk_live_0000000000000000000000000000',
  'Order 1234-5678-9012',
];

export function insecureApk(): Buffer {
  return buildApk({
    manifest: manifest(
      'com.example.insecure',
      [21, 27],
      [
        a('debuggable', bool(true)),
        a('allowBackup', bool(true)),
        a('usesCleartextTraffic', bool(true)),
        a('testOnly', bool(true)),
        a('networkSecurityConfig', ref(0x7f010000)),
      ],
      [
        { name: 'activity', attrs: [a('name', str('.DeepLinkActivity')), a('exported', bool(true))] },
        {
          name: 'service',
          attrs: [a('name', str('.SyncService'))],
          children: [
            {
              name: 'intent-filter',
              children: [{ name: 'action', attrs: [a('name', str('com.example.SYNC'))] }],
            },
          ],
        },
        { name: 'receiver', attrs: [a('name', str('.PrivateReceiver')), a('exported', bool(false))] },
        {
          name: 'provider',
          attrs: [
            a('name', str('.GuardedProvider')),
            a('exported', bool(true)),
            a('permission', str('com.example.READ')),
          ],
        },
        { name: 'provider', attrs: [a('name', str('.OpenProvider')), a('exported', bool(true))] },
      ],
    ),
    nsc: {
      name: 'network-security-config',
      children: [
        {
          name: 'base-config',
          attrs: [p('cleartextTrafficPermitted', bool(true))],
          children: [
            {
              name: 'trust-anchors',
              children: [
                { name: 'certificates', attrs: [p('src', str('system'))] },
                { name: 'certificates', attrs: [p('src', str('user')), p('overridePins', bool(true))] },
              ],
            },
          ],
        },
        {
          name: 'domain-config',
          attrs: [p('cleartextTrafficPermitted', bool(true))],
          children: [
            { name: 'domain', attrs: [p('includeSubdomains', bool(true))], text: 'legacy.example.com' },
          ],
        },
        {
          name: 'debug-overrides',
          children: [
            { name: 'trust-anchors', children: [{ name: 'certificates', attrs: [p('src', str('user'))] }] },
          ],
        },
      ],
    },
    dex: [
      [
        ...ORDINARY_STRINGS,
        PLANTED.aws,
        PLANTED.google,
        PLANTED.privateKey,
        PLANTED.azure,
        PLANTED.alibaba,
        PLANTED.github,
      ],
      [
        PLANTED.slack,
        PLANTED.stripe,
        PLANTED.fcm,
        PLANTED.jwt,
        PLANTED.urlCredentials,
        PLANTED.generic,
        PLANTED.http,
        `客戶身分證字號${PLANTED.nationalId}`,
        `居留證${PLANTED.residentPermit}`,
        `test card ${PLANTED.card}`,
        `聯絡手機${PLANTED.phone}`,
        PLANTED.email,
      ],
    ],
    signing: 'v1-debug',
  });
}

const CLEAN_NSC: XmlNode = {
  name: 'network-security-config',
  children: [
    {
      name: 'base-config',
      attrs: [p('cleartextTrafficPermitted', bool(false))],
      children: [
        { name: 'trust-anchors', children: [{ name: 'certificates', attrs: [p('src', str('system'))] }] },
      ],
    },
    {
      name: 'domain-config',
      children: [
        { name: 'domain', attrs: [p('includeSubdomains', bool(true))], text: 'api.example.com.tw' },
        {
          name: 'pin-set',
          children: [
            {
              name: 'pin',
              attrs: [p('digest', str('SHA-256'))],
              text: 'r/mIkG3eEpVdm+u/ko/cwxzOMo1bk4TyHIlByibiA5E=',
            },
          ],
        },
      ],
    },
  ],
};

function releaseManifest(pkg: string, app: XmlNode['attrs']): XmlNode {
  return manifest(
    pkg,
    [28, 34],
    [a('allowBackup', bool(false)), a('networkSecurityConfig', ref(0x7f010000)), ...(app ?? [])],
    [
      { name: 'activity', attrs: [a('name', str('.SettingsActivity')), a('exported', bool(false))] },
      {
        name: 'service',
        attrs: [
          a('name', str('.PushService')),
          a('exported', bool(true)),
          a('permission', str('com.example.PUSH')),
        ],
      },
      { name: 'provider', attrs: [a('name', str('.FileProvider')), a('exported', bool(false))] },
    ],
  );
}

export function cleanApk(): Buffer {
  return buildApk({
    manifest: releaseManifest('com.example.clean', []),
    nsc: CLEAN_NSC,
    dex: [ORDINARY_STRINGS],
    signing: 'v2v3-release',
  });
}

/** The clean app with one change: android:debuggable="true". */
export function debuggableApk(): Buffer {
  return buildApk({
    manifest: releaseManifest('com.example.debuggable', [a('debuggable', bool(true))]),
    nsc: CLEAN_NSC,
    dex: [ORDINARY_STRINGS],
    signing: 'v2v3-release',
  });
}

/** The clean app, unsigned. */
export function unsignedApk(): Buffer {
  return buildApk({
    manifest: releaseManifest('com.example.unsigned', []),
    nsc: CLEAN_NSC,
    dex: [ORDINARY_STRINGS],
    signing: 'none',
  });
}

export const APP_FIXTURES = {
  'insecure.apk': insecureApk,
  'clean.apk': cleanApk,
  'debuggable.apk': debuggableApk,
  'unsigned.apk': unsignedApk,
  'insecure.ipa': insecureIpa,
  'clean.ipa': cleanIpa,
} as const;
