import type { FastifyInstance } from 'fastify';
import type { RouteIds } from '../modules/identity/id-kinds.js';
import type { RegisteredRoute } from './route-permission.js';

/** Path parameters that name no tenant record: the organisation itself, and public or link-token routes' own. */
const SELF_DESCRIBING_PARAMS = new Set(['orgId']);

/** A field that by its name carries an id (`assessmentId`, `evidenceIds`). */
const ID_FIELD = /Ids?$/;

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** Paths of every `…Id`/`…Ids` field in a schema, in the `a.b` / `list[].id` form `config.ids` uses. */
export function idFieldPaths(schema: unknown, prefix = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as JsonSchema;
  const out: string[] = [];
  for (const branch of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
    out.push(...idFieldPaths(branch, prefix));
  if (s.items) out.push(...idFieldPaths(s.items, prefix.replace(/\.$/, '[].')));
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const path = `${prefix}${name}`;
    if (ID_FIELD.test(name)) out.push(path);
    out.push(...idFieldPaths(child, `${path}.`));
  }
  return [...new Set(out)];
}

/** What a route leaves undeclared: path parameters and id-named fields missing from `config.ids`. */
export function undeclaredIds(
  url: string,
  schema: Record<string, unknown> | undefined,
  ids: RouteIds,
): string[] {
  const missing: string[] = [];
  for (const [, name] of url.matchAll(/:([A-Za-z]+)/g)) {
    if (!SELF_DESCRIBING_PARAMS.has(name!) && !ids.params?.[name!]) missing.push(`params.${name}`);
  }
  for (const path of idFieldPaths(schema?.body)) if (!ids.body?.[path]) missing.push(`body.${path}`);
  for (const path of idFieldPaths(schema?.querystring)) if (!ids.query?.[path]) missing.push(`query.${path}`);
  return missing;
}

/**
 * Refuses, at registration time, any route in `scope` that does not declare `config.permission`, or that
 * takes an id it does not declare in `config.ids` (so the access layer resolves every id), and records the
 * rest in `sink` so the authorisation tests can enumerate every route.
 */
export function enforceRoutePermissions(scope: FastifyInstance, sink: RegisteredRoute[]): void {
  scope.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const permission = route.config?.permission;
    if (!permission) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no permission`);
    }
    const ids = route.config?.ids ?? {};
    const missing = undeclaredIds(route.url, route.schema as Record<string, unknown> | undefined, ids);
    if (missing.length > 0)
      throw new Error(
        `route ${methods.join(',')} ${route.url} takes ids it does not declare: ${missing.join(', ')}`,
      );
    for (const method of methods) {
      if (method !== 'HEAD') sink.push({ method, url: route.url, permission, ids, schema: route.schema });
    }
  });
}
