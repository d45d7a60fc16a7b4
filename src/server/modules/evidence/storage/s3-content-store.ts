import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectStoreConfig } from '../../../config/config.js';
import type { ContentStore, PutOptions, StagedContent, StoredContent } from './content-store.js';
import { putByStaging, stagedFromSpool } from './content-store.js';
import { blobKey } from './local-content-store.js';
import { removeStaleSpools, spoolUpload } from './spool.js';

export type S3StoreSettings = ObjectStoreConfig;
type S3Sdk = typeof import('@aws-sdk/client-s3');

/** A failure of the object store itself (unreachable, refused): logged, never shown with its details. */
export class ContentStoreError extends Error {
  constructor(operation: string, key: string, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`content store: ${operation} ${key} failed (${reason})`, { cause });
    this.name = 'ContentStoreError';
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Evidence in an S3-compatible bucket, so that every instance behind a load balancer sees the same files.
 * Same addressing as the local store (object key sha256/ab/cd/<hash>). An upload is first streamed to a
 * local temporary file while it is hashed, size-limited and sniffed; only a complete, accepted file is
 * then sent, streamed with its known length, straight to its content address, with Content-MD5 and
 * x-amz-checksum-sha256 for stores that verify them. So no partial or unverified object ever carries a
 * hash name, and nothing in the bucket needs cleaning after a failed upload. Reads are hashed as they
 * stream: bytes that do not match their name end the stream with an error instead of being delivered.
 */
export class S3ContentStore implements ContentStore {
  private sdk: Promise<{ sdk: S3Sdk; client: S3Client }> | undefined;

  constructor(
    private readonly settings: S3StoreSettings,
    /** Local directory for uploads in progress (the instance's own, never shared). */
    private readonly spoolDir: string,
  ) {}

  /** The AWS SDK is loaded on first use, so an instance without a bucket never pays for it at start. */
  private connect(): Promise<{ sdk: S3Sdk; client: S3Client }> {
    this.sdk ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: this.settings.region,
        forcePathStyle: this.settings.forcePathStyle,
        ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
        ...(this.settings.credentials ? { credentials: this.settings.credentials } : {}),
        // Checksums only where the API demands them: several S3-compatible stores refuse the SDK's
        // default trailing CRC32 on streamed bodies. Ours are sent as plain headers below.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.sdk;
  }

  put(source: AsyncIterable<Buffer> | Readable, options: PutOptions): Promise<StoredContent> {
    return putByStaging(this, source, options);
  }

  /** Spooled locally (hashed, size- and type-checked); `place()` sends the complete file in one PutObject. */
  async stage(source: AsyncIterable<Buffer> | Readable, options: PutOptions): Promise<StagedContent> {
    const upload = await spoolUpload(source, this.spoolDir, options.maxBytes);
    const { sha256, size } = upload;
    const key = blobKey(sha256);
    return stagedFromSpool(upload, async () => {
      if (await this.exists(sha256)) return { created: false };
      const { sdk, client } = await this.connect();
      await client
        .send(
          new sdk.PutObjectCommand({
            Bucket: this.settings.bucket,
            Key: key,
            Body: createReadStream(upload.file),
            ContentLength: size,
            ContentMD5: upload.md5,
            ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
            // The type shown to users comes from the database; the object itself is opaque bytes.
            ContentType: 'application/octet-stream',
          }),
        )
        .catch((error: unknown) => {
          throw new ContentStoreError('PutObject', key, error);
        });
      return { created: true };
    });
  }

  async open(sha256: string): Promise<Readable> {
    const key = blobKey(sha256);
    const { sdk, client } = await this.connect();
    const response = await client
      .send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key }))
      .catch((error: unknown) => {
        throw new ContentStoreError('GetObject', key, error);
      });
    const body = response.Body as Readable | undefined;
    if (!body) throw new ContentStoreError('GetObject', key, new Error('empty body'));
    const hash = createHash('sha256');
    const verified = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
      flush(done) {
        const actual = hash.digest('hex');
        done(
          actual === sha256
            ? null
            : new Error(`content store: ${key} does not match its hash (got ${actual})`),
        );
      },
    });
    body.on('error', (error) => verified.destroy(error));
    verified.on('close', () => {
      if (!body.readableEnded) body.destroy();
    });
    return body.pipe(verified);
  }

  async exists(sha256: string): Promise<boolean> {
    const key = blobKey(sha256);
    const { sdk, client } = await this.connect();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw new ContentStoreError('HeadObject', key, error);
    }
  }

  removeStaleUploads(olderThanMs: number): Promise<number> {
    return removeStaleSpools(this.spoolDir, olderThanMs);
  }

  /** Closes the client's connection pool (tests, shutdown). */
  async close(): Promise<void> {
    if (this.sdk) (await this.sdk).client.destroy();
  }
}
