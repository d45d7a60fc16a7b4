import { afterAll, beforeAll, expect, it } from 'vitest';
import { days, TestCa } from '../../../../test/support/certificates.js';
import { runCli } from '../../../../test/support/cli.js';
import { cliEnvFor, describeEachDatabase } from '../../../../test/support/databases.js';
import { type SeededOrg, seedOrganization } from '../../../../test/support/identity.js';
import { type Running, startHttpServer, startHttpsServer } from '../../../../test/support/tls-servers.js';
import { tlsProfile } from './domain/tls-profile.js';

/** `jianhe check run --org` as operators and CI run it: a real process over the test database. */
describeEachDatabase('jianhe check run --org', (db) => {
  let org: SeededOrg;
  const servers: Running[] = [];
  const endpoints: string[] = [];

  beforeAll(async () => {
    org = await seedOrganization(db(), 'CLI Checks Futures');
    const ca = await TestCa.create();
    const tls = {
      minVersion: 'TLSv1.2' as const,
      ciphers: tlsProfile('intermediate').rules.ciphers.openssl.join(':'),
    };
    const redirect = await startHttpServer('https://localhost/');
    const sound = await startHttpsServer({ issued: await ca.issue(), tls, hsts: 'max-age=63072000' });
    const expired = await startHttpsServer({
      issued: await ca.issue({ notBefore: days(-30), notAfter: days(-2) }),
      tls,
      hsts: 'max-age=63072000',
    });
    servers.push(redirect, sound, expired);
    const actor = { orgId: org.orgId, userId: org.users.assessor.id };
    const provider = await db().services.providers.providers.create(actor, {
      name: 'CLI Cloud',
      serviceModels: ['IaaS'],
      critical: true,
    });
    for (const [port, purpose] of [
      [sound.port, 'API'],
      [expired.port, 'portal'],
    ] as const)
      endpoints.push(
        (
          await db().services.checks.endpoints.create(actor, {
            providerId: provider.id,
            purpose,
            host: 'localhost',
            port,
            kind: 'tls',
            httpPort: redirect.port,
            trustedCaPem: ca.cert,
            supportedItems: ['item-31'],
          })
        ).id,
      );
  });
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  it('runs every enabled endpoint, stores each run, and exits 2 when one fails', async () => {
    const result = await runCli(['check', 'run', '--org', 'CLI Checks Futures', '--format', 'json'], {
      ...cliEnvFor(db()),
      JIANHE_ALLOW_PRIVATE_TARGETS: '1',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as {
      runs: Array<{ endpointId: string; verdict: string; runId: string; failing: Array<{ id: string }> }>;
    };
    expect(report.runs.map((r) => r.endpointId).sort()).toEqual([...endpoints].sort());
    const byEndpoint = new Map(report.runs.map((r) => [r.endpointId, r]));
    expect(byEndpoint.get(endpoints[0]!)?.verdict).not.toBe('fail');
    expect(byEndpoint.get(endpoints[1]!)?.failing.map((r) => r.id)).toContain('cert.expiry');
    for (const run of report.runs) {
      const stored = await db().services.checks.runs.getRun(org.orgId, run.runId);
      expect(stored).toMatchObject({ trigger: 'cli', verdict: run.verdict });
    }
    const never = await runCli(['check', 'run', '--org', org.orgId, '--fail-on', 'never'], {
      ...cliEnvFor(db()),
      JIANHE_ALLOW_PRIVATE_TARGETS: '1',
    });
    expect(never.code).toBe(0);
    expect(never.stdout).toMatch(/不符\s+tls\s+localhost:\d+\s+\(.*cert\.expiry/);
  });

  it('an unknown organisation is exit 1 naming it', async () => {
    const result = await runCli(['check', 'run', '--org', 'No Such Firm'], cliEnvFor(db()));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no organisation No Such Firm');
  });
});
