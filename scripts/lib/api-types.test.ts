import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, renderApiTypes } from './api-types.js';

describe('generated web client types', () => {
  it('match the current OpenAPI document (run npm run gen:api after changing a route schema)', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    expect(committed).toBe(await renderApiTypes());
  });
});
