// Shared helpers for the benchmarks: fresh databases, and a `jianhe serve` child process on a free port.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

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
  // JIANHE_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
  const nodeArgs = process.env.JIANHE_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'bin/jianhe.mjs'), 'serve'], {
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

export const CATALOG = 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0';

/** Signs in through the API; returns JSON headers with the session cookie and CSRF token, and the organisation. */
export async function session(url, email, password) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const info = await (await fetch(`${url}/api/v1/auth/session`, { headers })).json();
  return { headers, orgId: info.memberships[0].orgId };
}

/** One API call that must succeed; the JSON body (null for 204). */
export async function api(url, headers, method, path, body) {
  const { 'content-type': _json, ...bare } = headers;
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? bare : headers,
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

/**
 * A new assessment of the bundled checklist with every item answered (a gap every fifth item, with
 * compensating control and due date) and `linksPerItem` link evidence attached to each, as in a finished year.
 */
export async function fillAssessment(
  url,
  headers,
  base,
  { linksPerItem = 1, name = 'Benchmark 115年度', catalogId = CATALOG } = {},
) {
  const { id } = await api(url, headers, 'POST', `${base}/assessments`, {
    catalogId,
    name,
    period: '115年度',
  });
  const { items } = await api(url, headers, 'GET', `${base}/assessments/${id}`);
  for (const item of items) {
    const gap = item.number % 5 === 0;
    await api(url, headers, 'PATCH', `${base}/assessment-items/${item.id}`, {
      version: item.version,
      result: gap ? 'partially_compliant' : 'compliant',
      explanation: '依本公司資訊安全政策及作業程序辦理，並保存相關紀錄備查。'.repeat(3),
      ...(gap
        ? { compensatingControl: '以人工覆核及每季檢視替代，並列管改善。', dueDate: '2027-06-30' }
        : {}),
    });
    for (let n = 1; n <= linksPerItem; n++) {
      const evidence = await api(url, headers, 'POST', `${base}/evidence/links`, {
        title: `佐證 ${item.number}-${n}`,
        url: `https://intranet.example/evidence/${item.number}/${n}`,
      });
      await api(url, headers, 'PUT', `${base}/assessment-items/${item.id}/evidence/${evidence.id}`);
    }
  }
  return id;
}

/** Creates the organisation and its assessor through the CLI, before the server starts. */
export function createAssessor(env, { email, password, org }) {
  cli(
    [
      'user',
      'create',
      '--email',
      email,
      '--name',
      'Load Tester',
      '--password-stdin',
      '--org',
      org,
      '--role',
      'assessor',
    ],
    env,
    `${password}\n`,
  );
}

/** CPU time (user + system, ms) a process has used so far: load-independent cost per request. */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Item updates with autocannon. autocannon resets a connection's context between requests, so the items
 * live here: each request takes an item no other connection is editing and sends the version it last saw,
 * like a real editor. Returns autocannon's result, the acknowledged updates per item, and the conflicts.
 */
export async function driveItemUpdates(url, headers, base, items, { connections, duration }) {
  const versions = new Map(items.map((item) => [item.id, item.version]));
  const free = items.map((item) => item.id);
  const acknowledged = new Map(items.map((item) => [item.id, 0]));
  let n = 0;
  let conflicts = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
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
          if (status === 200) {
            versions.set(context.itemId, parsed.version);
            acknowledged.set(context.itemId, acknowledged.get(context.itemId) + 1);
          }
          if (status === 409) {
            conflicts += 1;
            versions.set(context.itemId, parsed.details.current.version);
          }
          free.push(context.itemId);
        },
      },
    ],
  });
  return { result, acknowledged, conflicts };
}
