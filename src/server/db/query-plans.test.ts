import path from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../../test/support/databases.js';
import { login, seedOrganization } from '../../../test/support/identity.js';
import { CATALOG_REF } from '../../../test/support/tenant-records.js';
import { createServices } from '../modules/services.js';
import type { App } from '../platform/app.js';
import { type DatabaseKind, openDatabase } from './database.js';

/**
 * The query plans of the hot requests, committed as snapshots (`query-plans/<database>.txt`), so a
 * change in plan (an index no longer used, a new full scan) shows in review. Each request runs against a
 * seeded organisation; every statement it executes is explained on the same database: SQLite's
 * EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN (COSTS OFF) after ANALYZE with sequential scans disabled, so
 * the plan shows whether an index serves the query rather than what a table of a few rows costs.
 * Update after an intended change with `npx vitest run src/server/db/query-plans.test.ts -u`.
 */
const HOT_REQUESTS = [
  ['full assessment read', 'GET', '/api/v1/orgs/{org}/assessments/{assessment}'],
  ['assessment list', 'GET', '/api/v1/orgs/{org}/assessments'],
  ['item history', 'GET', '/api/v1/orgs/{org}/assessment-items/{item}/history'],
  ['catalog items', 'GET', `/api/v1/catalogs/${encodeURIComponent(CATALOG_REF)}/items`],
  ['item update', 'PATCH', '/api/v1/orgs/{org}/assessment-items/{item}'],
] as const;

const EXPLAINED = /^\s*(select|insert|update|delete|with)\b/i;

/** The plan of one statement, one line per step. */
type Explain = (statement: string, parameters: readonly unknown[]) => Promise<string[]>;

function sqliteExplain(db: TestDatabase): Explain {
  return async (statement, parameters) =>
    (
      await db.handle.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${statement}`, [...parameters]),
      )
    ).rows.map((r) => r.detail);
}

async function postgresExplain(url: string): Promise<{ explain: Explain; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The generic plan (placeholders, not this run's ids), and an index wherever one can serve.
  await client.query('set enable_seqscan = off');
  await client.query('set plan_cache_mode = force_generic_plan');
  const literal = (value: unknown) =>
    value === null ? 'null' : typeof value === 'number' ? String(value) : client.escapeLiteral(String(value));
  return {
    explain: async (statement, parameters) => {
      await client.query(`prepare plan_probe as ${statement}`);
      try {
        const args = parameters.length > 0 ? `(${parameters.map(literal).join(', ')})` : '';
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `explain (costs off) execute plan_probe${args}`,
        );
        return rows.map((r) => r['QUERY PLAN']);
      } finally {
        await client.query('deallocate plan_probe');
      }
    },
    close: () => client.end(),
  };
}

function describePlans(kind: DatabaseKind) {
  const available = kind === 'sqlite' || postgresUrl() !== null;
  describe.skipIf(!available)(`query plans of the hot requests [${kind}]`, () => {
    let db: TestDatabase;
    let app: App;
    let recorded: Array<{ sql: string; parameters: readonly unknown[] }> = [];
    let paths: Record<string, string>;
    let session: Awaited<ReturnType<typeof login>>;
    let itemVersion: number;
    let explain: Explain;
    let closeExplain = async () => {};

    beforeAll(async () => {
      const seeded = await openTestDatabase(kind);
      // The same database, through a handle that records every statement.
      const handle = openDatabase(seeded.config.database, {
        onQuery: (query) => recorded.push({ sql: query.sql, parameters: query.parameters }),
      });
      db = { ...seeded, handle, services: createServices({ config: seeded.config, database: handle }) };
      const org = await seedOrganization(db, 'Query Plan Securities');
      app = await createTestApp(db);
      session = await login(app, org.users.assessor);
      const headers = { ...session.headers };
      const base = `/api/v1/orgs/${org.orgId}`;
      const created = await app.inject({
        method: 'POST',
        url: `${base}/assessments`,
        headers,
        payload: { catalogId: CATALOG_REF, name: 'Plans 115年度', period: '115年度' },
      });
      const assessmentId = created.json<{ id: string }>().id;
      // A year's worth of assessments besides it, so plans are those of an organisation with history.
      for (let n = 2; n <= 10; n++)
        await app.inject({
          method: 'POST',
          url: `${base}/assessments`,
          headers,
          payload: { catalogId: CATALOG_REF, name: `Plans ${n}`, period: '115年度' },
        });
      const detail = await app.inject({ method: 'GET', url: `${base}/assessments/${assessmentId}`, headers });
      const items = detail.json<{ items: Array<{ id: string; version: number }> }>().items;
      const first = items[0]!;
      const answered = await app.inject({
        method: 'PATCH',
        url: `${base}/assessment-items/${first.id}`,
        headers,
        payload: { version: first.version, result: 'compliant', explanation: '已依政策辦理。' },
      });
      if (answered.statusCode !== 200) throw new Error(`seeding: ${answered.body}`);
      for (const item of items.slice(0, 5)) {
        const link = await app.inject({
          method: 'POST',
          url: `${base}/evidence/links`,
          headers,
          payload: { title: '佐證', url: 'https://intranet.example/evidence' },
        });
        await app.inject({
          method: 'PUT',
          url: `${base}/assessment-items/${item.id}/evidence/${link.json<{ id: string }>().id}`,
          headers,
        });
      }
      const current = await app.inject({
        method: 'GET',
        url: `${base}/assessment-items/${first.id}`,
        headers,
      });
      itemVersion = current.json<{ version: number }>().version;
      paths = { org: org.orgId, assessment: assessmentId, item: first.id };
      if (kind === 'postgres') {
        await sql`analyze`.execute(db.handle.db);
        const postgres = await postgresExplain(db.url!);
        explain = postgres.explain;
        closeExplain = postgres.close;
      } else {
        explain = sqliteExplain(db);
      }
    });

    afterAll(async () => {
      await closeExplain();
      await app?.close();
      await db?.handle.close();
      await db?.dispose();
    });

    it('match the committed snapshot', async () => {
      const lines: string[] = [];
      for (const [name, method, template] of HOT_REQUESTS) {
        const url = template.replace(/\{(\w+)\}/g, (_, key: string) => paths[key]!);
        recorded = [];
        const response = await app.inject({
          method,
          url,
          headers: session.headers,
          ...(method === 'PATCH' ? { payload: { version: itemVersion, explanation: '補充說明。' } } : {}),
        });
        expect(response.statusCode, `${name}: ${response.body}`).toBe(200);
        const statements = recorded.filter((q) => EXPLAINED.test(q.sql));
        // How many statements the request ran (each counted, transaction control included), so a change
        // in how much work one request does shows in review as well as a change in plan.
        lines.push(`## ${name}: ${method} ${template}`, '', `${recorded.length} statements executed`, '');
        // Each statement once, in a stable order (some run concurrently, so execution order varies).
        const unique = [...new Map(statements.map((q) => [q.sql, q])).values()].sort((a, b) =>
          a.sql < b.sql ? -1 : 1,
        );
        for (const statement of unique) {
          lines.push(statement.sql);
          for (const step of await explain(statement.sql, statement.parameters)) lines.push(`  ${step}`);
          lines.push('');
        }
      }
      await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(
        path.join(import.meta.dirname, 'query-plans', `${kind}.txt`),
      );
    });
  });
}

describePlans('sqlite');
describePlans('postgres');
