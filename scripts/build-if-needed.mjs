#!/usr/bin/env node
// Builds the server (tsc) and the web app (vite) only when their sources are newer than the output,
// so `npm install && npm start` works on a fresh clone and later starts are instant.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const force = process.argv.includes('--force');

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function run(label, bin, args) {
  const executable = path.join(root, 'node_modules', '.bin', bin);
  if (!existsSync(executable)) {
    console.error(`jianhe: cannot build the ${label}: ${bin} is not installed (run npm install)`);
    process.exit(1);
  }
  console.error(`jianhe: building the ${label}…`);
  const result = spawnSync(executable, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    console.error(`jianhe: building the ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

const shared = ['package.json', 'tsconfig.json'].map((f) => newestMtime(path.join(root, f)));
const targets = [
  {
    label: 'server',
    sources: ['src/server', 'tsconfig.build.json'],
    output: 'dist/server/cli/main.js',
    bin: 'tsc',
    args: ['-p', 'tsconfig.build.json'],
  },
  {
    label: 'web app',
    sources: ['src/web'],
    output: 'dist/web/index.html',
    bin: 'vite',
    args: ['build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'],
  },
];

for (const target of targets) {
  const sourceTime = Math.max(...shared, ...target.sources.map((s) => newestMtime(path.join(root, s))));
  const outputTime = newestMtime(path.join(root, target.output));
  if (force || outputTime === 0 || sourceTime > outputTime) run(target.label, target.bin, target.args);
}
