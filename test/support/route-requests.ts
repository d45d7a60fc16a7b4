import { randomUUID } from 'node:crypto';
import type { IdKind } from '../../src/server/modules/identity/id-kinds.js';
import type { RegisteredRoute } from '../../src/server/platform/route-permission.js';
import { multipart } from './multipart.js';
import { sampleOf, validSample } from './schema-samples.js';
import { CATALOG_REF } from './tenant-records.js';

/** Where one declared id sits in a request. */
export interface IdPosition {
  where: 'params' | 'query' | 'body';
  path: string;
  kind: IdKind;
}

export function idPositions(route: RegisteredRoute): IdPosition[] {
  const out: IdPosition[] = [];
  for (const where of ['params', 'query', 'body'] as const)
    for (const [path, kind] of Object.entries(route.ids[where] ?? {})) out.push({ where, path, kind });
  return out;
}

/** Values for ids that are not Jianhe records, by parameter name. */
const EXTERNAL_PARAMS: Record<string, string> = { catalogId: CATALOG_REF, token: 'A'.repeat(43) };

export interface BuiltRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: string | Buffer | Record<string, unknown>;
  headers: Record<string, string>;
}

type SchemaMap = Record<string, unknown> & {
  params?: unknown;
  querystring?: { properties?: Record<string, unknown>; required?: string[] };
  body?: unknown;
  consumes?: string[];
};

/**
 * A schema-valid request for `route` in organisation `orgId`: every declared id gets `ids[kind]` (a random
 * UUID when absent), except `replace`, which gets its own value — the foreign id under test.
 */
export function buildRequest(
  route: RegisteredRoute,
  options: { orgId: string; ids?: Partial<Record<IdKind, string>>; replace?: IdPosition & { value: string } },
): BuiltRequest {
  const schema = (route.schema ?? {}) as SchemaMap;
  const valueFor = (where: IdPosition['where'], path: string, kind: IdKind): string | undefined => {
    if (options.replace && options.replace.where === where && options.replace.path === path)
      return options.replace.value;
    if (kind === 'external') return where === 'params' ? EXTERNAL_PARAMS[path] : undefined;
    return options.ids?.[kind] ?? randomUUID();
  };
  const overrides = (where: IdPosition['where']) =>
    Object.fromEntries(
      Object.entries(route.ids[where] ?? {})
        .map(([path, kind]) => [path, valueFor(where, path, kind)] as const)
        .filter(([, value]) => value !== undefined),
    );

  const params = {
    ...((sampleOf(schema.params as never) as Record<string, string>) ?? {}),
    ...overrides('params'),
  };
  const url = route.url
    .replace(':orgId', options.orgId)
    .replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name] ?? randomUUID())));

  // Query: only what is required or declared, so optional cursors and filters do not change the outcome.
  const query = schema.querystring
    ? (validSample(
        schema.querystring as never,
        overrides('query'),
        `${route.method} ${route.url} query`,
      ) as Record<string, unknown>)
    : {};
  const keep = new Set([...(schema.querystring?.required ?? []), ...Object.keys(route.ids.query ?? {})]);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (keep.has(key) && value !== undefined && value !== null) search.set(key, String(value));
  const fullUrl = search.size > 0 ? `${url}?${search}` : url;

  const method = route.method as BuiltRequest['method'];
  if (schema.consumes?.includes('multipart/form-data'))
    return {
      method,
      url: fullUrl,
      ...multipart(
        {},
        { name: 'probe.pdf', content: Buffer.from('%PDF-1.7\n%%EOF\n'), type: 'application/pdf' },
      ),
    };
  if (method === 'GET' || method === 'DELETE') return { method, url: fullUrl, headers: {} };
  const body = schema.body
    ? (validSample(schema.body as never, overrides('body'), `${route.method} ${route.url} body`) as Record<
        string,
        unknown
      >)
    : {};
  return { method, url: fullUrl, payload: body, headers: {} };
}
