import type { TestProject } from 'vitest/node';
import { probePostgres } from './postgres-probe.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/** Decides once per run whether the PostgreSQL suites run, and says why when they do not. */
export default async function setup(project: TestProject) {
  const probe = await probePostgres();
  project.provide('postgresUrl', probe.url);
  if (probe.url) {
    process.stdout.write(`[jianhe tests] PostgreSQL suites run against ${probe.display}\n`);
  } else {
    process.stdout.write(`[jianhe tests] PostgreSQL suites SKIPPED: ${probe.reason}\n`);
  }
}
