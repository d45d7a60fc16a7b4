#!/usr/bin/env node
// Times one TLS check (and one SSH check) of an endpoint on loopback, end to end through the outbound
// policy: protocol probes, cipher enumeration, certificate, OCSP, HSTS and the HTTP redirect.
// Servers and certificates are made here (test/support, through tsx); the check runs from dist/.
// Usage: npm run build && node --import tsx bench/tls-check.mjs [runs]
import path from 'node:path';
import { median, root } from './support.mjs';

const { runTlsCheck, runSshCheck } = await import(
  path.join(root, 'dist/server/modules/checks/check-runner.js')
);
const { tlsProfile } = await import(path.join(root, 'dist/server/modules/checks/domain/tls-profile.js'));
const { TestCa } = await import(path.join(root, 'test/support/certificates.ts'));
const { startHttpServer, startHttpsServer } = await import(path.join(root, 'test/support/tls-servers.ts'));
const { startSshStub } = await import(path.join(root, 'test/support/ssh-stub.ts'));

const runs = Number(process.argv[2] ?? 20);
const policy = { allowPrivateTargets: true };
const ca = await TestCa.create();
const redirect = await startHttpServer('https://localhost/');
const intermediate = {
  minVersion: 'TLSv1.2',
  ciphers: tlsProfile('intermediate').rules.ciphers.openssl.join(':'),
};
const hsts = 'max-age=63072000';
const ocspResponse = Buffer.from([0x30, 3, 10, 1, 0]);

const endpoints = [
  ['ECDSA P-256, intermediate ciphers', await ca.issue(), intermediate],
  ['RSA 2048, intermediate ciphers', await ca.issue({ key: { kind: 'rsa', bits: 2048 } }), intermediate],
  ['ECDSA P-256, Node default ciphers', await ca.issue(), {}],
];

async function time(label, once) {
  await once(); // warm-up: first handshake loads the root store, JIT
  const durations = [];
  const handshakes = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = await once();
    durations.push(performance.now() - started);
    handshakes.push(result);
  }
  const sorted = [...durations].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(36)} median ${median(durations).toFixed(0)} ms, min ${sorted[0].toFixed(0)}, max ${sorted.at(-1).toFixed(0)} (n=${runs}) ${handshakes[0]}`,
  );
}

for (const [label, issued, tls] of endpoints) {
  const server = await startHttpsServer({ issued, tls, hsts, ocspResponse });
  await time(label, async () => {
    const before = server.connections();
    const run = await runTlsCheck(`localhost:${server.port}`, {
      policy,
      ca: [ca.cert],
      httpPort: redirect.port,
    });
    const connections = server.connections() - before;
    return `verdict ${run.verdict}, ${run.observations.ciphers.accepted.length} ciphers accepted, ${connections} connections`;
  });
  await server.close();
}

const ssh = await startSshStub({
  lists: {
    kex: ['curve25519-sha256'],
    hostKeys: ['ssh-ed25519'],
    ciphers: ['aes128-ctr'],
    macs: ['hmac-sha2-256'],
  },
});
await time(
  'SSH KEXINIT (stub)',
  async () => `verdict ${(await runSshCheck(`127.0.0.1:${ssh.port}`, { policy })).verdict}`,
);
await ssh.close();
await redirect.close();
