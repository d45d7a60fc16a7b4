import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../platform/errors.js';
import { ID_KINDS, type IdKind, type IdKindSpec, type IdOwner, type RouteIds } from './id-kinds.js';

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
  memo?: OwnedIdMemo,
): Promise<void> {
  for (const [kind, set] of declaredIds(ids, request)) {
    const spec: IdKindSpec = ID_KINDS[kind];
    const remember = spec.stableOwner && memo && owner.orgId ? memo : undefined;
    const wanted = [...set].filter((id) => !remember?.has(kind, owner.orgId!, id));
    if (wanted.length === 0) continue;
    const owned = await spec.owned(db, owner, wanted);
    if (wanted.some((id) => !owned.has(id))) throw new AppError(404, spec.notFound);
    for (const id of wanted) remember?.add(kind, owner.orgId!, id);
  }
}

/**
 * Ids already confirmed as an organisation's own, for kinds whose owner never changes: a repeat request
 * for the same record skips one query. Only confirmations are kept, never refusals, so another
 * organisation's id is asked of the database every time and answers 404 as before; a record deleted since
 * passes this check and is then not found by its scoped repository (404 all the same). Bounded by count.
 */
export class OwnedIdMemo {
  private readonly confirmed = new Set<string>();

  constructor(readonly maxEntries = 20_000) {}

  has(kind: IdKind, orgId: string, id: string): boolean {
    return this.confirmed.has(`${kind}/${orgId}/${id}`);
  }

  add(kind: IdKind, orgId: string, id: string): void {
    // Cheaper than LRU bookkeeping on every hit: when full, start again (the next requests re-confirm).
    if (this.confirmed.size >= this.maxEntries) this.confirmed.clear();
    this.confirmed.add(`${kind}/${orgId}/${id}`);
  }
}
