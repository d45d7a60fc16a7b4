import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../../../../test/support/cli.js';
import { oscalValidator } from '../../../../test/support/oscal.js';

const dir = mkdtempSync(path.join(tmpdir(), 'jianhe-catalog-cli-'));
const env = { JIANHE_DATA_DIR: path.join(dir, 'data') };
const bundled = readFileSync(path.join(REPO_ROOT, 'catalogs/tw-sfa-cloud-social-mobile/1.0.json'), 'utf8');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jianhe catalog', () => {
  it('import of a file with one bad field exits non-zero, names the field and changes nothing', async () => {
    // A writing command sets the installation up (migrated, bundled catalogs loaded); `catalog list` only reads.
    const bundledFile = path.join(REPO_ROOT, 'catalogs/tw-sfa-cloud-social-mobile/1.0.json');
    expect((await runCli(['catalog', 'import', bundledFile], env)).stdout).toMatch(/^Already loaded/);
    const before = await runCli(['catalog', 'list'], env);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0');
    const broken = JSON.parse(bundled);
    broken.version = '9.9';
    broken.checklist[7].provenance = 'invented';
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const result = await runCli(['catalog', 'import', file], env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('/checklist/7/provenance');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const after = await runCli(['catalog', 'list'], env);
    expect(after.stdout).toBe(before.stdout);
  });

  it('imports a new version, idempotently', async () => {
    const successor = JSON.parse(bundled);
    successor.version = '2024.1';
    const file = path.join(dir, 'successor.json');
    writeFileSync(file, JSON.stringify(successor));
    const first = await runCli(['catalog', 'import', file], env);
    expect(first.stdout).toMatch(/^Imported urn:jianhe:catalog:tw-sfa:cloud-social-mobile@2024\.1/);
    const again = await runCli(['catalog', 'import', file], env);
    expect(again.stdout).toMatch(/^Already loaded/);
    const list = await runCli(['catalog', 'list'], env);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('exports valid OSCAL to a file', async () => {
    const out = path.join(dir, 'catalog.oscal.json');
    const result = await runCli(
      [
        'catalog',
        'export',
        'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0',
        '--format',
        'oscal',
        '-o',
        out,
      ],
      env,
    );
    expect(result.code).toBe(0);
    const validate = oscalValidator('catalog');
    expect(validate(JSON.parse(readFileSync(out, 'utf8')))).toBe(true);
  });

  it('shows the tree in English on request', async () => {
    const result = await runCli(
      ['catalog', 'show', 'urn:jianhe:catalog:tw-sfa:cloud-social-mobile@1.0', '--lang', 'en'],
      env,
    );
    expect(result.stdout).toContain('Art. 4 Selection of Cloud Service Providers');
    expect(result.stdout).toContain('[derived]');
  });
});
