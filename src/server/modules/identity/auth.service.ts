import { AppError } from '../../platform/errors.js';
import { randomToken, sha256Hex } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import './identity.errors.js';
import type { Db } from '../assessments/assessments.repository.js';
import { sessionHandle } from './id-kinds.js';
import type { IdentityRepository, UserRow } from './identity.repository.js';
import type { LoginThrottle } from './login-throttle.js';
import { verifyPassword } from './passwords.js';
import type { TotpCodes } from './totp.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  verified: boolean;
}

/** Passwords, lockout, sessions and the second factor at sign-in and sign-off. */
export class AuthService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    private readonly totp: TotpCodes,
    readonly policy: SessionPolicy,
  ) {}

  /**
   * Account events (sign-in, second factor, password) belong to no organisation, so they go on the platform
   * chain; a copy goes on the chain of every organisation the user belongs to (a membership they accepted),
   * so that each organisation's admins and auditors see their own members' sign-ins and 2FA changes.
   */
  async recordAccountEvent(
    trx: Db,
    userId: string | null,
    entry: Omit<Parameters<AuditService['record']>[1], 'orgId'>,
  ): Promise<void> {
    await this.audit.record(trx, { ...entry, orgId: null });
    if (!userId) return;
    for (const membership of await this.repo.membershipsOfUser(userId, trx))
      await this.audit.record(trx, { ...entry, orgId: membership.id });
  }

  private recordAccountEventNow(
    userId: string | null,
    entry: Parameters<AuthService['recordAccountEvent']>[2],
  ) {
    return this.repo.transaction((trx) => this.recordAccountEvent(trx, userId, entry));
  }

  /**
   * Wrong password and unknown e-mail give the same 401 body and take the same argon2 time. The attempt is
   * counted before the password is checked (login-throttle.ts), keyed by the e-mail as typed, so a lock looks
   * the same for existing and non-existing accounts and parallel guesses cannot outrun it.
   */
  async login(email: string, password: string, meta: LoginMeta, replacing?: string): Promise<NewSession> {
    const key = email.trim().toLowerCase();
    const failures = await this.throttle.reserve(key);
    const user = await this.repo.findUserByEmail(key);
    if (!user || !(await verifyPassword(user.password_hash, password))) {
      await this.recordAccountEventNow(user?.id ?? null, {
        actorUserId: user?.id ?? null,
        action: 'auth.login.failure',
        targetType: 'user',
        targetId: user?.id ?? 'unknown',
        after: { failures },
      });
      throw new AppError(401, 'INVALID_CREDENTIALS');
    }
    await this.throttle.succeeded(key);
    // Rotation: the session presented before login (if any) is dropped; the new id is fresh.
    if (replacing) await this.repo.deleteSession(sha256Hex(replacing));
    const session = await this.createSession(
      user,
      { verified: user.totp_enabled === 0, scopeOrgId: null },
      meta,
    );
    await this.recordAccountEventNow(user.id, {
      actorUserId: user.id,
      action: user.totp_enabled ? 'auth.login.password' : 'auth.login.success',
      targetType: 'user',
      targetId: user.id,
    });
    return session;
  }

  /**
   * A login proven by an organisation's identity provider (SSO). The session reaches that organisation only,
   * and a user with TOTP enrolled must still complete the second factor.
   */
  async loginExternal(
    user: UserRow,
    meta: LoginMeta,
    context: { orgId: string; method: 'sso' },
    replacing?: string,
  ): Promise<NewSession> {
    if (replacing) await this.repo.deleteSession(sha256Hex(replacing));
    const session = await this.createSession(
      user,
      { verified: user.totp_enabled === 0, scopeOrgId: context.orgId },
      meta,
    );
    await this.repo.transaction((trx) =>
      this.audit.record(trx, {
        orgId: context.orgId,
        actorUserId: user.id,
        action: user.totp_enabled ? `auth.login.${context.method}` : 'auth.login.success',
        targetType: 'user',
        targetId: user.id,
        after: { method: context.method },
      }),
    );
    return session;
  }

  private async createSession(
    user: UserRow,
    options: { verified: boolean; scopeOrgId: string | null; expiresAt?: string },
    meta: LoginMeta,
  ): Promise<NewSession> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const now = new Date();
    await this.repo.insertSession(this.repo.db, {
      id_hash: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      verified: options.verified ? 1 : 0,
      second_factor_at: options.verified && user.totp_enabled ? now.toISOString() : null,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at:
        options.expiresAt ?? new Date(now.getTime() + this.policy.absoluteHours * 3_600_000).toISOString(),
      scope_org_id: options.scopeOrgId,
    });
    return { token, csrfToken, verified: options.verified };
  }

  /**
   * Completes a login that awaits its second factor (a TOTP code, or a single-use recovery code) and rotates
   * the session: the half-signed-in id is dropped and a new one issued, so a session id seen before the
   * second factor is worth nothing after it.
   */
  async completeSecondFactor(
    sessionToken: string,
    input: { code?: string; recoveryCode?: string },
    meta: LoginMeta,
  ): Promise<NewSession> {
    const session = await this.repo.findSession(sha256Hex(sessionToken));
    if (!session || session.verified === 1) throw new AppError(401, 'UNAUTHENTICATED');
    const user = await this.repo.findUser(session.user_id);
    if (!user) throw new AppError(401, 'UNAUTHENTICATED');
    const ok = await this.checkSecondFactor(user, input);
    await this.recordAccountEventNow(user.id, {
      actorUserId: user.id,
      action: ok ? 'auth.login.success' : 'auth.login.totp-failure',
      targetType: 'user',
      targetId: user.id,
      after: { method: input.recoveryCode ? 'recovery-code' : 'totp' },
    });
    if (!ok) throw new AppError(401, 'TOTP_INVALID');
    await this.repo.deleteSession(session.id_hash);
    return this.createSession(
      user,
      { verified: true, scopeOrgId: session.scope_org_id, expiresAt: session.expires_at },
      meta,
    );
  }

  /** Codes are guessable in principle: the same reserved-attempt backoff as passwords, per person. */
  private async checkSecondFactor(user: UserRow, input: { code?: string; recoveryCode?: string }) {
    const key = `second-factor:${user.id}`;
    await this.throttle.reserve(key);
    const ok = input.recoveryCode
      ? await this.repo.consumeRecoveryCode(user.id, sha256Hex(normaliseRecoveryCode(input.recoveryCode)))
      : await this.totp.consume(user, input.code ?? '');
    if (ok) await this.throttle.succeeded(key);
    return ok;
  }

  /** Re-confirms the second factor at a sensitive moment (sign-off): a fresh code, never one used before. */
  async reconfirmSecondFactor(userId: string, code: string | undefined): Promise<boolean> {
    const user = await this.repo.findUser(userId);
    if (user?.totp_enabled !== 1 || !code) return false;
    return this.checkSecondFactor(user, { code });
  }

  /**
   * The session behind a cookie, if still within its idle and absolute limits, with its person's flags
   * and, when `orgId` is given, their membership there (see `findSessionAccess`).
   */
  async resolveSession(token: string, orgId: string | null = null) {
    const idHash = sha256Hex(token);
    const session = await this.repo.findSessionAccess(idHash, orgId);
    if (!session) return undefined;
    const now = Date.now();
    const idleExpired = now - Date.parse(session.last_seen_at) > this.policy.idleMinutes * 60_000;
    if (idleExpired || now > Date.parse(session.expires_at)) {
      await this.repo.deleteSession(idHash);
      return undefined;
    }
    // Touch at most once a minute: idle tracking without a write per request.
    if (now - Date.parse(session.last_seen_at) > 60_000)
      await this.repo.updateSession(idHash, { last_seen_at: new Date(now).toISOString() });
    return session;
  }

  async logout(token: string): Promise<void> {
    await this.repo.deleteSession(sha256Hex(token));
  }

  async logoutEverywhere(userId: string): Promise<void> {
    await this.repo.transaction(async (trx) => {
      await this.repo.deleteSessionsOfUser(trx, userId);
      await this.recordAccountEvent(trx, userId, {
        actorUserId: userId,
        action: 'auth.logout-everywhere',
        targetType: 'user',
        targetId: userId,
      });
    });
  }

  /** Ends one of the person's own sessions, named by the handle the session list shows. */
  async revokeSession(userId: string, handle: string): Promise<void> {
    const target = (await this.repo.sessionsOfUser(userId)).find((s) => sessionHandle(s.id_hash) === handle);
    if (!target) throw new AppError(404, 'NOT_FOUND');
    await this.repo.transaction(async (trx) => {
      await this.repo.deleteSession(target.id_hash, trx);
      await this.recordAccountEvent(trx, userId, {
        actorUserId: userId,
        action: 'auth.session.revoke',
        targetType: 'user',
        targetId: userId,
        after: { session: handle, ip: target.ip, createdAt: target.created_at },
      });
    });
  }

  /** A new password ends every other session of the person (a thief's included); this one stays. */
  async changePassword(
    userId: string,
    current: string,
    next: string,
    keepSessionToken?: string,
  ): Promise<void> {
    const user = await this.repo.findUser(userId);
    if (!user?.password_hash || !(await verifyPassword(user.password_hash, current)))
      throw new AppError(401, 'INVALID_CREDENTIALS');
    const { ensureStrongPassword, hashPassword } = await import('./passwords.js');
    ensureStrongPassword(next, { email: user.email, name: user.display_name });
    const hash = await hashPassword(next);
    await this.repo.transaction(async (trx) => {
      await this.repo.updateUser(trx, userId, { password_hash: hash, updated_at: new Date().toISOString() });
      await this.repo.deleteSessionsOfUser(
        trx,
        userId,
        keepSessionToken ? sha256Hex(keepSessionToken) : undefined,
      );
      await this.recordAccountEvent(trx, userId, {
        actorUserId: userId,
        action: 'auth.password.change',
        targetType: 'user',
        targetId: userId,
        after: { otherSessionsEnded: true },
      });
    });
  }
}

export const normaliseRecoveryCode = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
