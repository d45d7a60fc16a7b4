import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'jianhe-config-'));

function expectConfigError(env: Record<string, string>, variable: string): ConfigError {
  try {
    loadConfig({ JIANHE_DATA_DIR: dataDir, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message.startsWith(variable)).toBe(true);
    return error as ConfigError;
  }
  throw new Error(`expected a ConfigError for ${variable}`);
}

describe('loadConfig', () => {
  it('defaults to SQLite in the data directory on 127.0.0.1:3000', () => {
    const config = loadConfig({ JIANHE_DATA_DIR: dataDir });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', logLevel: 'info', dataDir });
    expect(config.database).toEqual({ kind: 'sqlite', file: path.join(dataDir, 'jianhe.db') });
  });

  it('selects PostgreSQL when DATABASE_URL is a postgres URL', () => {
    const url = 'postgresql://app:secret@db.internal:5432/jianhe';
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir, DATABASE_URL: url }).database).toEqual({
      kind: 'postgres',
      url,
    });
  });

  it('rejects a malformed DATABASE_URL without echoing it', () => {
    const error = expectConfigError({ DATABASE_URL: 'nonsense' }, 'DATABASE_URL');
    expect(error.message).not.toContain('nonsense');
  });

  it('checks JIANHE_SECRET_KEY at start, without echoing it', () => {
    const error = expectConfigError({ JIANHE_SECRET_KEY: 'too-short-secret' }, 'JIANHE_SECRET_KEY');
    expect(error.message).not.toContain('too-short-secret');
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(() => loadConfig({ JIANHE_DATA_DIR: dataDir, JIANHE_SECRET_KEY: key })).not.toThrow();
  });

  it('rejects a non-postgres scheme and a URL without a database', () => {
    expectConfigError({ DATABASE_URL: 'mysql://root@localhost/db' }, 'DATABASE_URL');
    expectConfigError({ DATABASE_URL: 'postgres://user:pw@localhost:5432' }, 'DATABASE_URL');
  });

  it('never prints the password of a rejected URL', () => {
    const error = expectConfigError({ DATABASE_URL: 'mysql://root:hunter2@localhost/db' }, 'DATABASE_URL');
    expect(error.message).not.toContain('hunter2');
  });

  it('rejects an out-of-range or non-numeric PORT', () => {
    expectConfigError({ PORT: '70000' }, 'PORT');
    expectConfigError({ PORT: 'eighty' }, 'PORT');
  });

  it('refuses private outbound targets unless JIANHE_ALLOW_PRIVATE_TARGETS is 1 or true', () => {
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir }).outbound.allowPrivateTargets).toBe(false);
    for (const on of ['1', 'true'])
      expect(loadConfig({ JIANHE_DATA_DIR: dataDir, JIANHE_ALLOW_PRIVATE_TARGETS: on }).outbound).toEqual({
        allowPrivateTargets: true,
      });
    expect(
      loadConfig({ JIANHE_DATA_DIR: dataDir, JIANHE_ALLOW_PRIVATE_TARGETS: '0' }).outbound
        .allowPrivateTargets,
    ).toBe(false);
    expectConfigError({ JIANHE_ALLOW_PRIVATE_TARGETS: 'yes' }, 'JIANHE_ALLOW_PRIVATE_TARGETS');
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expectConfigError({ LOG_LEVEL: 'loud' }, 'LOG_LEVEL');
  });

  it('rejects a data directory that cannot be created', () => {
    const file = path.join(dataDir, 'not-a-directory');
    writeFileSync(file, 'x');
    const error = expectConfigError({ JIANHE_DATA_DIR: path.join(file, 'sub') }, 'JIANHE_DATA_DIR');
    expect(error.message).toContain('not a writable directory');
  });
});

describe('optional integrations', () => {
  it('reads SMTP, the public URL and the upload limit', () => {
    const config = loadConfig({
      JIANHE_DATA_DIR: dataDir,
      SMTP_URL: 'smtp://mailer:pw@127.0.0.1:2525',
      SMTP_FROM: 'Jianhe <jianhe@example.com>',
      JIANHE_PUBLIC_URL: 'https://jianhe.example.com/',
      JIANHE_MAX_UPLOAD_MB: '10',
    });
    expect(config.smtp).toEqual({
      url: 'smtp://mailer:pw@127.0.0.1:2525',
      from: 'Jianhe <jianhe@example.com>',
    });
    expect(config.publicUrl).toBe('https://jianhe.example.com');
    expect(config.maxUploadBytes).toBe(10 * 1024 * 1024);
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir })).toMatchObject({
      smtp: null,
      publicUrl: null,
      maxUploadBytes: 52_428_800,
    });
  });

  it('reads JIANHE_READ_CACHE_MB (default 32, 0 turns the read cache off) and names it when malformed', () => {
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir }).readCacheBytes).toBe(32 * 1024 * 1024);
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir, JIANHE_READ_CACHE_MB: '0' }).readCacheBytes).toBe(0);
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir, JIANHE_READ_CACHE_MB: '8' }).readCacheBytes).toBe(8388608);
    for (const bad of ['-1', '1.5', 'lots', '5000'])
      expectConfigError({ JIANHE_READ_CACHE_MB: bad }, 'JIANHE_READ_CACHE_MB');
  });

  it('reads JIANHE_TOKEN_MAX_DAYS (default 365) and names it when it is not a day count', () => {
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir }).tokenMaxDays).toBe(365);
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir, JIANHE_TOKEN_MAX_DAYS: '30' }).tokenMaxDays).toBe(30);
    for (const bad of ['0', '-5', '1.5', 'forever', '3651'])
      expectConfigError({ JIANHE_TOKEN_MAX_DAYS: bad }, 'JIANHE_TOKEN_MAX_DAYS');
  });

  it('requires JIANHE_PUBLIC_URL once SMTP_URL is set, naming it', () => {
    const error = expectConfigError({ SMTP_URL: 'smtp://mailer:pw@127.0.0.1:2525' }, 'JIANHE_PUBLIC_URL');
    expect(error.message).toContain('SMTP_URL');
    expect(error.message).not.toContain('pw@');
    expect(
      loadConfig({
        JIANHE_DATA_DIR: dataDir,
        SMTP_URL: 'smtp://mailer:pw@127.0.0.1:2525',
        JIANHE_PUBLIC_URL: 'https://jianhe.example.com',
      }).publicUrl,
    ).toBe('https://jianhe.example.com');
  });

  it('names the variable when one is malformed, without echoing SMTP credentials', () => {
    const error = expectConfigError({ SMTP_URL: 'http://user:secret@mail' }, 'SMTP_URL');
    expect(error.message).not.toContain('secret');
    expectConfigError({ JIANHE_PUBLIC_URL: 'ftp://x' }, 'JIANHE_PUBLIC_URL');
    expectConfigError({ JIANHE_MAX_UPLOAD_MB: '0' }, 'JIANHE_MAX_UPLOAD_MB');
  });
});

describe('the S3-compatible evidence store', () => {
  const s3 = {
    JIANHE_S3_BUCKET: 'jianhe-evidence',
    JIANHE_S3_ENDPOINT: 'https://minio.internal:9000/',
    JIANHE_S3_REGION: 'ap-northeast-1',
    JIANHE_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    JIANHE_S3_SECRET_ACCESS_KEY: 'very-secret-key',
    JIANHE_S3_FORCE_PATH_STYLE: 'true',
  };

  it('is off unless a bucket is named, and reads every setting when one is', () => {
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir }).objectStore).toBeUndefined();
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir, ...s3 }).objectStore).toEqual({
      bucket: 'jianhe-evidence',
      endpoint: 'https://minio.internal:9000',
      region: 'ap-northeast-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'very-secret-key' },
    });
  });

  it('defaults to AWS itself, us-east-1, virtual-host style and the SDK credential chain', () => {
    expect(
      loadConfig({ JIANHE_DATA_DIR: dataDir, JIANHE_S3_BUCKET: 'evidence.example' }).objectStore,
    ).toEqual({
      bucket: 'evidence.example',
      endpoint: null,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: null,
    });
  });

  it('names the variable at fault, never echoing a secret', () => {
    expectConfigError({ ...s3, JIANHE_S3_BUCKET: 'Evidence_Bucket' }, 'JIANHE_S3_BUCKET');
    expectConfigError({ ...s3, JIANHE_S3_BUCKET: '192.168.1.1' }, 'JIANHE_S3_BUCKET');
    expectConfigError({ ...s3, JIANHE_S3_ENDPOINT: 'ftp://minio.internal' }, 'JIANHE_S3_ENDPOINT');
    const leaky = expectConfigError(
      { ...s3, JIANHE_S3_ENDPOINT: 'https://user:pw-in-url@minio.internal' },
      'JIANHE_S3_ENDPOINT',
    );
    expect(leaky.message).not.toContain('pw-in-url');
    expectConfigError({ ...s3, JIANHE_S3_REGION: 'Tokyo Region' }, 'JIANHE_S3_REGION');
    expectConfigError({ ...s3, JIANHE_S3_FORCE_PATH_STYLE: 'yes' }, 'JIANHE_S3_FORCE_PATH_STYLE');
    const half = expectConfigError({ ...s3, JIANHE_S3_ACCESS_KEY_ID: '' }, 'JIANHE_S3_ACCESS_KEY_ID');
    expect(half.message).not.toContain('very-secret-key');
    expectConfigError({ ...s3, JIANHE_S3_SECRET_ACCESS_KEY: '' }, 'JIANHE_S3_SECRET_ACCESS_KEY');
  });

  it('refuses S3 settings without a bucket, and uploads larger than one PutObject carries', () => {
    const { JIANHE_S3_BUCKET: _bucket, ...withoutBucket } = s3;
    const error = expectConfigError(withoutBucket, 'JIANHE_S3_BUCKET');
    expect(error.message).not.toContain('very-secret-key');
    expectConfigError({ ...s3, JIANHE_MAX_UPLOAD_MB: '6000' }, 'JIANHE_MAX_UPLOAD_MB');
    expect(loadConfig({ JIANHE_DATA_DIR: dataDir, ...s3, JIANHE_MAX_UPLOAD_MB: '5120' }).maxUploadBytes).toBe(
      5120 * 1024 * 1024,
    );
  });
});
