/** The test IPAs (see app-fixtures.ts for how the fixtures are built and checked). */
import { buildBinary, type PlistValue } from 'plist';
import { type RawZipEntry, storedEntry, writeZip } from '../../src/server/platform/zip-writer.js';
import { buildMachO, buildMobileprovision, xmlPlist } from './ios-binary.js';
import { deflatedEntry, PLANTED } from './planted.js';

function ipa(app: string, info: Buffer, executable: Buffer, profile?: Buffer): Buffer {
  const dir = `Payload/${app}.app/`;
  const entries: RawZipEntry[] = [
    storedEntry('Payload/', Buffer.alloc(0)),
    storedEntry(dir, Buffer.alloc(0)),
    deflatedEntry(`${dir}Info.plist`, info),
    deflatedEntry(`${dir}${app}`, executable),
    deflatedEntry(`${dir}_CodeSignature/CodeResources`, xmlPlist({ files: {} })),
  ];
  if (profile) entries.push(storedEntry(`${dir}embedded.mobileprovision`, profile));
  return writeZip(entries);
}

export function insecureIpa(): Buffer {
  const info: PlistValue = {
    CFBundleIdentifier: 'com.example.insecure',
    CFBundleExecutable: 'Insecure',
    CFBundleShortVersionString: '3.2.1',
    CFBundleVersion: '321',
    MinimumOSVersion: '13.0',
    CFBundleURLTypes: [{ CFBundleURLName: 'com.example.insecure', CFBundleURLSchemes: ['insecurebroker'] }],
    NSAppTransportSecurity: {
      NSAllowsArbitraryLoads: true,
      NSExceptionDomains: {
        'legacy.example.com': {
          NSIncludesSubdomains: true,
          NSExceptionAllowsInsecureHTTPLoads: true,
          NSExceptionMinimumTLSVersion: 'TLSv1.0',
          NSExceptionRequiresForwardSecrecy: false,
        },
      },
    },
  };
  const entitlements = {
    'application-identifier': 'ABCDE12345.com.example.insecure',
    'get-task-allow': true,
  };
  const executable = buildMachO({
    strings: [
      '/usr/lib/libSystem.B.dylib',
      'https://api.example.com.tw/v1',
      PLANTED.aws,
      PLANTED.jwt,
      PLANTED.http,
      `身分證字號${PLANTED.nationalId}`,
    ],
    entitlements,
  });
  const profile = buildMobileprovision({
    Name: 'Insecure Development',
    TeamIdentifier: ['ABCDE12345'],
    ProvisionedDevices: ['00008030-001A2B3C4D5E6F70'],
    Entitlements: entitlements,
  });
  return ipa('Insecure', Buffer.from(buildBinary(info)), executable, profile);
}

export function cleanIpa(): Buffer {
  const info = xmlPlist({
    CFBundleIdentifier: 'com.example.clean',
    CFBundleExecutable: 'Clean',
    CFBundleShortVersionString: '3.2.1',
    CFBundleVersion: '321',
    MinimumOSVersion: '15.0',
    NSAppTransportSecurity: { NSAllowsLocalNetworking: true },
  });
  const executable = buildMachO({
    strings: [
      '/usr/lib/libSystem.B.dylib',
      'https://api.example.com.tw/v1',
      'http://www.apple.com/DTDs/PropertyList-1.0.dtd',
      'A12****789',
    ],
    entitlements: { 'application-identifier': 'ABCDE12345.com.example.clean', 'get-task-allow': false },
  });
  return ipa('Clean', info, executable);
}
