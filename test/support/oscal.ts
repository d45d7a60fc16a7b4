import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from './cli.js';

/** The vendored NIST OSCAL 1.0.6 schemas, compiled with ajv (draft-07) as NIST's tooling expects. */
export function oscalValidator(model: 'catalog' | 'assessment-results' | 'poam'): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: true });
  addFormats.default(ajv);
  const file = path.join(REPO_ROOT, 'vendor', 'oscal', `oscal_${model}_schema.json`);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
}
