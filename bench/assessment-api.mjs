#!/usr/bin/env node
// Loads and updates a full assessment through the HTTP API of a `jianhe serve` child process, and times
// every export format, on SQLite and (when reachable) PostgreSQL.
// Usage: npm run build && node bench/assessment-api.mjs [seconds per autocannon run]
import autocannon from 'autocannon';
import { api, cli, fillAssessment, freshDatabase, median, serve, session } from './support.mjs';

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

function updateThroughput(url, headers, base, items) {
  // autocannon resets a connection's context between requests, so the items live here: each request
  // takes an item no other connection is editing and sends the version it last saw, like a real editor.
  const versions = new Map(items.map((item) => [item.id, item.version]));
  const free = items.map((item) => item.id);
  let n = 0;
  return autocannon({
    url,
    connections: 20,
    duration: seconds,
    headers,
    requests: [
      {
        method: 'PATCH',
        setupRequest(request, context) {
          context.itemId = free.shift();
          n += 1;
          request.path = `${base}/assessment-items/${context.itemId}`;
          request.body = JSON.stringify({ version: versions.get(context.itemId), explanation: `更新 ${n}` });
          return request;
        },
        onResponse(status, body, context) {
          const parsed = JSON.parse(body);
          if (status === 200) versions.set(context.itemId, parsed.version);
          if (status === 409) versions.set(context.itemId, parsed.details.current.version);
          free.push(context.itemId);
        },
      },
    ],
  });
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
    cli(
      [
        'user',
        'create',
        '--email',
        EMAIL,
        '--name',
        'Load Tester',
        '--password-stdin',
        '--org',
        'Bench 證券',
        '--role',
        'assessor',
      ],
      database.env,
      `${PASSWORD}\n`,
    );
    server = await serve(database.env);
    const { headers, orgId } = await session(server.url, EMAIL, PASSWORD);
    const base = `/api/v1/orgs/${orgId}`;
    const id = await fillAssessment(server.url, headers, base, { linksPerItem: 1 });
    const load = await timeLoad(server.url, headers, `${base}/assessments/${id}`);
    console.log(
      `${kind}: full assessment load (63 items, answers, evidence) median ${load.median.toFixed(1)} ms, p95 ${load.p95.toFixed(1)} ms`,
    );
    const { items } = await api(server.url, headers, 'GET', `${base}/assessments/${id}`);
    const result = await updateThroughput(server.url, headers, base, items);
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
