// Shared helpers for the benchmarks: fresh databases, and a `jianhe serve` child process on a free port.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const pgBase = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * A fresh, empty database of the given kind: a temporary data directory, plus a new schema on
 * PostgreSQL. Returns the environment for `jianhe`, or null when PostgreSQL is not reachable.
 */
export function freshDatabase(kind, tag) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jianhe-bench-'));
  const schema = `jianhe_bench_${process.pid}_${tag}`;
  // Explicitly empty on SQLite, so a DATABASE_URL in the caller's shell cannot turn it into PostgreSQL.
  const env = { JIANHE_DATA_DIR: dataDir, DATABASE_URL: '' };
  if (kind === 'postgres') {
    const created = spawnSync('psql', [pgBase, '-qc', `create schema ${schema}`]);
    if (created.status !== 0) {
      rmSync(dataDir, { recursive: true, force: true });
      return null;
    }
    const url = new URL(pgBase);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  }
  return {
    env,
    dispose() {
      if (kind === 'postgres') spawnSync('psql', [pgBase, '-qc', `drop schema ${schema} cascade`]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a `jianhe` CLI command to completion and throws on failure. */
export function cli(args, env, input) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/jianhe.mjs'), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    input,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`jianhe ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Spawns `jianhe serve` on a free port and resolves once it prints its URL. */
export async function serve(env) {
  const child = spawn(process.execPath, [path.join(root, 'bin/jianhe.mjs'), 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /running at (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
  });
  return {
    url,
    child,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    },
  };
}
