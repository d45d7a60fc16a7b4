import { Type } from 'typebox';
import type { Grants } from './access.js';
import { type OrgPermission, ROLES, type Role, roleGrants } from './permissions.js';

/**
 * What the caller may do with a resource, sent with the resource (as Outline does), so the web shows or
 * disables each action from the server's own rules instead of re-implementing them. When an action is
 * refused, `reason` says why in a stable code and `roles` names the roles that could take it; `items`
 * lists the item numbers that block it (e.g. the items still 未評 when submitting).
 */
export interface Ability {
  allowed: boolean;
  reason: string | null;
  roles: Role[];
  items?: number[];
}

export const AbilitySchema = Type.Object(
  {
    allowed: Type.Boolean(),
    reason: Type.Union([Type.Null(), Type.String()]),
    roles: Type.Array(Type.Unsafe<Role>({ type: 'string', enum: [...ROLES] })),
    items: Type.Optional(Type.Array(Type.Integer())),
  },
  { title: 'Ability' },
);

/** The roles whose permissions include `permission` (what the web names as "who can do this"). */
export function rolesGranting(permission: OrgPermission): Role[] {
  return ROLES.filter((role) => roleGrants(role, permission));
}

/** A condition of the resource itself that blocks an action the caller's role would allow. */
export interface Blocker {
  reason: string;
  items?: number[];
}

/**
 * The caller's ability for one action: refused with `ROLE_REQUIRED` when the role (or the token) lacks the
 * permission, else refused by the first blocker that applies, else allowed.
 */
export function ability(
  grants: Grants | null,
  permission: OrgPermission,
  ...blockers: Array<Blocker | null | undefined | false>
): Ability {
  const roles = rolesGranting(permission);
  if (!grants?.permissions.includes(permission)) return { allowed: false, reason: 'ROLE_REQUIRED', roles };
  const blocker = blockers.find((b): b is Blocker => Boolean(b));
  if (blocker)
    return { allowed: false, reason: blocker.reason, roles, ...(blocker.items && { items: blocker.items }) };
  return { allowed: true, reason: null, roles };
}
