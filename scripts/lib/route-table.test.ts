import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTE_TABLE_FILE, renderRouteTable } from './route-table.js';

describe('the committed route → permission table', () => {
  it('matches the registered routes (run npm run gen:api and review the change)', async () => {
    expect(readFileSync(ROUTE_TABLE_FILE, 'utf8')).toBe(await renderRouteTable());
  });
});
