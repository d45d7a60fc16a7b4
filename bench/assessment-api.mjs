#!/usr/bin/env node
// Loads and updates a full assessment through the HTTP API of a `jianhe serve` child process, and times
// every export format, on SQLite and (when reachable) PostgreSQL.
// Usage: npm run build && node bench/assessment-api.mjs [seconds per autocannon run]
import {
  api,
  createAssessor,
  driveItemUpdates,
  fillAssessment,
  freshDatabase,
  median,
  serve,
  session,
} from './support.mjs';

const seconds = Number(process.argv[2] ?? 10);
const EMAIL = 'assessor@load.example.test';
const PASSWORD = 'Cloud guideline 2026 throughput passphrase';
const FORMATS = ['xlsx', 'pdf', 'csv', 'oscal-ar', 'oscal-poam'];

async function timeLoad(url, headers, path) {
  const samples = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers });
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: median(samples), p95: samples[Math.floor(samples.length * 0.95)] };
}

async function timeExports(url, headers, base, id) {
  const results = {};
  for (const format of FORMATS) {
    const samples = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const response = await fetch(`${url}${base}/assessments/${id}/export?format=${format}`, { headers });
      const bytes = (await response.arrayBuffer()).byteLength;
      if (!response.ok) throw new Error(`export ${format}: ${response.status}`);
      samples.push({ ms: performance.now() - started, bytes });
    }
    results[format] = { ms: median(samples.map((s) => s.ms)), bytes: samples[0].bytes };
  }
  return results;
}

for (const kind of ['sqlite', 'postgres']) {
  const database = freshDatabase(kind, 'api');
  if (!database) {
    console.log(`${kind}: skipped (PostgreSQL not reachable)`);
    continue;
  }
  let server;
  try {
    createAssessor(database.env, { email: EMAIL, password: PASSWORD, org: 'Bench 證券' });
    server = await serve(database.env);
    const { headers, orgId } = await session(server.url, EMAIL, PASSWORD);
    const base = `/api/v1/orgs/${orgId}`;
    const id = await fillAssessment(server.url, headers, base, { linksPerItem: 1 });
    const load = await timeLoad(server.url, headers, `${base}/assessments/${id}`);
    console.log(
      `${kind}: full assessment load (63 items, answers, evidence) median ${load.median.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms`,
    );
    const { items } = await api(server.url, headers, 'GET', `${base}/assessments/${id}`);
    const { result } = await driveItemUpdates(server.url, headers, base, items, {
      connections: 20,
      duration: seconds,
    });
    console.log(
      `${kind}: item updates, 20 connections, ${seconds} s: ${result.requests.average.toFixed(0)} req/s, ` +
        `latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
    for (const [format, r] of Object.entries(await timeExports(server.url, headers, base, id)))
      console.log(
        `${kind}: export ${format} median ${r.ms.toFixed(0)} ms (${(r.bytes / 1024).toFixed(0)} KiB)`,
      );
  } finally {
    await server?.stop();
    database.dispose();
  }
}
