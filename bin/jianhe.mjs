#!/usr/bin/env node
// Entry point for `npx jianhe` and `npm start`: runs the compiled CLI, building it first when missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  const build = fileURLToPath(new URL('../scripts/build-if-needed.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [build], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(entry.href);
