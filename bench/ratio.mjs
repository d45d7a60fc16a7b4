#!/usr/bin/env node
// Throughput of Jianhe's hot reads as a ratio of the ceiling for the same payload, in the same run.
//
// For each database (SQLite, and PostgreSQL when reachable) it starts a real `jianhe serve` (compiled
// dist/), signs in as an assessor through the API (a real session cookie on every request), seeds one
// finished assessment (63 items, every one answered, two link evidence each) plus further assessments and
// an item with a long change history, and records each endpoint's exact response bytes and content type.
// A bare Fastify process (bench/ceiling-server.mjs) then serves those bytes precomputed. autocannon drives
// both at the same concurrency in alternating rounds (real, ceiling, real, ceiling, …), so both see the
// same machine noise. Reported per endpoint: median req/s of each side over the rounds, their ratio, and
// the latency p50/p99 of the real server (median over its rounds) and of the ceiling.
//
// Usage: npm run build && node bench/ratio.mjs [--seconds 8] [--rounds 3] [--connections 32]
//        [--assessments 10] [--items 63] [--databases sqlite,postgres] [--json results.json]
// --items N (other than 63): every assessment is of a generated N-item catalog (bench/scale-catalog.mjs,
// imported through the CLI before the server starts), for the scale figures: --assessments 10 --items 630.
// --endpoints 'full assessment read,catalog items': measure only these.
// A short check that it runs: node bench/ratio.mjs --seconds 1 --rounds 1
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { writeScaleCatalog } from './scale-catalog.mjs';
import {
  api,
  CATALOG,
  cli,
  cpuMs,
  createAssessor,
  fillAssessment,
  freshDatabase,
  median,
  root,
  serve,
  session,
} from './support.mjs';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    assessments: { type: 'string', default: '10' },
    items: { type: 'string', default: '63' },
    // A comma-separated subset of the endpoints by name, e.g. 'full assessment read'.
    endpoints: { type: 'string' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    json: { type: 'string' },
  },
});
const seconds = Number(options.seconds);
const rounds = Number(options.rounds);
const connections = Number(options.connections);
const extraAssessments = Math.max(0, Number(options.assessments) - 1);
const itemCount = Number(options.items);
const EMAIL = 'assessor@ratio.example.test';
const PASSWORD = 'Cloud guideline 2026 ratio passphrase';
const HISTORY_EDITS = 20;

/** The org's data the endpoints read: the full assessment, the list, one item's history, the catalog. */
async function seed(url, headers, base, catalogId) {
  const id = await fillAssessment(url, headers, base, { linksPerItem: 2, catalogId });
  for (let n = 2; n <= extraAssessments + 1; n++)
    await api(url, headers, 'POST', `${base}/assessments`, {
      catalogId,
      name: `Benchmark ${n}`,
      period: '115年度',
    });
  const { items } = await api(url, headers, 'GET', `${base}/assessments/${id}`);
  let item = items[0];
  for (let edit = 1; edit <= HISTORY_EDITS; edit++) {
    item = await api(url, headers, 'PATCH', `${base}/assessment-items/${item.id}`, {
      version: item.version,
      explanation: `第 ${edit} 次修訂：依稽核意見補充說明。`,
    });
  }
  return {
    'full assessment read': `${base}/assessments/${id}`,
    'assessment list': `${base}/assessments`,
    'item history': `${base}/assessment-items/${item.id}/history`,
    'catalog items': `/api/v1/catalogs/${encodeURIComponent(catalogId)}/items`,
  };
}

/** The exact bytes and content type the real server answers with (and a check that it is a 200). */
async function record(url, headers, endpoints) {
  const { 'content-type': _json, ...getHeaders } = headers;
  const payloads = [];
  for (const [name, endpoint] of Object.entries(endpoints)) {
    const response = await fetch(`${url}${endpoint}`, { headers: getHeaders });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${name}: ${response.status} ${body}`);
    payloads.push({ name, path: endpoint, contentType: response.headers.get('content-type'), body });
  }
  return payloads;
}

async function startCeiling(payloads) {
  const dir = mkdtempSync(path.join(tmpdir(), 'jianhe-ceiling-'));
  const file = path.join(dir, 'payloads.json');
  writeFileSync(
    file,
    JSON.stringify(
      payloads.map((p) => ({ path: p.path, contentType: p.contentType, body: p.body.toString('base64') })),
    ),
  );
  const child = spawn(process.execPath, [path.join(root, 'bench/ceiling-server.mjs'), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /ceiling at (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`ceiling server exited ${code}`)));
  });
  // Same bytes, same type, or the comparison means nothing.
  for (const payload of payloads) {
    const response = await fetch(`${url}${payload.path}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (!body.equals(payload.body) || response.headers.get('content-type') !== payload.contentType)
      throw new Error(`ceiling does not mirror ${payload.name}`);
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function round(url, pid, endpoint, headers, expectedBytes) {
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({
    url: `${url}${endpoint}`,
    connections,
    duration: seconds,
    headers,
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0)
    throw new Error(
      `${url}${endpoint}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  // autocannon counts body bytes too; a response that shrank (an error page, say) would flatter the figure.
  const bytesPerResponse = result.throughput.total / Math.max(1, result.requests.total);
  if (bytesPerResponse < expectedBytes)
    throw new Error(
      `${url}${endpoint}: responses shorter than recorded (${bytesPerResponse.toFixed(0)} < ${expectedBytes} bytes over ${result.requests.total})`,
    );
  // Server CPU per response: what a request costs whatever else the machine is doing.
  const cpu = (cpuMs(pid) - cpuBefore) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpu };
}

async function measure(realServer, ceilingServer, payloads, cookie) {
  const results = [];
  for (const payload of payloads) {
    const real = [];
    const ceiling = [];
    for (let r = 0; r < rounds; r++) {
      real.push(await round(realServer.url, realServer.pid, payload.path, { cookie }, payload.body.length));
      ceiling.push(await round(ceilingServer.url, ceilingServer.pid, payload.path, {}, payload.body.length));
    }
    const summary = (samples) => ({
      rps: median(samples.map((s) => s.rps)),
      p50: median(samples.map((s) => s.p50)),
      p99: median(samples.map((s) => s.p99)),
      cpu: median(samples.map((s) => s.cpu)),
    });
    const r = summary(real);
    const c = summary(ceiling);
    results.push({
      endpoint: payload.name,
      bytes: payload.body.length,
      real: r,
      ceiling: c,
      ratio: r.rps / c.rps,
      cpuRatio: c.cpu / r.cpu,
    });
  }
  return results;
}

function report(kind, results) {
  console.log(
    `\n${kind}: ${itemCount} items, ${connections} connections, ${rounds} alternating round(s) of ${seconds} s per side`,
  );
  console.log(
    '| Endpoint | Response | Jianhe req/s | Ceiling req/s | Ratio | Jianhe p50 / p99 (ms) | Ceiling p50 / p99 (ms) | CPU ms/req Jianhe / ceiling | CPU ratio |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.endpoint} | ${(r.bytes / 1024).toFixed(1)} KiB | ${r.real.rps.toFixed(0)} | ${r.ceiling.rps.toFixed(0)} | ` +
        `${(100 * r.ratio).toFixed(1)} % | ${r.real.p50} / ${r.real.p99} | ${r.ceiling.p50} / ${r.ceiling.p99} | ` +
        `${r.real.cpu.toFixed(2)} / ${r.ceiling.cpu.toFixed(2)} | ${(100 * r.cpuRatio).toFixed(1)} % |`,
    );
  }
}

const all = {};
for (const kind of options.databases.split(',')) {
  const database = freshDatabase(kind, 'ratio');
  if (!database) {
    console.log(`${kind}: skipped (PostgreSQL not reachable)`);
    continue;
  }
  let server;
  let ceiling;
  try {
    createAssessor(database.env, { email: EMAIL, password: PASSWORD, org: 'Ratio 證券' });
    let catalogId = CATALOG;
    if (itemCount !== 63) {
      const scale = writeScaleCatalog(database.env.JIANHE_DATA_DIR, itemCount);
      cli(['catalog', 'import', scale.file], database.env);
      catalogId = scale.ref;
    }
    server = await serve(database.env);
    const { headers, orgId } = await session(server.url, EMAIL, PASSWORD);
    const seedStarted = performance.now();
    const endpoints = await seed(server.url, headers, `/api/v1/orgs/${orgId}`, catalogId);
    console.log(
      `${kind}: seeded ${itemCount} items × ${extraAssessments + 1} assessments in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`,
    );
    const wanted = options.endpoints?.split(',');
    const chosen = Object.fromEntries(
      Object.entries(endpoints).filter(([name]) => !wanted || wanted.includes(name)),
    );
    const payloads = await record(server.url, headers, chosen);
    ceiling = await startCeiling(payloads);
    all[kind] = await measure({ url: server.url, pid: server.child.pid }, ceiling, payloads, headers.cookie);
    report(kind, all[kind]);
  } finally {
    await ceiling?.stop();
    await server?.stop();
    database.dispose();
  }
}
if (options.json)
  writeFileSync(
    options.json,
    `${JSON.stringify({ seconds, rounds, connections, items: itemCount, results: all }, null, 2)}\n`,
  );
