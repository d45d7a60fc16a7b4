import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError, registerErrorMessages } from './errors.js';

registerErrorMessages({
  MULTIPART_INVALID: {
    'zh-TW': '上傳內容的 multipart 格式不正確（缺少 boundary，或內容在中途結束）。',
    en: 'The multipart body is malformed (no boundary, or it ends in the middle of a part).',
  },
  UPLOAD_FILENAME_MISSING: {
    'zh-TW': '上傳的檔案沒有檔名。',
    en: 'The uploaded file has no file name.',
  },
});

// Busboy reports a malformed body with plain Errors that carry no code; these are its messages for a body
// the client got wrong (as opposed to I/O failures, which stay 500s).
const MALFORMED =
  /^(Multipart: Boundary not found|Unexpected end of form|Unexpected end of multipart data|Part terminated early|Malformed part header|Malformed urlencoded form)/;

/** The 400 for a malformed multipart body, or undefined when `error` is something else. */
export function malformedMultipart(error: unknown): AppError | undefined {
  if (error instanceof Error && !(error instanceof AppError) && MALFORMED.test(error.message))
    return new AppError(400, 'MULTIPART_INVALID');
  return undefined;
}

async function* mapped(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    // When the body ends inside the part, @fastify/multipart destroys the part's stream without an error.
    const cutOff = (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
    throw cutOff ? new AppError(400, 'MULTIPART_INVALID') : (malformedMultipart(error) ?? error);
  }
}

export interface Upload {
  filename: string;
  /** Text fields sent before the file part. */
  fields: Record<string, string>;
  /** The file's bytes, streamed; a body that breaks off mid-part fails it with 400 MULTIPART_INVALID. */
  file: Readable;
}

/**
 * The one way upload routes read a multipart body: a non-multipart body is 415, a malformed one 400
 * `MULTIPART_INVALID`, a file part without a name 400 `UPLOAD_FILENAME_MISSING` — all before anything
 * reaches the content store. Resolves undefined when the body has no file part.
 */
export async function receiveUpload(
  request: FastifyRequest,
  limits: { fileSize: number; files?: number },
): Promise<Upload | undefined> {
  if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await request.file({ limits: { files: 1, ...limits } });
  } catch (error) {
    throw malformedMultipart(error) ?? error;
  }
  if (!part) return undefined;
  if (!part.filename?.trim()) {
    part.file.resume();
    throw new AppError(400, 'UPLOAD_FILENAME_MISSING');
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields))
    if (value && !Array.isArray(value) && value.type === 'field') fields[name] = String(value.value);
  const file = Readable.from(mapped(part.file), { objectMode: false });
  // Keep busboy's size-limit flag visible to readers that check it.
  Object.defineProperty(file, 'truncated', { get: () => part.file.truncated });
  return { filename: part.filename, fields, file };
}

/** Reads an upload whole (imports parse the file at once), refusing more than `maxBytes` with 413. */
export async function readUpload(
  file: Readable & { truncated?: boolean },
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      file.resume();
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxBytes });
    }
    chunks.push(chunk);
  }
  if (file.truncated) throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxBytes });
  return Buffer.concat(chunks);
}
