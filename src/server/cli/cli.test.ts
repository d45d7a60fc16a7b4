import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startServe } from '../../../test/support/cli.js';
import {
  createPostgresSchema,
  dropPostgresSchema,
  postgresUrl,
  urlWithSchema,
} from '../../../test/support/databases.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'jianhe-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('jianhe CLI', () => {
  it('--help lists the commands', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/serve/);
    expect(result.stdout).toMatch(/migrate/);
  });

  it('exits 1 with one line naming DATABASE_URL when it is malformed', async () => {
    const result = await runCli(['serve'], { JIANHE_DATA_DIR: dataDir, DATABASE_URL: 'nonsense' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^jianhe: configuration error: DATABASE_URL /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 naming JIANHE_DATA_DIR when the data directory is unusable', async () => {
    const blocker = path.join(dataDir, 'a-file');
    writeFileSync(blocker, '');
    const result = await runCli(['migrate'], { JIANHE_DATA_DIR: path.join(blocker, 'data') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('JIANHE_DATA_DIR');
  });

  it('migrate creates the SQLite database and is idempotent', async () => {
    const dir = path.join(dataDir, 'migrate');
    const first = await runCli(['migrate'], { JIANHE_DATA_DIR: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration/);
    expect(existsSync(path.join(dir, 'jianhe.db'))).toBe(true);
    const second = await runCli(['migrate'], { JIANHE_DATA_DIR: dir });
    expect(second.stdout).toMatch(/already up to date/);
  });

  it('serve answers /healthz and exits 0 on SIGTERM', async () => {
    const server = await startServe({ JIANHE_DATA_DIR: path.join(dataDir, 'serve') });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('serve exits 0 on SIGINT too', async () => {
    const server = await startServe({ JIANHE_DATA_DIR: path.join(dataDir, 'serve-int') });
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(await server.stop('SIGINT')).toBe(0);
  });
});

describe.skipIf(postgresUrl() === null)('jianhe serve on PostgreSQL', () => {
  it('two instances started at once against one database both come up and are ready', async () => {
    const base = postgresUrl()!;
    const schema = await createPostgresSchema(base);
    try {
      const env = { JIANHE_DATA_DIR: path.join(dataDir, 'pg'), DATABASE_URL: urlWithSchema(base, schema) };
      const servers = await Promise.all([startServe(env), startServe(env)]);
      for (const server of servers) {
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(200);
        const info = (await (await fetch(`${server.url}/api/v1/system/info`)).json()) as { database: string };
        expect(info.database).toBe('postgres');
      }
      const codes = await Promise.all(servers.map((s) => s.stop()));
      expect(codes).toEqual([0, 0]);
    } finally {
      await dropPostgresSchema(base, schema);
    }
  });
});
