import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A URL-safe random token of `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens we hand out (sessions, API tokens, links) are high-entropy, so a plain SHA-256 suffices to store them. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Symmetric encryption for the few secrets that must be read back (TOTP seeds, OIDC client secrets):
 * AES-256-GCM under JIANHE_SECRET_KEY, or a key generated once into the data directory (mode 0600).
 * Several instances sharing PostgreSQL must share the key, so they set JIANHE_SECRET_KEY.
 */
export class SecretBox {
  private constructor(private readonly secretKey: Buffer | null) {}

  private get key(): Buffer {
    if (!this.secretKey)
      throw new Error('no secret key: JIANHE_SECRET_KEY is unset and the data directory has none');
    return this.secretKey;
  }

  /** `create: false` (read-only commands) never writes a key file; without one, sealing and opening fail. */
  static fromEnvironmentOrDataDir(
    dataDir: string,
    envKey = process.env.JIANHE_SECRET_KEY,
    options: { create?: boolean } = {},
  ): SecretBox {
    if (envKey) {
      const key = Buffer.from(envKey, 'base64');
      if (key.length !== 32) throw new Error('JIANHE_SECRET_KEY must be 32 bytes, base64-encoded');
      return new SecretBox(key);
    }
    const file = path.join(dataDir, 'secret.key');
    if (options.create === false && !existsSync(file)) return new SecretBox(null);
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    if (options.create !== false) chmodSync(file, 0o600);
    return new SecretBox(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unrecognised sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}
