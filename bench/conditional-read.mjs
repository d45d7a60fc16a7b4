#!/usr/bin/env node
// What a polling client costs: the full assessment read (63 items, two link evidence each) answered in
// full, against the same read sent with the ETag it returned (304, no body), in alternating rounds through
// a real `jianhe serve` with a real session, on SQLite and (when reachable) PostgreSQL. Reported: req/s,
// p50/p99 and the server's CPU per response (load-independent).
// Usage: npm run build && node bench/conditional-read.mjs [--seconds 5] [--rounds 3] [--connections 32]
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { cpuMs, createAssessor, fillAssessment, freshDatabase, median, serve, session } from './support.mjs';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    databases: { type: 'string', default: 'sqlite,postgres' },
  },
});
const EMAIL = 'assessor@conditional.example.test';
const PASSWORD = 'Cloud guideline 2026 conditional passphrase';

async function round(server, url, headers, status) {
  const before = cpuMs(server.child.pid);
  const result = await autocannon({
    url,
    connections: Number(options.connections),
    duration: Number(options.seconds),
    headers,
  });
  const answered = status === 200 ? result['2xx'] : result['3xx'];
  if (result.requests.total === 0 || answered !== result.requests.total || result.errors > 0)
    throw new Error(`${url}: expected every answer to be ${status}`);
  const cpu = (cpuMs(server.child.pid) - before) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, cpu };
}

for (const kind of options.databases.split(',')) {
  const database = freshDatabase(kind, 'conditional');
  if (!database) {
    console.log(`${kind}: skipped (PostgreSQL not reachable)`);
    continue;
  }
  let server;
  try {
    createAssessor(database.env, { email: EMAIL, password: PASSWORD, org: 'Conditional 證券' });
    server = await serve(database.env);
    const { headers, orgId } = await session(server.url, EMAIL, PASSWORD);
    const base = `/api/v1/orgs/${orgId}`;
    const id = await fillAssessment(server.url, headers, base, { linksPerItem: 2 });
    const url = `${server.url}${base}/assessments/${id}`;
    const { 'content-type': _json, ...get } = headers;
    const tag = (await fetch(url, { headers: get })).headers.get('etag');
    const sides = { full: [], notModified: [] };
    for (let r = 0; r < Number(options.rounds); r++) {
      sides.full.push(await round(server, url, get, 200));
      sides.notModified.push(await round(server, url, { ...get, 'if-none-match': tag }, 304));
    }
    for (const [name, samples] of Object.entries(sides)) {
      const pick = (key) => median(samples.map((s) => s[key]));
      console.log(
        `${kind}: ${name === 'full' ? '200 full read' : '304 repeat read'}: ${pick('rps').toFixed(0)} req/s, ` +
          `p50 ${pick('p50')} ms, p99 ${pick('p99')} ms, server CPU ${pick('cpu').toFixed(2)} ms per response`,
      );
    }
  } finally {
    await server?.stop();
    database.dispose();
  }
}
