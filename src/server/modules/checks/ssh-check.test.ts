import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type KexLists, type SshStub, startSshStub } from '../../../../test/support/ssh-stub.js';
import { startHttpServer } from '../../../../test/support/tls-servers.js';
import { type CheckRun, runReachabilityCheck, runSshCheck } from './check-runner.js';
import type { SshObservations } from './domain/ssh-rules.js';
import { parseKexInit, readPacket } from './domain/ssh-wire.js';

const policy = { allowPrivateTargets: true };
const stubs: Array<{ close: () => Promise<void> }> = [];
afterAll(async () => {
  await Promise.all(stubs.map((s) => s.close()));
});

async function stub(
  lists: KexLists,
  extra: { identification?: string; preamble?: string[] } = {},
): Promise<SshStub> {
  const server = await startSshStub({ lists, ...extra });
  stubs.push(server);
  return server;
}

const status = (run: CheckRun<SshObservations>, id: string) => run.results.find((r) => r.id === id)?.status;

// What an old appliance offers: SHA-1 key exchange, CBC and RC4 ciphers, MD5 MACs, DSA host keys.
const WEAK: KexLists = {
  kex: ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha256'],
  hostKeys: ['ssh-dss', 'ssh-rsa'],
  ciphers: ['aes128-cbc', '3des-cbc', 'arcfour', 'aes128-ctr'],
  macs: ['hmac-md5', 'hmac-sha1', 'hmac-sha2-256'],
};

// Close to a current OpenSSH default, with strict kex (Terrapin mitigation).
const SOUND: KexLists = {
  kex: [
    'curve25519-sha256',
    'curve25519-sha256@libssh.org',
    'ecdh-sha2-nistp256',
    'ext-info-s',
    'kex-strict-s-v00@openssh.com',
  ],
  hostKeys: ['rsa-sha2-512', 'rsa-sha2-256', 'ecdsa-sha2-nistp256', 'ssh-ed25519'],
  ciphers: ['chacha20-poly1305@openssh.com', 'aes128-ctr', 'aes256-gcm@openssh.com'],
  macs: ['umac-128-etm@openssh.com', 'hmac-sha2-256-etm@openssh.com', 'hmac-sha2-512'],
};

describe('SSH check against a server stub speaking a real KEXINIT', () => {
  it('flags weak kex, ciphers, MACs and host keys, naming each', async () => {
    const server = await stub(WEAK, {
      identification: 'SSH-2.0-OpenSSH_5.3 appliance',
      preamble: ['Welcome'],
    });
    const run = await runSshCheck(`127.0.0.1:${server.port}`, { policy, timeoutMs: 3000 });
    expect(run.observations.identification).toMatchObject({ protoVersion: '2.0', software: 'OpenSSH_5.3' });
    expect(run.observations.kexinit?.kex).toEqual(WEAK.kex);
    expect(server.clientIdentification()).toBe('SSH-2.0-Jianhe_check');
    expect(run.results.find((r) => r.id === 'ssh.kex')).toMatchObject({
      status: 'fail',
      details: { broken: ['diffie-hellman-group1-sha1', 'diffie-hellman-group14-sha1'] },
    });
    expect(run.results.find((r) => r.id === 'ssh.ciphers')).toMatchObject({
      status: 'fail',
      details: { broken: ['3des-cbc', 'arcfour'], legacy: ['aes128-cbc'] },
    });
    expect(run.results.find((r) => r.id === 'ssh.macs')).toMatchObject({
      status: 'fail',
      details: { broken: ['hmac-md5'], legacy: ['hmac-sha1'] },
    });
    expect(run.results.find((r) => r.id === 'ssh.host-keys')).toMatchObject({
      status: 'fail',
      details: { broken: ['ssh-dss'], legacy: ['ssh-rsa'] },
    });
    expect(status(run, 'ssh.protocol')).toBe('pass');
    expect(run.verdict).toBe('fail');
  });

  it('passes a current configuration, and warns on Terrapin without strict kex', async () => {
    const sound = await runSshCheck(`127.0.0.1:${(await stub(SOUND)).port}`, { policy });
    expect(sound.results.filter((r) => r.status !== 'pass').map((r) => r.id)).toEqual([]);
    expect(sound.verdict).toBe('pass');
    const loose = await stub({ ...SOUND, kex: SOUND.kex.filter((k) => !k.startsWith('kex-strict')) });
    const run = await runSshCheck(`127.0.0.1:${loose.port}`, { policy });
    expect(status(run, 'ssh.terrapin')).toBe('warn');
    expect(run.verdict).toBe('warn');
  });

  it('fails an SSH-1 capable server and a service that is not SSH', async () => {
    const legacy = await stub(SOUND, { identification: 'SSH-1.99-OpenSSH_3.9' });
    expect(status(await runSshCheck(`127.0.0.1:${legacy.port}`, { policy }), 'ssh.protocol')).toBe('fail');
    const web = await startHttpServer();
    stubs.push(web);
    const run = await runSshCheck(`127.0.0.1:${web.port}`, { policy, timeoutMs: 1000 });
    expect(status(run, 'service.reachable')).toBe('pass');
    expect(status(run, 'ssh.protocol')).toBe('fail');
  });

  it('refuses a loopback target without the development setting, before connecting', async () => {
    const server = await stub(SOUND);
    await expect(
      runSshCheck(`127.0.0.1:${server.port}`, { policy: { allowPrivateTargets: false } }),
    ).rejects.toMatchObject({
      code: 'OUTBOUND_TARGET_NOT_PUBLIC',
    });
    expect(server.connections()).toBe(0);
  });

  it.skipIf(!existsSync('/usr/bin/ssh'))(
    "reads a real OpenSSH client's KEXINIT with the same parser (skipped without /usr/bin/ssh)",
    async () => {
      const server = await stub(SOUND);
      const child = spawn(
        '/usr/bin/ssh',
        [
          '-p',
          String(server.port),
          '-o',
          'BatchMode=yes',
          '-o',
          'StrictHostKeyChecking=no',
          '-o',
          'UserKnownHostsFile=/dev/null',
          '-o',
          'ConnectTimeout=5',
          'probe@127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      try {
        let packet: ReturnType<typeof readPacket> = null;
        for (let i = 0; i < 100 && !packet; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          packet = readPacket(server.clientData());
        }
        expect(server.clientIdentification()).toMatch(/^SSH-2\.0-OpenSSH_/);
        const kexinit = parseKexInit(packet!.payload);
        expect(kexinit.kex).toContain('curve25519-sha256');
        expect(kexinit.ciphersClientToServer).toContain('aes128-ctr');
        expect(kexinit.macsClientToServer.length).toBeGreaterThan(0);
      } finally {
        child.kill();
      }
    },
  );
});

describe('reachability check', () => {
  it('passes when a TCP connection opens, fails on a closed port', async () => {
    const server = await stub(SOUND);
    const open = await runReachabilityCheck(`localhost:${server.port}`, { policy });
    expect(open.verdict).toBe('pass');
    expect(open.observations.reachable.ok).toBe(true);
    await server.close();
    const closed = await runReachabilityCheck(`localhost:${server.port}`, { policy, timeoutMs: 1000 });
    expect(closed.results[0]).toMatchObject({ id: 'service.reachable', status: 'fail' });
    expect(closed.observations.reachable.error).toBe('ECONNREFUSED');
  });
});
