import '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { sha256Hex } from '../../platform/secrets.js';
import type { AuthService } from './auth.service.js';
import type { IdentityRepository } from './identity.repository.js';
import {
  isOrgPermission,
  isRole,
  type OrgPermission,
  ROLE_PERMISSIONS,
  ROLES_REQUIRING_2FA,
  type Role,
  type RouteRequirement,
  roleGrants,
} from './permissions.js';

export const SESSION_COOKIE = 'jianhe_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Who is calling. A session or an API token; tokens are bound to one organisation and a permission subset. */
export interface Auth {
  userId: string;
  email: string;
  platformAdmin: boolean;
  totpEnabled: boolean;
  via: 'session' | 'token';
  /** Session: the password (and second factor, when enrolled) are verified. */
  verified: boolean;
  csrfToken: string | null;
  token?: { id: string; orgId: string; permissions: OrgPermission[] };
  /**
   * A session opened by an organisation's identity provider reaches that organisation only: its provider
   * vouches for this person there and nowhere else (no other organisation, no platform administration).
   */
  scopeOrgId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth | null;
  }
}

/**
 * What the caller holds in the organisation of the request, once access is granted: the routes use it to
 * tell the web what the caller may do with each resource (abilities), so the web never re-derives the rules.
 */
export interface Grants {
  role: Role;
  /** The role's permissions, narrowed to the token's when the caller uses an API token. */
  permissions: readonly OrgPermission[];
  /** Sign-off re-confirms a second factor, which only a browser session can do. */
  secondFactorSession: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place access is decided: `checkAccess(auth, permission, { orgId })`.
 * Outsiders of an organisation get 404 — as if it did not exist — so ids leak nothing; members
 * without the permission get 403.
 */
export async function checkAccess(
  repo: IdentityRepository,
  auth: Auth | null,
  permission: RouteRequirement,
  ids: { orgId?: string } = {},
): Promise<Grants | null> {
  if (permission === 'public' || permission === 'link-token') return null;
  if (!auth?.verified) throw new AppError(401, 'UNAUTHENTICATED');
  if (permission === 'authenticated') return null;
  if (permission === 'session') {
    if (auth.via !== 'session') throw new AppError(403, 'FORBIDDEN');
    return null;
  }
  if (permission === 'platform:manage') {
    if (!auth.platformAdmin || auth.via === 'token' || auth.scopeOrgId) throw new AppError(403, 'FORBIDDEN');
    return null;
  }
  if (!isOrgPermission(permission)) throw new AppError(500, 'INTERNAL_ERROR');
  if (!ids.orgId) throw new AppError(404, 'NOT_FOUND');
  if (auth.token && auth.token.orgId !== ids.orgId) throw new AppError(404, 'NOT_FOUND');
  if (auth.scopeOrgId && auth.scopeOrgId !== ids.orgId) throw new AppError(404, 'NOT_FOUND');
  const membership = await repo.membership(ids.orgId, auth.userId);
  if (!membership || !isRole(membership.role)) throw new AppError(404, 'NOT_FOUND');
  const needsSecondFactor = membership.require_2fa === 1 || ROLES_REQUIRING_2FA.includes(membership.role);
  // Tokens too: an admin or approver without a second factor cannot act through a token either.
  if (needsSecondFactor && !auth.totpEnabled) throw new AppError(403, 'TWO_FACTOR_ENROLMENT_REQUIRED');
  if (!roleGrants(membership.role, permission)) throw new AppError(403, 'FORBIDDEN');
  if (auth.token && !auth.token.permissions.includes(permission)) throw new AppError(403, 'FORBIDDEN');
  const held = ROLE_PERMISSIONS[membership.role];
  return {
    role: membership.role,
    permissions: auth.token ? held.filter((p) => auth.token!.permissions.includes(p)) : held,
    secondFactorSession: auth.via === 'session',
  };
}

/** Resolves `request.auth` from the bearer token or the session cookie. */
export async function authenticate(
  request: FastifyRequest,
  repo: IdentityRepository,
  auth: AuthService,
): Promise<Auth | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const token = await repo.findTokenByHash(sha256Hex(header.slice(7).trim()));
    if (!token || token.revoked_at || Date.parse(token.expires_at) < Date.now())
      throw new AppError(401, 'UNAUTHENTICATED');
    const user = await repo.findUser(token.user_id);
    if (!user) throw new AppError(401, 'UNAUTHENTICATED');
    await repo.touchToken(token.id);
    return {
      userId: user.id,
      email: user.email,
      platformAdmin: false,
      totpEnabled: user.totp_enabled === 1,
      via: 'token',
      verified: true,
      csrfToken: null,
      scopeOrgId: null,
      token: {
        id: token.id,
        orgId: token.org_id,
        permissions: (JSON.parse(token.permissions) as string[]).filter(isOrgPermission),
      },
    };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return null;
  const resolved = await auth.resolveSession(cookie);
  if (!resolved) return null;
  return {
    userId: resolved.user.id,
    email: resolved.user.email,
    platformAdmin: resolved.user.platform_admin === 1,
    totpEnabled: resolved.user.totp_enabled === 1,
    via: 'session',
    verified: resolved.session.verified === 1,
    csrfToken: resolved.session.csrf_token,
    scopeOrgId: resolved.session.scope_org_id,
  };
}

/** Cookie-authenticated writes must echo the session's CSRF token in a header (synchronizer token). */
export function checkCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method) || request.auth?.via !== 'session') return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || sent !== request.auth.csrfToken)
    throw new AppError(403, 'CSRF_TOKEN_INVALID');
}

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

export function isSecureRequest(request: FastifyRequest, publicUrl: string | null): boolean {
  return request.protocol === 'https' || (publicUrl?.startsWith('https://') ?? false);
}

export type AccessHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
