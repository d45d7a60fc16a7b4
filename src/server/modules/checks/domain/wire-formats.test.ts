import { describe, expect, it } from 'vitest';
import { selfSigned, TestCa } from '../../../../../test/support/certificates.js';
import { binaryPacket, kexInitPayload } from '../../../../../test/support/ssh-stub.js';
import { signatureAlgorithmName, signatureAlgorithmOid } from './certificate-der.js';
import { parseHsts } from './hsts.js';
import { judgeSsh, type SshObservations } from './ssh-rules.js';
import { parseIdentification, parseKexInit, readPacket, SshWireError } from './ssh-wire.js';

describe('certificate signature algorithm from DER', () => {
  it('reads RSA SHA-256 and ECDSA SHA-384 signatures of real certificates', async () => {
    const rsaCa = await TestCa.create('RSA CA', { kind: 'rsa', bits: 2048 });
    const rsaSigned = await rsaCa.issue();
    expect(signatureAlgorithmName(new Uint8Array(rsaSigned.certificate.rawData))).toBe(
      'sha256WithRSAEncryption',
    );
    const p384 = await selfSigned({ key: { kind: 'ec', curve: 'P-384' } });
    const der = new Uint8Array(p384.certificate.rawData);
    expect(signatureAlgorithmOid(der)).toBe('1.2.840.10045.4.3.3');
    expect(signatureAlgorithmName(der)).toBe('ecdsa-with-SHA384');
  });

  it('refuses bytes that are not a certificate', () => {
    expect(() => signatureAlgorithmOid(new Uint8Array([0x30, 0x82, 0xff]))).toThrow();
    expect(() => signatureAlgorithmOid(new Uint8Array([0x04, 0x01, 0x00]))).toThrow('not a certificate');
  });
});

describe('parseHsts', () => {
  it('reads max-age, includeSubDomains and preload case-insensitively, quoted or not', () => {
    expect(parseHsts('max-age=63072000; includeSubDomains; preload')).toMatchObject({
      maxAge: 63072000,
      includeSubDomains: true,
      preload: true,
    });
    expect(parseHsts('Max-Age="300"').maxAge).toBe(300);
  });

  it('ignores a header without max-age, with a bad value or a repeated directive, as browsers do', () => {
    for (const header of [
      'includeSubDomains',
      'max-age=',
      'max-age=-1',
      'max-age=1; max-age=2',
      'max-age=1y',
    ])
      expect(parseHsts(header).maxAge, header).toBeNull();
    expect(parseHsts(null)).toEqual({ header: null, maxAge: null, includeSubDomains: false, preload: false });
  });
});

describe('SSH wire format', () => {
  it('parses identification strings, with or without comments', () => {
    expect(parseIdentification('SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13')).toEqual({
      raw: 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13',
      protoVersion: '2.0',
      software: 'OpenSSH_9.6p1',
      comments: 'Ubuntu-3ubuntu13',
    });
    expect(parseIdentification('SSH-1.99-Cisco-1.25')?.protoVersion).toBe('1.99');
    expect(parseIdentification('HTTP/1.1 400 Bad Request')).toBeNull();
    expect(parseIdentification('SSH-2.0-')).toBeNull();
  });

  it('frames a packet only once it is complete and reads its KEXINIT', () => {
    const lists = {
      kex: ['curve25519-sha256'],
      hostKeys: ['ssh-ed25519'],
      ciphers: ['aes128-ctr'],
      macs: [],
    };
    const packet = binaryPacket(kexInitPayload(lists));
    expect(readPacket(packet.subarray(0, packet.length - 1))).toBeNull();
    const framed = readPacket(Buffer.concat([packet, Buffer.from('next')]))!;
    expect(framed.consumed).toBe(packet.length);
    expect(parseKexInit(framed.payload)).toMatchObject({
      kex: ['curve25519-sha256'],
      hostKeys: ['ssh-ed25519'],
      ciphersServerToClient: ['aes128-ctr'],
      macsClientToServer: [],
      compressionClientToServer: ['none'],
      firstKexPacketFollows: false,
    });
  });

  it('refuses oversized or malformed packets instead of reading on', () => {
    const huge = Buffer.alloc(8);
    huge.writeUInt32BE(1_000_000);
    expect(() => readPacket(huge)).toThrow(SshWireError);
    const payload = kexInitPayload({ kex: ['a'], hostKeys: ['b'], ciphers: ['c'], macs: ['d'] });
    expect(() => parseKexInit(payload.subarray(0, 30))).toThrow(SshWireError);
    expect(() => parseKexInit(Buffer.from([21, ...payload.subarray(1)]))).toThrow('expected KEXINIT');
  });
});

describe('judgeSsh', () => {
  const base: SshObservations = {
    host: 'sftp.example.com',
    port: 22,
    addresses: ['93.184.215.14'],
    startedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 5,
    reachable: { ok: true },
    identification: { raw: 'SSH-2.0-X', protoVersion: '2.0', software: 'X', comments: null },
    kexinit: {
      kex: ['curve25519-sha256', 'gss-gex-sha1-toWM5Slw5Ew8Mqkay+al2g=='],
      hostKeys: ['ssh-ed25519'],
      ciphersClientToServer: ['aes256-gcm@openssh.com'],
      ciphersServerToClient: ['aes256-gcm@openssh.com'],
      macsClientToServer: [],
      macsServerToClient: [],
      compressionClientToServer: ['none'],
      compressionServerToClient: ['none'],
      firstKexPacketFollows: false,
    },
  };

  it('matches wildcard entries (GSS SHA-1 kex) and accepts an empty MAC list with AEAD ciphers only', () => {
    const results = judgeSsh(base);
    expect(results.find((r) => r.id === 'ssh.kex')).toMatchObject({
      status: 'fail',
      details: { broken: ['gss-gex-sha1-toWM5Slw5Ew8Mqkay+al2g=='] },
    });
    expect(results.find((r) => r.id === 'ssh.macs')?.status).toBe('pass');
    const ctr = {
      ...base.kexinit!,
      ciphersClientToServer: ['aes128-ctr'],
      ciphersServerToClient: ['aes128-ctr'],
    };
    expect(judgeSsh({ ...base, kexinit: ctr }).find((r) => r.id === 'ssh.macs')?.status).toBe('fail');
  });
});
