// Writes the test APKs and IPAs (test/fixtures/apps/) from test/support/app-fixtures.ts.
// Run: npx tsx scripts/build-app-fixtures.ts. The output is deterministic; a test checks it is up to date.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_FIXTURES } from '../test/support/app-fixtures.js';

const dir = fileURLToPath(new URL('../test/fixtures/apps/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [name, build] of Object.entries(APP_FIXTURES)) {
  const bytes = build();
  writeFileSync(path.join(dir, name), bytes);
  console.log(`${name}  ${bytes.length} bytes`);
}
