/** Shared by the APK and IPA fixture builders: the planted secrets and personal data, and a deflated entry. */
import { crc32, deflateRawSync } from 'node:zlib';
import type { RawZipEntry } from '../../src/server/platform/zip-writer.js';

export function deflatedEntry(name: string, content: Buffer): RawZipEntry {
  return {
    name,
    method: 8,
    data: deflateRawSync(content),
    crc32: crc32(content),
    uncompressedSize: content.length,
  };
}

/** Values for every string rule; built at run time so no complete token sits in the source. */
export const PLANTED = {
  aws: ['AKIA', 'Q3EXAMPLE7JIANHE'].join(''),
  google: `AIza${'SyD-jianhe_fixture_key_0123456789ab'}`,
  privateKey:
    '-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----',
  azure: `DefaultEndpointsProtocol=https;AccountName=jianhefixture;AccountKey=${'A'.repeat(43)}${'b'.repeat(43)}==;EndpointSuffix=core.windows.net`,
  alibaba: ['LTAI', '5tJianheFixture9Q'].join(''),
  github: ['ghp', '_', 'JianheFixtureToken0123456789abcdefAB'].join(''),
  slack: ['xoxb', '-1234567890-0987654321-', 'JianheFixtureSlackTok'].join(''),
  stripe: ['sk', '_live_', 'JianheFixture0123456789abcd'].join(''),
  fcm: `AAAA${'Jh1x2Y3'}:APA91b${'JianheFixtureFcmServerKey0123456789'.repeat(4).slice(0, 134)}`,
  jwt: [
    Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'),
    Buffer.from('{"sub":"jianhe-fixture","exp":4102444800}').toString('base64url'),
    'c2lnbmF0dXJlLWZvci10aGUtZml4dHVyZQ',
  ].join('.'),
  urlCredentials: 'ftp://trader:Fixture-Pass-42@files.example.com/reports',
  generic: 'api_key=Zx9Qm2Lp7Tr4Vb8N',
  http: 'http://trade.example.com.tw/login',
  nationalId: 'A123456789',
  residentPermit: 'A800000014',
  card: '4111111111111111',
  phone: '0912345678',
  email: 'wang.xiaoming@example.com',
};
