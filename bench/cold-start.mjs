#!/usr/bin/env node
// Measures time from `jianhe serve` to the first 200 on /healthz, and RSS once idle, on SQLite and
// (when reachable) PostgreSQL. Usage: npm run build && node bench/cold-start.mjs [runs]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const pgBase = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function once(env) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'jianhe-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin/jianhe.mjs'), 'serve'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', JIANHE_DATA_DIR: dataDir, ...env },
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
  for (;;) {
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    if (res?.status === 200) break;
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const rss = rssKiB(child.pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  return { ms, rss };
}

function pgSchema(action, schema) {
  spawnSync('psql', [pgBase, '-qc', `${action} schema ${schema}${action === 'drop' ? ' cascade' : ''}`]);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const kind of ['sqlite', 'postgres']) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    let env = {};
    const schema = `jianhe_bench_${process.pid}_${i}`;
    if (kind === 'postgres') {
      pgSchema('create', schema);
      const url = new URL(pgBase);
      url.searchParams.set('options', `-c search_path=${schema}`);
      env = { DATABASE_URL: url.toString() };
    }
    try {
      results.push(await once(env));
    } catch (error) {
      console.log(`${kind}: skipped (${error.message})`);
      break;
    } finally {
      if (kind === 'postgres') pgSchema('drop', schema);
    }
  }
  if (results.length === 0) continue;
  console.log(
    `${kind}: cold start to first /healthz 200 median ${median(results.map((r) => r.ms)).toFixed(0)} ms ` +
      `(min ${Math.min(...results.map((r) => r.ms)).toFixed(0)}, max ${Math.max(...results.map((r) => r.ms)).toFixed(0)}), ` +
      `idle RSS median ${(median(results.map((r) => r.rss)) / 1024).toFixed(1)} MiB over ${results.length} runs`,
  );
}
