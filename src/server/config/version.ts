import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository root, resolved from this file so it works from src/ (tsx, vitest) and dist/ alike. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${PROJECT_ROOT}`), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export const APP_VERSION = readVersion();
