import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ObjectStoreConfig } from '../../src/server/config/config.js';

// @20minutes/s3rver: a maintained fork of s3rver (Node >= 20), an S3 protocol server over the file
// system that checks AWS Signature V4 on every request. CommonJS without type declarations.
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  resetOnClose: boolean;
  configureBuckets: { name: string }[];
}) => S3rverInstance;
const S3rver = createRequire(import.meta.url)('@20minutes/s3rver') as S3rverClass;

/** The one account s3rver knows; any other key pair fails its signature check. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestObjectStore {
  endpoint: string;
  /** Settings for Jianhe's S3 store, as JIANHE_S3_* would give them. */
  settings: ObjectStoreConfig;
  /** The same, as environment variables for a `jianhe` child process. */
  env: Record<string, string>;
  /** Where s3rver keeps the objects on disk. */
  directory: string;
  close(): Promise<void>;
}

/** A real S3-compatible server on a free loopback port, with one empty bucket. */
export async function startObjectStore(bucket = 'jianhe-evidence'): Promise<TestObjectStore> {
  const directory = mkdtempSync(path.join(tmpdir(), 'jianhe-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    resetOnClose: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    directory,
    settings: {
      bucket,
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
    },
    env: {
      JIANHE_S3_BUCKET: bucket,
      JIANHE_S3_ENDPOINT: endpoint,
      JIANHE_S3_REGION: 'us-east-1',
      JIANHE_S3_FORCE_PATH_STYLE: 'true',
      JIANHE_S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      JIANHE_S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
