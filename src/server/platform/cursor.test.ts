import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    const cursor = encodeCursor({ createdAt: '2026-11-25T00:00:00.000Z', id: 'a' });
    expect(decodeCursor(cursor, ['createdAt', 'id'])).toEqual({
      createdAt: '2026-11-25T00:00:00.000Z',
      id: 'a',
    });
    expect(decodeCursor(undefined, ['id'])).toBeUndefined();
  });

  it('answers a tampered or foreign cursor with a 400, not a crash', () => {
    for (const bad of [
      '%%%',
      Buffer.from('not json').toString('base64url'),
      encodeCursor({ name: 'x', id: 'y' }),
    ])
      expect(() => decodeCursor(bad, ['createdAt', 'id'])).toThrow(
        expect.objectContaining({ statusCode: 400, code: 'VALIDATION_FAILED' }),
      );
  });
});
