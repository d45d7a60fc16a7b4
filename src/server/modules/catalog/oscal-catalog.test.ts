import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../test/support/cli.js';
import { oscalValidator } from '../../../../test/support/oscal.js';
import type { CatalogDocument } from './catalog-document.js';
import { toOscalCatalog } from './oscal-catalog.js';

const document = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'catalogs/tw-sfa-cloud-social-mobile/1.0.json'), 'utf8'),
) as CatalogDocument;
const validate = oscalValidator('catalog');

describe('OSCAL catalog export', () => {
  const oscal = toOscalCatalog(document, new Date('2026-11-24T00:00:00Z'));

  it('validates against the NIST OSCAL 1.0.6 catalog schema', () => {
    expect(validate(oscal), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('fails validation when deliberately broken, so the validator bites', () => {
    const broken = structuredClone(oscal) as { catalog: Record<string, unknown> };
    delete broken.catalog.metadata;
    expect(validate(broken)).toBe(false);
    const badId = structuredClone(oscal);
    badId.catalog.groups[0]!.id = 'has spaces';
    expect(validate(badId)).toBe(false);
  });

  it('keeps a stable uuid per catalog version and a different one for another version', () => {
    expect(toOscalCatalog(document).catalog.uuid).toBe(oscal.catalog.uuid);
    expect(toOscalCatalog({ ...document, version: '2.0' }).catalog.uuid).not.toBe(oscal.catalog.uuid);
  });

  it('maps chapters to groups, articles to controls and clauses to parts, with zh-TW prose and English alongside', () => {
    const chapter2 = oscal.catalog.groups.find((g) => g.id === 'ch-2')!;
    const art4 = chapter2.controls.find((c) => c.id === 'art-4')!;
    const clause = art4.parts[0]!.parts.find((p) => 'id' in p && p.id === 'art-4.3') as {
      prose: string;
      parts: Array<{ name: string; prose: string }>;
    };
    expect(clause.prose).toBe(document.chapters[1]!.articles[2]!.clauses[2]!.text['zh-TW']);
    expect(clause.parts[0]).toMatchObject({
      name: 'translation',
      prose: expect.stringContaining('CSA STAR'),
    });
  });

  it('turns checklist items into controls with provenance, tags and links to their clauses', () => {
    const checklist = oscal.catalog.groups.find((g) => g.id === 'checklist')!;
    expect(checklist.controls).toHaveLength(63);
    const item60 = checklist.controls.find((c) => c.id === 'item-60')!;
    const props = Object.fromEntries(item60.props.map((p) => [p.name, p.value]));
    expect(props).toMatchObject({
      provenance: 'derived',
      'derived-from': 'art-17.1.1',
      applicability: 'mobile-app',
    });
    expect('links' in item60 && item60.links).toEqual([{ href: '#art-17.1.1', rel: 'related' }]);
  });
});
