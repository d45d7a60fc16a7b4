import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Kysely's PostgreSQL driver sends every statement unnamed, so the server parses and plans it anew each
 * time. Jianhe's statements come from code (a bounded set of texts with placeholders), so each pooled
 * connection prepares each text once under a name derived from it, and later executions skip parse and
 * plan (PostgreSQL still re-plans when a table's definition changes).
 *
 * Only single data statements are named: a text with `;` (several commands cannot be prepared) or that is
 * not SELECT/INSERT/UPDATE/DELETE/WITH (DDL, SET, transaction control) is sent unnamed as before. The set
 * of names is bounded: past `MAX_NAMED` distinct texts (IN lists of many lengths, say), new texts go
 * unnamed, so no connection accumulates prepared statements without limit.
 *
 * A prepared `select *` fails with "cached plan must not change result type" (0A000) once its table
 * gains a column, as when another instance migrates the schema during a rolling deploy. The text is then
 * given a new name and sent again, prepared afresh. (Inside a transaction the retry cannot run, the
 * transaction being aborted: that one request fails and the next one uses the new name.)
 */
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;
const MAX_NAMED = 2_000;
const MAX_TEXT = 16_384;

const names = new Map<string, string>();
let renamed = 0;

/** The name under which `text` is prepared, or undefined when it is sent unnamed. */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known) return known;
  if (text.length > MAX_TEXT || text.includes(';') || !DATA_STATEMENT.test(text) || names.size >= MAX_NAMED)
    return undefined;
  const name = `j_${createHash('sha1').update(text).digest('base64url')}`;
  names.set(text, name);
  return name;
}

/** After the schema changed under a prepared text: a fresh name, so the next use prepares it anew. */
function rename(text: string): string {
  renamed += 1;
  const name = `j_${createHash('sha1').update(text).digest('base64url')}_${renamed}`;
  names.set(text, name);
  return name;
}

const RESULT_TYPE_CHANGED = (error: unknown) =>
  (error as { code?: string }).code === '0A000' &&
  /cached plan must not change result type/.test((error as Error).message);

type QueryFn = (...args: unknown[]) => unknown;

/** Makes every connection of `pool` prepare its data statements by name (see above). */
export function preparePooledStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    // Kysely calls query(text, values) and awaits it; cursors and other forms pass through unchanged.
    (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const name = args.length === 2 && typeof text === 'string' ? statementName(text) : undefined;
      if (!name) return query(...args);
      return (query({ name, text, values }) as Promise<unknown>).catch((error: unknown) => {
        if (!RESULT_TYPE_CHANGED(error)) throw error;
        return query({ name: rename(text as string), text, values });
      });
    };
  });
}
