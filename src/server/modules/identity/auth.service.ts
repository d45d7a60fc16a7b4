import { randomUUID } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import { AppError } from '../../platform/errors.js';
import { randomToken, type SecretBox, sha256Hex } from '../../platform/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import './identity.errors.js';
import type { Db } from '../assessments/assessments.repository.js';
import type { IdentityRepository, SessionRow, UserRow } from './identity.repository.js';
import { lockUntil } from './lockout.js';
import { passwordProblem } from './password-policy.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
}

// A real argon2id hash of a random string: unknown users are verified against it so their timing matches.
const DUMMY_HASH = argonHash(randomToken(24));
// One step of clock drift either way, as authenticator apps are often a few seconds off.
authenticator.options = { window: 1 };

export interface NewSession {
  token: string;
  csrfToken: string;
  verified: boolean;
}

/** Passwords, lockout, sessions and the second factor. */
export class AuthService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly audit: AuditService,
    private readonly secrets: SecretBox,
    readonly policy: SessionPolicy,
  ) {}

  /**
   * Account events (sign-in, second factor, password) belong to no organisation, so they go on the platform
   * chain; a copy goes on the chain of every organisation the user belongs to, so that each organisation's
   * admins and auditors see their own members' sign-ins and 2FA changes.
   */
  private async recordAccountEvent(
    trx: Db,
    userId: string | null,
    entry: Omit<Parameters<AuditService['record']>[1], 'orgId'>,
  ): Promise<void> {
    await this.audit.record(trx, { ...entry, orgId: null });
    if (!userId) return;
    for (const membership of await this.repo.membershipsOfUser(userId, trx))
      await this.audit.record(trx, { ...entry, orgId: membership.id });
  }

  hashPassword(password: string): Promise<string> {
    return argonHash(password);
  }

  ensureStrong(password: string, identity: { email: string; name?: string }): void {
    const problem = passwordProblem(password, identity);
    if (problem) throw new AppError(400, 'PASSWORD_TOO_WEAK', { reason: problem });
  }

  /**
   * Wrong password and unknown e-mail give the same 401 body and take the same argon2 time. Throttling is
   * keyed by the e-mail as typed, so a lock looks the same for existing and non-existing accounts.
   */
  async login(email: string, password: string, meta: LoginMeta, replacing?: string): Promise<NewSession> {
    const key = email.trim().toLowerCase();
    const now = new Date();
    const throttle = await this.repo.throttle(key);
    if (throttle?.locked_until && Date.parse(throttle.locked_until) > now.getTime()) {
      throw new AppError(429, 'LOGIN_LOCKED', {
        retryAfterSeconds: Math.ceil((Date.parse(throttle.locked_until) - now.getTime()) / 1000),
      });
    }
    const user = await this.repo.findUserByEmail(key);
    const ok = await argonVerify(user?.password_hash ?? (await DUMMY_HASH), password).catch(() => false);
    if (!user?.password_hash || !ok) {
      const failures = (throttle?.failures ?? 0) + 1;
      await this.repo.saveThrottle({
        key,
        failures,
        locked_until: lockUntil(failures, now)?.toISOString() ?? null,
        updated_at: now.toISOString(),
      });
      await this.repo.transaction((trx) =>
        this.recordAccountEvent(trx, user?.id ?? null, {
          actorUserId: user?.id ?? null,
          action: 'auth.login.failure',
          targetType: 'user',
          targetId: user?.id ?? 'unknown',
          after: { failures },
        }),
      );
      throw new AppError(401, 'INVALID_CREDENTIALS');
    }
    await this.repo.clearThrottle(key);
    // Rotation: the session presented before login (if any) is dropped; the new id is fresh.
    if (replacing) await this.repo.deleteSession(sha256Hex(replacing));
    const session = await this.createSession(user, user.totp_enabled === 0, meta);
    await this.repo.transaction((trx) =>
      this.recordAccountEvent(trx, user.id, {
        actorUserId: user.id,
        action: user.totp_enabled ? 'auth.login.password' : 'auth.login.success',
        targetType: 'user',
        targetId: user.id,
      }),
    );
    return session;
  }

  /**
   * A login proven by an external identity provider (SSO). It gets the same session, rotation and second-factor
   * rule as a password login: a user with TOTP enrolled must still complete the second factor.
   */
  async loginExternal(
    user: UserRow,
    meta: LoginMeta,
    context: { orgId: string; method: 'sso' },
    replacing?: string,
  ): Promise<NewSession> {
    if (replacing) await this.repo.deleteSession(sha256Hex(replacing));
    const session = await this.createSession(user, user.totp_enabled === 0, meta);
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

  private async createSession(user: UserRow, verified: boolean, meta: LoginMeta): Promise<NewSession> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const now = new Date();
    await this.repo.insertSession(this.repo.db, {
      id_hash: sha256Hex(token),
      user_id: user.id,
      csrf_token: csrfToken,
      verified: verified ? 1 : 0,
      second_factor_at: null,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.policy.absoluteHours * 3_600_000).toISOString(),
    });
    return { token, csrfToken, verified };
  }

  /** Completes a login that awaits its second factor: a TOTP code, or a single-use recovery code. */
  async completeSecondFactor(
    sessionToken: string,
    input: { code?: string; recoveryCode?: string },
  ): Promise<void> {
    const session = await this.repo.findSession(sha256Hex(sessionToken));
    if (!session || session.verified === 1) throw new AppError(401, 'UNAUTHENTICATED');
    const user = await this.repo.findUser(session.user_id);
    if (!user) throw new AppError(401, 'UNAUTHENTICATED');
    // Codes are guessable in principle: the same backoff as passwords, per user, across sessions.
    const key = `second-factor:${user.id}`;
    const now = new Date();
    const throttle = await this.repo.throttle(key);
    if (throttle?.locked_until && Date.parse(throttle.locked_until) > now.getTime()) {
      throw new AppError(429, 'LOGIN_LOCKED', {
        retryAfterSeconds: Math.ceil((Date.parse(throttle.locked_until) - now.getTime()) / 1000),
      });
    }
    const ok = input.recoveryCode
      ? await this.repo.consumeRecoveryCode(user.id, sha256Hex(normaliseRecoveryCode(input.recoveryCode)))
      : this.checkTotp(user, input.code ?? '');
    await this.repo.transaction((trx) =>
      this.recordAccountEvent(trx, user.id, {
        actorUserId: user.id,
        action: ok ? 'auth.login.success' : 'auth.login.totp-failure',
        targetType: 'user',
        targetId: user.id,
        after: { method: input.recoveryCode ? 'recovery-code' : 'totp' },
      }),
    );
    if (!ok) {
      const failures = (throttle?.failures ?? 0) + 1;
      await this.repo.saveThrottle({
        key,
        failures,
        locked_until: lockUntil(failures, now)?.toISOString() ?? null,
        updated_at: now.toISOString(),
      });
      throw new AppError(401, 'TOTP_INVALID');
    }
    await this.repo.clearThrottle(key);
    await this.repo.updateSession(session.id_hash, {
      verified: 1,
      second_factor_at: new Date().toISOString(),
    });
  }

  checkTotp(user: UserRow, code: string): boolean {
    if (!user.totp_secret || !/^\d{6}$/.test(code.trim())) return false;
    return authenticator.check(code.trim(), this.secrets.open(user.totp_secret));
  }

  /** Re-confirms the second factor at a sensitive moment (sign-off). */
  async reconfirmSecondFactor(userId: string, code: string | undefined): Promise<boolean> {
    const user = await this.repo.findUser(userId);
    return Boolean(user && user.totp_enabled === 1 && code && this.checkTotp(user, code));
  }

  /** The session behind a cookie, if still within its idle and absolute limits. */
  async resolveSession(token: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const idHash = sha256Hex(token);
    const session = await this.repo.findSession(idHash);
    if (!session) return undefined;
    const now = Date.now();
    const idleExpired = now - Date.parse(session.last_seen_at) > this.policy.idleMinutes * 60_000;
    if (idleExpired || now > Date.parse(session.expires_at)) {
      await this.repo.deleteSession(idHash);
      return undefined;
    }
    const user = await this.repo.findUser(session.user_id);
    if (!user) return undefined;
    // Touch at most once a minute: idle tracking without a write per request.
    if (now - Date.parse(session.last_seen_at) > 60_000)
      await this.repo.updateSession(idHash, { last_seen_at: new Date(now).toISOString() });
    return { session, user };
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

  async beginTotpEnrolment(
    userId: string,
  ): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
    const user = await this.repo.findUser(userId);
    if (!user) throw new AppError(404, 'USER_NOT_FOUND');
    // Re-enrolling would silently switch 2FA off; turning it off needs a current code (DELETE /me/totp).
    if (user.totp_enabled === 1) throw new AppError(409, 'TOTP_ALREADY_ENABLED');
    const secret = authenticator.generateSecret(20);
    await this.repo.updateUser(this.repo.db, userId, {
      totp_secret: this.secrets.seal(secret),
      totp_enabled: 0,
      updated_at: new Date().toISOString(),
    });
    const otpauthUrl = authenticator.keyuri(user.email, 'Jianhe 檢核', secret);
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl) };
  }

  /** Enables TOTP once a code proves the app is set up, and issues 10 single-use recovery codes. */
  async confirmTotpEnrolment(userId: string, code: string, sessionToken?: string): Promise<string[]> {
    const user = await this.repo.findUser(userId);
    if (!user || !this.checkTotp(user, code)) throw new AppError(400, 'TOTP_INVALID');
    const codes = Array.from({ length: 10 }, () => formatRecoveryCode(randomToken(12)));
    await this.repo.transaction(async (trx) => {
      await this.repo.updateUser(trx, userId, { totp_enabled: 1, updated_at: new Date().toISOString() });
      await this.repo.replaceRecoveryCodes(
        trx,
        userId,
        codes.map((c) => sha256Hex(normaliseRecoveryCode(c))),
      );
      await this.recordAccountEvent(trx, userId, {
        actorUserId: userId,
        action: 'auth.2fa.enable',
        targetType: 'user',
        targetId: userId,
      });
    });
    if (sessionToken)
      await this.repo.updateSession(sha256Hex(sessionToken), {
        verified: 1,
        second_factor_at: new Date().toISOString(),
      });
    return codes;
  }

  async disableTotp(userId: string, code: string): Promise<void> {
    const user = await this.repo.findUser(userId);
    if (!user || !this.checkTotp(user, code)) throw new AppError(400, 'TOTP_INVALID');
    await this.repo.transaction(async (trx) => {
      await this.repo.updateUser(trx, userId, {
        totp_enabled: 0,
        totp_secret: null,
        updated_at: new Date().toISOString(),
      });
      await this.repo.replaceRecoveryCodes(trx, userId, []);
      await this.recordAccountEvent(trx, userId, {
        actorUserId: userId,
        action: 'auth.2fa.disable',
        targetType: 'user',
        targetId: userId,
      });
    });
  }

  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const user = await this.repo.findUser(userId);
    if (!user?.password_hash || !(await argonVerify(user.password_hash, current).catch(() => false))) {
      throw new AppError(401, 'INVALID_CREDENTIALS');
    }
    this.ensureStrong(next, { email: user.email, name: user.display_name });
    const hash = await this.hashPassword(next);
    await this.repo.transaction(async (trx) => {
      await this.repo.updateUser(trx, userId, { password_hash: hash, updated_at: new Date().toISOString() });
      await this.recordAccountEvent(trx, userId, {
        actorUserId: userId,
        action: 'auth.password.change',
        targetType: 'user',
        targetId: userId,
      });
    });
  }

  newUserRow(email: string, name: string, passwordHash: string | null, platformAdmin: boolean): UserRow {
    const now = new Date().toISOString();
    return {
      id: randomUUID(),
      email: email.trim().toLowerCase(),
      display_name: name,
      password_hash: passwordHash,
      platform_admin: platformAdmin ? 1 : 0,
      totp_secret: null,
      totp_enabled: 0,
      created_at: now,
      updated_at: now,
    };
  }
}

const formatRecoveryCode = (raw: string) =>
  raw
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 10)
    .toLowerCase()
    .replace(/(.{5})(.{5})/, '$1-$2');
const normaliseRecoveryCode = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
