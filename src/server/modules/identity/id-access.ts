import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { ID_KINDS, type IdKind, type IdOwner, type RouteIds } from './id-kinds.js';

/** Values found at `path` (`a.b`, `items[].id`) inside `value`; arrays along the way are flattened. */
export function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const raw of path.split('.')) {
    const many = raw.endsWith('[]');
    const key = many ? raw.slice(0, -2) : raw;
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object') continue;
      const child = (item as Record<string, unknown>)[key];
      if (many) {
        if (Array.isArray(child)) next.push(...child);
      } else {
        next.push(child);
      }
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

/** Every declared id of a request, grouped by kind (nulls and absent optional fields skipped). */
export function declaredIds(
  ids: RouteIds,
  request: { params?: unknown; query?: unknown; body?: unknown },
): Map<IdKind, Set<string>> {
  const byKind = new Map<IdKind, Set<string>>();
  const add = (kind: IdKind, values: unknown[]) => {
    for (const value of values) {
      // Absent, null (and "" — never an id) leave nothing to resolve; schemas put Null first so that
      // validation's type coercion cannot turn a null into "".
      if (typeof value !== 'string' || value === '') continue;
      const set = byKind.get(kind) ?? new Set<string>();
      set.add(value);
      byKind.set(kind, set);
    }
  };
  for (const [name, kind] of Object.entries(ids.params ?? {})) add(kind, valuesAt(request.params, name));
  for (const [name, kind] of Object.entries(ids.query ?? {})) add(kind, valuesAt(request.query, name));
  for (const [path, kind] of Object.entries(ids.body ?? {})) add(kind, valuesAt(request.body, path));
  return byKind;
}

/**
 * The one access check for ids (after the route's permission): each kind's set of ids is resolved in one
 * query, and any id that is not the caller's — another organisation's, or none at all, alone or mixed with
 * the caller's own — answers that kind's 404, before the handler runs. Repositories stay scoped as well.
 */
export async function checkIds(
  db: Kysely<Database>,
  owner: IdOwner,
  ids: RouteIds,
  request: { params?: unknown; query?: unknown; body?: unknown },
): Promise<void> {
  for (const [kind, set] of declaredIds(ids, request)) {
    const wanted = [...set];
    const spec = ID_KINDS[kind];
    const owned = await spec.owned(db, owner, wanted);
    if (wanted.some((id) => !owned.has(id))) throw new AppError(404, spec.notFound);
  }
}
