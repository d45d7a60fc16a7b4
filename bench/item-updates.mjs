#!/usr/bin/env node
// Item update throughput through the real server, and a count afterwards that nothing was lost.
//
// For each database (SQLite, and PostgreSQL when reachable) it starts `jianhe serve` (compiled dist/),
// signs in as an assessor, creates an assessment of the bundled checklist and then drives
// `PATCH …/assessment-items/{id}` with autocannon. Each connection edits an item no other connection
// holds and sends the version it last saw, so every request is a real versioned update (item, change
// history and audit entry). Afterwards it checks, through the API and `jianhe audit verify`, that:
//   - every acknowledged update moved its item's version by exactly one (none lost or overwritten);
//   - the item history holds one change per acknowledged update;
//   - the organisation's audit chain verifies and grew by exactly the number of acknowledged updates.
//
// Usage: npm run build && node bench/item-updates.mjs [--seconds 10] [--connections 32]
//        [--databases sqlite,postgres]
import { parseArgs } from 'node:util';
import {
  api,
  CATALOG,
  cli,
  cpuMs,
  createAssessor,
  driveItemUpdates,
  freshDatabase,
  serve,
  session,
} from './support.mjs';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    databases: { type: 'string', default: 'sqlite,postgres' },
  },
});
const seconds = Number(options.seconds);
const connections = Number(options.connections);
const EMAIL = 'assessor@updates.example.test';
const PASSWORD = 'Cloud guideline 2026 updates passphrase';

function auditEntries(env, orgId) {
  const out = cli(['audit', 'verify', '--org', orgId], env);
  const match = /^ok \S+: (\d+) entries$/m.exec(out);
  if (!match) throw new Error(`audit chain does not verify: ${out}`);
  return Number(match[1]);
}

for (const kind of options.databases.split(',')) {
  const database = freshDatabase(kind, 'updates');
  if (!database) {
    console.log(`${kind}: skipped (PostgreSQL not reachable)`);
    continue;
  }
  let server;
  try {
    createAssessor(database.env, { email: EMAIL, password: PASSWORD, org: 'Updates 證券' });
    server = await serve(database.env);
    const { headers, orgId } = await session(server.url, EMAIL, PASSWORD);
    const base = `/api/v1/orgs/${orgId}`;
    const { id } = await api(server.url, headers, 'POST', `${base}/assessments`, {
      catalogId: CATALOG,
      name: 'Updates 115年度',
      period: '115年度',
    });
    const { items } = await api(server.url, headers, 'GET', `${base}/assessments/${id}`);
    await server.stop();
    const entriesBefore = auditEntries(database.env, orgId);
    server = await serve(database.env);
    const cpuBefore = cpuMs(server.child.pid);
    const { result, acknowledged, conflicts } = await driveItemUpdates(server.url, headers, base, items, {
      connections,
      duration: seconds,
    });
    const landed = (list) =>
      list.reduce((total, item) => total + item.version - items.find((i) => i.id === item.id).version, 0);
    // Requests still queued in the server when autocannon stopped land after it: wait until none does.
    const sum = (list) => list.reduce((total, item) => total + item.version, 0);
    let after = await api(server.url, headers, 'GET', `${base}/assessments/${id}`);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const again = await api(server.url, headers, 'GET', `${base}/assessments/${id}`);
      if (sum(again.items) === sum(after.items)) break;
      after = again;
    }
    const cpuPerUpdate = (cpuMs(server.child.pid) - cpuBefore) / Math.max(1, landed(after.items));
    const total = [...acknowledged.values()].reduce((a, b) => a + b, 0);
    // Lost: acknowledged but not in the item's version. A request that timed out on the client may still
    // have landed: counted apart, and it must be in the history and the trail like any other.
    let lost = 0;
    for (const item of after.items) {
      const grew = item.version - items.find((i) => i.id === item.id).version;
      lost += Math.max(0, acknowledged.get(item.id) - grew);
    }
    // The history of the busiest item: one change per acknowledged update.
    const busiest = [...acknowledged.entries()].sort((a, b) => b[1] - a[1])[0];
    const history = await api(server.url, headers, 'GET', `${base}/assessment-items/${busiest[0]}/history`);
    const busiestGrew =
      after.items.find((i) => i.id === busiest[0]).version - items.find((i) => i.id === busiest[0]).version;
    await server.stop();
    server = undefined;
    const auditGrowth = auditEntries(database.env, orgId) - entriesBefore;
    console.log(
      `${kind}: item updates, ${connections} connections, ${seconds} s: ${result.requests.average.toFixed(0)} req/s ` +
        `(p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms), ${total} acknowledged, ` +
        `${conflicts} conflicts, ${result.non2xx - conflicts} other non-2xx, ${result.errors} errors; ` +
        `${lost} lost, ${landed(after.items)} landed (${landed(after.items) - total} unanswered: in flight at the end); ` +
        `busiest item: ${history.changes.length} changes in its history for ${busiestGrew} updates landed; ` +
        `audit chain verified, grew by ${auditGrowth} (${auditGrowth - landed(after.items)} more than landed); ` +
        `server CPU ${cpuPerUpdate.toFixed(2)} ms per update (${(1000 / cpuPerUpdate).toFixed(0)}/s per core of Node)`,
    );
  } finally {
    await server?.stop();
    database.dispose();
  }
}
