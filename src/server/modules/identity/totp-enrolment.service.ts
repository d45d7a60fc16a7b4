import { AppError } from '../../platform/errors.js';
import { randomToken, sha256Hex } from '../../platform/secrets.js';
import type { AuthService } from './auth.service.js';
import { normaliseRecoveryCode } from './auth.service.js';
import type { IdentityRepository } from './identity.repository.js';
import type { TotpCodes } from './totp.js';

/** Enrolling, confirming and turning off TOTP; every code it checks is used up (totp.ts). */
export class TotpEnrolmentService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly auth: AuthService,
    private readonly totp: TotpCodes,
  ) {}

  async begin(userId: string): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
    const user = await this.repo.findUser(userId);
    if (!user) throw new AppError(404, 'USER_NOT_FOUND');
    // Re-enrolling would silently switch 2FA off; turning it off needs a current code (DELETE /me/totp).
    if (user.totp_enabled === 1) throw new AppError(409, 'TOTP_ALREADY_ENABLED');
    const { secret, sealed, otpauthUrl } = this.totp.generate(user.email);
    await this.repo.updateUser(this.repo.db, userId, {
      totp_secret: sealed,
      totp_enabled: 0,
      updated_at: new Date().toISOString(),
    });
    // qrcode loads with the first enrolment, not at start.
    const { default: QRCode } = await import('qrcode');
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl) };
  }

  /** Enables TOTP once a code proves the app is set up, and issues 10 single-use recovery codes. */
  async confirm(userId: string, code: string, sessionToken?: string): Promise<string[]> {
    const user = await this.repo.findUser(userId);
    if (!user || !(await this.totp.consume(user, code))) throw new AppError(400, 'TOTP_INVALID');
    const codes = Array.from({ length: 10 }, () => formatRecoveryCode(randomToken(12)));
    await this.repo.transaction(async (trx) => {
      await this.repo.updateUser(trx, userId, { totp_enabled: 1, updated_at: new Date().toISOString() });
      await this.repo.replaceRecoveryCodes(
        trx,
        userId,
        codes.map((c) => sha256Hex(normaliseRecoveryCode(c))),
      );
      await this.auth.recordAccountEvent(trx, userId, {
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

  async disable(userId: string, code: string): Promise<void> {
    const user = await this.repo.findUser(userId);
    if (!user || !(await this.totp.consume(user, code))) throw new AppError(400, 'TOTP_INVALID');
    await this.repo.transaction(async (trx) => {
      await this.repo.updateUser(trx, userId, {
        totp_enabled: 0,
        totp_secret: null,
        totp_last_step: null,
        updated_at: new Date().toISOString(),
      });
      await this.repo.replaceRecoveryCodes(trx, userId, []);
      await this.auth.recordAccountEvent(trx, userId, {
        actorUserId: userId,
        action: 'auth.2fa.disable',
        targetType: 'user',
        targetId: userId,
      });
    });
  }
}

const formatRecoveryCode = (raw: string) =>
  raw
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 10)
    .toLowerCase()
    .replace(/(.{5})(.{5})/, '$1-$2');
