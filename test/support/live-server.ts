import { buildApp } from '../../src/server/platform/app.js';
import { openTestDatabase, type TestDatabase } from './databases.js';

export interface LiveServer {
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real app with the built SPA, listening on a free loopback port, for browser tests. */
export async function startLiveServer(): Promise<LiveServer> {
  const database = await openTestDatabase('sqlite');
  const app = await buildApp(
    {
      config: database.config,
      database: database.handle,
      services: database.services,
      startedAt: new Date(),
    },
    { logger: false },
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    database,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}
