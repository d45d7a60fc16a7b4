import { type App, type BuildAppOptions, buildApp } from '../../src/server/platform/app.js';
import type { TestDatabase } from './databases.js';

/** A real Fastify app on a real test database; requests go through `app.inject`. */
export function createTestApp(
  database: TestDatabase,
  webDir?: string,
  options: Omit<BuildAppOptions, 'logger' | 'webDir'> = {},
): Promise<App> {
  return buildApp(
    {
      config: database.config,
      database: database.handle,
      services: database.services,
      startedAt: new Date(),
    },
    { logger: false, ...options, ...(webDir ? { webDir } : {}) },
  );
}
