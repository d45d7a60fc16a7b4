import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Page-specific strings are not in the first download: `i18n/<feature>.ts` registers them, and every
// component that uses one of their keys must import it, or the key would show raw on screen.
const i18nDir = import.meta.dirname;
const webSrc = path.resolve(i18nDir, '..');
const NOT_FEATURES = new Set(['index.ts', 'english.ts']);

const features = readdirSync(i18nDir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !NOT_FEATURES.has(name))
  .map((name) => name.replace(/\.ts$/, ''))
  .sort();

/** Top-level keys of a feature's messages (the same in both languages; locales.test checks that). */
const topLevelKeys = (feature: string) =>
  Object.keys(JSON.parse(readFileSync(path.join(i18nDir, 'locales', 'zh-TW', `${feature}.json`), 'utf8')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' || entry.name === 'api' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Which lazily registered features a source file uses keys of, and which it imports. */
function featureUse(source: string, keysByFeature: Map<string, string[]>) {
  const used = [...keysByFeature]
    .filter(([, keys]) => keys.some((key) => new RegExp(`['"\`]${key}\\.`).test(source)))
    .map(([feature]) => feature);
  const imported = [...keysByFeature.keys()].filter((feature) =>
    new RegExp(`import '(?:\\.\\.?/)+(?:[\\w-]+/)*i18n/${feature}';`).test(source),
  );
  return { used, imported };
}

describe('page-specific strings', () => {
  const keysByFeature = new Map(features.map((feature) => [feature, topLevelKeys(feature)]));

  it('are the features each i18n module registers, and the shell leaves exactly those out', () => {
    expect(features).toEqual([
      'abilities',
      'apps',
      'assessments',
      'audit',
      'campaigns',
      'catalog',
      'checks',
      'devices',
      'invitations',
      'providers',
      'questionnaire',
      'remediation',
      'reports',
      'social',
      'sso',
    ]);
    for (const feature of features) {
      expect(readFileSync(path.join(i18nDir, `${feature}.ts`), 'utf8')).toContain(
        `import.meta.glob('./locales/*/${feature}.json'`,
      );
    }
    const excluded = `{${features.join(',')}}.json`;
    expect(readFileSync(path.join(i18nDir, 'index.ts'), 'utf8')).toContain(`'!./locales/zh-TW/${excluded}'`);
    expect(readFileSync(path.join(i18nDir, 'english.ts'), 'utf8')).toContain(`'!./locales/en/${excluded}'`);
  });

  it('are imported by every component that uses them', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(webSrc)) {
      const { used, imported } = featureUse(readFileSync(file, 'utf8'), keysByFeature);
      for (const feature of used.filter((f) => !imported.includes(f)))
        missing.push(`${path.relative(webSrc, file)} uses ${feature}.* without import '…/i18n/${feature}'`);
    }
    expect(missing).toEqual([]);
  });

  it('stay out of the layout and the navigation, which every page loads', () => {
    for (const file of ['app/Layout.tsx', 'app/navigation.ts', 'app/LanguageSwitch.tsx', 'main.tsx']) {
      const { used, imported } = featureUse(readFileSync(path.join(webSrc, file), 'utf8'), keysByFeature);
      expect({ file, used, imported }).toEqual({ file, used: [], imported: [] });
    }
  });

  it('are recognised in plain, template and attribute keys', () => {
    const { used, imported } = featureUse(
      [
        "t('assessments.title');",
        // A template key, written in two parts so it is not a placeholder here.
        't(`providers.status.$' + '{s}`);',
        'labelKey: "reports.xlsx";',
        "import '../../i18n/reports';",
      ].join('\n'),
      keysByFeature,
    );
    expect(used).toEqual(['assessments', 'providers', 'reports']);
    expect(imported).toEqual(['reports']);
  });
});
