#!/usr/bin/env node
// Measures time from `jianhe serve` to the first 200 on /healthz, and RSS once idle, on SQLite and
// (when reachable) PostgreSQL. Usage: npm run build && node bench/cold-start.mjs [runs] [--modules]
// [--settle S]. RSS is read twice: 2 s after the first 200 (start-up garbage still held), and S s after it
// (default 20), once V8's memory reducer has run on an idle heap, which is the process's standing size.
// --modules: also lists what the server has loaded once idle (files, and the packages with the most files),
// through bench/module-trace.mjs.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freshDatabase, median, root, serve } from './support.mjs';

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const traceModules = process.argv.includes('--modules');
const settleAt = process.argv.indexOf('--settle');
const settleSeconds = settleAt > 0 ? Number(process.argv[settleAt + 1]) : 20;

function packageOf(file) {
  const parts = file.split(`${path.sep}node_modules${path.sep}`);
  if (parts.length < 2) return file.startsWith(root) ? '(jianhe)' : '(node)';
  const [scope, name] = parts.at(-1).split(path.sep);
  return scope.startsWith('@') ? `${scope}/${name}` : scope;
}

function reportModules(listFile) {
  const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean);
  const counts = new Map();
  for (const file of files) counts.set(packageOf(file), (counts.get(packageOf(file)) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`  loaded at idle: ${files.length} files; ${top.map(([p, n]) => `${p} ${n}`).join(', ')}`);
}

function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function once(env, trace) {
  const started = performance.now();
  const server = await serve(
    trace
      ? {
          ...env,
          NODE_OPTIONS: `--import=${path.join(root, 'bench/module-trace.mjs')}`,
          JIANHE_MODULE_TRACE: trace,
        }
      : env,
  );
  for (;;) {
    const res = await fetch(`${server.url}/healthz`).catch(() => undefined);
    if (res?.status === 200) break;
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const rss = rssKiB(server.child.pid);
  await new Promise((r) => setTimeout(r, Math.max(0, settleSeconds - 2) * 1000));
  const settled = rssKiB(server.child.pid);
  await server.stop();
  return { ms, rss, settled };
}

for (const kind of ['sqlite', 'postgres']) {
  const results = [];
  // With --modules, one extra traced run first (not counted: the trace's hook thread adds memory).
  for (let i = traceModules ? -1 : 0; i < runs; i++) {
    const database = freshDatabase(kind, `cold${i + 1}`);
    if (!database) {
      console.log(`${kind}: skipped (PostgreSQL not reachable)`);
      break;
    }
    try {
      const trace =
        i < 0
          ? path.join(database.env.JIANHE_DATA_DIR, '..', `modules-${process.pid}-${kind}.txt`)
          : undefined;
      const result = await once(database.env, trace);
      if (!trace) results.push(result);
      else {
        reportModules(trace);
        rmSync(trace, { force: true });
      }
    } finally {
      database.dispose();
    }
  }
  if (results.length === 0) continue;
  console.log(
    `${kind}: cold start to first /healthz 200 median ${median(results.map((r) => r.ms)).toFixed(0)} ms ` +
      `(min ${Math.min(...results.map((r) => r.ms)).toFixed(0)}, max ${Math.max(...results.map((r) => r.ms)).toFixed(0)}), ` +
      `RSS median ${(median(results.map((r) => r.rss)) / 1024).toFixed(1)} MiB 2 s after it, ` +
      `${(median(results.map((r) => r.settled)) / 1024).toFixed(1)} MiB idle ${settleSeconds} s after it, over ${results.length} runs`,
  );
}
