import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.js';
import {
  createPostgresSchema,
  dropPostgresSchema,
  postgresUrl,
  urlWithSchema,
} from '../../../test/support/databases.js';

const root = mkdtempSync(path.join(tmpdir(), 'jianhe-cli-ro-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const id = randomUUID();
/** Every command that only reads, as a user would type it. */
const READ_ONLY: string[][] = [
  ['catalog', 'list'],
  ['catalog', 'show', 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0'],
  ['catalog', 'export', 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0', '--format', 'json'],
  ['org', 'list'],
  ['audit', 'verify'],
  ['assessment', 'verify', id],
  ['assessment', 'export', id, '--format', 'csv'],
  ['providers', 'list', '--org', 'Nobody'],
  ['providers', 'export', '--org', 'Nobody'],
  ['migrate', '--status'],
];

describe('read-only CLI commands', () => {
  // Each command is a real process (about 2–3 s through tsx).
  it('create no data directory and no database where there is none, and say so', {
    timeout: 120_000,
  }, async () => {
    const dataDir = path.join(root, 'nothing-here');
    const results = await Promise.all(READ_ONLY.map((args) => runCli(args, { JIANHE_DATA_DIR: dataDir })));
    for (const [n, result] of results.entries()) {
      const args = READ_ONLY[n]!;
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toContain(
        `no Jianhe database at ${path.join(dataDir, 'jianhe.db')}`,
      );
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  describe('on a migrated installation', () => {
    const dataDir = path.join(root, 'migrated');
    const files = () => readdirSync(dataDir).sort();
    beforeAll(async () => {
      expect((await runCli(['migrate'], { JIANHE_DATA_DIR: dataDir })).code).toBe(0);
    }, 60_000);

    it('neither migrate, load bundled catalogs, nor add a file (no secret key either)', {
      timeout: 120_000,
    }, async () => {
      const before = files();
      expect(before).toEqual(['jianhe.db']);
      await Promise.all(READ_ONLY.map((args) => runCli(args, { JIANHE_DATA_DIR: dataDir })));
      expect(files()).toEqual(before);
      // `migrate` alone loads no catalog; a read-only command that synced them would show one now.
      const listed = await runCli(['catalog', 'list'], { JIANHE_DATA_DIR: dataDir });
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout).toBe('');
    });

    it('refuses a schema behind this version instead of migrating it', { timeout: 60_000 }, async () => {
      const db = new SqliteDatabase(path.join(dataDir, 'jianhe.db'));
      const last = db.prepare('select name from kysely_migration order by name desc limit 1').get() as {
        name: string;
      };
      db.prepare('delete from kysely_migration where name = ?').run(last.name);
      db.close();
      const refused = await runCli(['org', 'list'], { JIANHE_DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('(1 pending migration(s)); run "jianhe migrate" first');
      const status = await runCli(['migrate', '--status'], { JIANHE_DATA_DIR: dataDir });
      expect(status.stdout).toBe(`Pending: ${last.name}\n`);
    });
  });

  it('audit verify --org exits non-zero for an organisation that does not exist', {
    timeout: 60_000,
  }, async () => {
    const dataDir = path.join(root, 'audit');
    expect((await runCli(['org', 'create', '--name', '稽核證券'], { JIANHE_DATA_DIR: dataDir })).code).toBe(
      0,
    );
    const unknown = await runCli(['audit', 'verify', '--org', id], { JIANHE_DATA_DIR: dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no organisation with id ${id}`);
    expect(unknown.stdout).toBe('');
    const org = (await runCli(['org', 'list'], { JIANHE_DATA_DIR: dataDir })).stdout.split(' ')[0]!;
    const known = await runCli(['audit', 'verify', '--org', org], { JIANHE_DATA_DIR: dataDir });
    expect(known.code, known.stderr).toBe(0);
    expect(known.stdout).toMatch(new RegExp(`^ok ${org}: \\d+ entries`));
    expect((await runCli(['audit', 'verify', '--org', 'platform'], { JIANHE_DATA_DIR: dataDir })).code).toBe(
      0,
    );
  });
});

describe.skipIf(postgresUrl() === null)('read-only CLI commands on PostgreSQL', () => {
  it('need no data directory and create none', { timeout: 60_000 }, async () => {
    const base = postgresUrl()!;
    const schema = await createPostgresSchema(base);
    try {
      const url = urlWithSchema(base, schema);
      expect(
        (await runCli(['migrate'], { JIANHE_DATA_DIR: path.join(root, 'pg-migrate'), DATABASE_URL: url }))
          .code,
      ).toBe(0);
      const dataDir = path.join(root, 'pg-none');
      const listed = await runCli(['org', 'list'], { JIANHE_DATA_DIR: dataDir, DATABASE_URL: url });
      expect(listed.code, listed.stderr).toBe(0);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await dropPostgresSchema(base, schema);
    }
  });
});
