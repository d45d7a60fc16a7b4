import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../../../test/support/databases.js';
import { openDatabase } from './database.js';
import { withStartupLock } from './migrate.js';

/** Resolves when `promise` settles within `ms`, else reports that it is still waiting. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(() => true as const);
  try {
    return await Promise.race([settled, waited]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Instances of one deployment (one schema) start one at a time; deployments in other schemas of the same
 * PostgreSQL database (and the test suites, each in its own schema) do not wait for each other.
 */
describe.skipIf(postgresUrl() === null)('the start-up lock [postgres]', () => {
  let first: TestDatabase;
  let other: TestDatabase;
  beforeAll(async () => {
    first = await openTestDatabase('postgres', { migrate: false });
    other = await openTestDatabase('postgres', { migrate: false });
  });
  afterAll(async () => {
    await first?.dispose();
    await other?.dispose();
  });

  it('serialises instances on one schema and leaves other schemas free', async () => {
    if (first.config.database.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const sameSchema = openDatabase(first.config.database, { poolSize: 2 });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      const holder = withStartupLock(first.handle, () => held);
      // Let the holder take the lock before the others ask for it.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const sameSchemaStart = withStartupLock(sameSchema, async () => 'second instance');
      const otherSchemaStart = withStartupLock(other.handle, async () => 'other deployment');

      expect(await settlesWithin(otherSchemaStart, 5_000)).toBe(true);
      expect(await settlesWithin(sameSchemaStart, 500)).toBe(false);
      release();
      await holder;
      expect(await sameSchemaStart).toBe('second instance');
    } finally {
      release();
      await sameSchema.close();
    }
  });
});
