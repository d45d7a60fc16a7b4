#!/usr/bin/env node
// Measures time from `jianhe serve` to the first 200 on /healthz, and RSS once idle, on SQLite and
// (when reachable) PostgreSQL. Usage: npm run build && node bench/cold-start.mjs [runs]
import { readFileSync } from 'node:fs';
import { freshDatabase, median, serve } from './support.mjs';

const runs = Number(process.argv[2] ?? 5);

function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function once(env) {
  const started = performance.now();
  const server = await serve(env);
  for (;;) {
    const res = await fetch(`${server.url}/healthz`).catch(() => undefined);
    if (res?.status === 200) break;
  }
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const rss = rssKiB(server.child.pid);
  await server.stop();
  return { ms, rss };
}

for (const kind of ['sqlite', 'postgres']) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const database = freshDatabase(kind, `cold${i}`);
    if (!database) {
      console.log(`${kind}: skipped (PostgreSQL not reachable)`);
      break;
    }
    try {
      results.push(await once(database.env));
    } finally {
      database.dispose();
    }
  }
  if (results.length === 0) continue;
  console.log(
    `${kind}: cold start to first /healthz 200 median ${median(results.map((r) => r.ms)).toFixed(0)} ms ` +
      `(min ${Math.min(...results.map((r) => r.ms)).toFixed(0)}, max ${Math.max(...results.map((r) => r.ms)).toFixed(0)}), ` +
      `idle RSS median ${(median(results.map((r) => r.rss)) / 1024).toFixed(1)} MiB over ${results.length} runs`,
  );
}
