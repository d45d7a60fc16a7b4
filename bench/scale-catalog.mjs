// A larger catalog for the scale figures: the bundled checklist's items repeated until there are `items`
// of them (630 = ten times the 63), each with its own id, number and wording, under the same chapters and
// articles. Generated at run time into a temporary file instead of committed.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './support.mjs';

export const SCALE_CATALOG_URN = 'urn:jianhe:catalog:bench:scale';

/** Writes the catalog to `dir` and returns its file and the reference (`urn@version`) the API takes. */
export function writeScaleCatalog(dir, items) {
  const bundled = JSON.parse(
    readFileSync(path.join(root, 'catalogs/tw-sfa-cloud-social-mobile/1.0.json'), 'utf8'),
  );
  const base = bundled.checklist;
  const checklist = Array.from({ length: items }, (_, n) => {
    const source = base[n % base.length];
    const copy = Math.floor(n / base.length) + 1;
    const suffix = (text) => (copy === 1 ? text : `${text} (${copy})`);
    return {
      ...source,
      id: `item-${n + 1}`,
      number: n + 1,
      question: { 'zh-TW': suffix(source.question['zh-TW']), en: suffix(source.question.en) },
    };
  });
  const version = `${items}.0`;
  const document = {
    ...bundled,
    $schema: undefined,
    id: SCALE_CATALOG_URN,
    version,
    title: {
      'zh-TW': `${bundled.title['zh-TW']}（${items} 項）`,
      en: `${bundled.title.en} (${items} items)`,
    },
    checklist,
  };
  const file = path.join(dir, `scale-${items}.json`);
  writeFileSync(file, JSON.stringify(document));
  return { file, ref: `${SCALE_CATALOG_URN}@${version}` };
}
