import { AppError } from './errors.js';

/** An opaque keyset-pagination cursor: the sort key of the last row, base64url-encoded JSON. */
export function encodeCursor(key: Record<string, string>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` with the given string fields; anything else (tampered, from
 * another list, not base64) is a 400, never a 500.
 */
export function decodeCursor<K extends string>(
  cursor: string | undefined,
  fields: readonly K[],
): Record<K, string> | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError(400, 'VALIDATION_FAILED', { cursor: 'invalid' });
  }
  const record = parsed as Record<string, unknown> | null;
  if (typeof record !== 'object' || record === null || fields.some((f) => typeof record[f] !== 'string'))
    throw new AppError(400, 'VALIDATION_FAILED', { cursor: 'invalid' });
  return Object.fromEntries(fields.map((f) => [f, record[f] as string])) as Record<K, string>;
}
