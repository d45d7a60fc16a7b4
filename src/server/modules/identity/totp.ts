import { authenticator } from 'otplib';
import type { SecretBox } from '../../platform/secrets.js';
import type { IdentityRepository, UserRow } from './identity.repository.js';

const STEP_MS = 30_000;
// One step of clock drift either way, as authenticator apps are often a few seconds off.
const WINDOW = 1;

/**
 * TOTP codes are single use: a code is accepted only for a time step later than the last accepted one,
 * recorded atomically per user, at sign-in, at sign-off and everywhere else a code is asked for.
 */
export class TotpCodes {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly secrets: SecretBox,
  ) {}

  /** True when `code` is valid now and its time step has not been used before (it is used up). */
  async consume(user: UserRow, code: string): Promise<boolean> {
    const trimmed = code.trim();
    if (!user.totp_secret || !/^\d{6}$/.test(trimmed)) return false;
    const now = Date.now();
    const delta = authenticator
      .clone({ epoch: now, window: WINDOW })
      .checkDelta(trimmed, this.secrets.open(user.totp_secret));
    if (delta === null) return false;
    return this.repo.acceptTotpStep(user.id, Math.floor(now / STEP_MS) + delta);
  }

  /** A fresh secret, its otpauth URL for authenticator apps, and the secret sealed for storage. */
  generate(email: string): { secret: string; sealed: string; otpauthUrl: string } {
    const secret = authenticator.generateSecret(20);
    return {
      secret,
      sealed: this.secrets.seal(secret),
      otpauthUrl: authenticator.keyuri(email, 'Jianhe 檢核', secret),
    };
  }
}
