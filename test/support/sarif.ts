import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from './cli.js';

/** The vendored OASIS SARIF 2.1.0 schema (draft-04), compiled with ajv-draft-04 and ajv-formats. */
export function sarifValidator() {
  // CommonJS default export seen through ESM interop: the class is on .default.
  const ajv = new Ajv04.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const schema = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'vendor/sarif/sarif-schema-2.1.0.json'), 'utf8'),
  );
  return ajv.compile(schema);
}
