import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, 'locales');

function flatKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => flatKeys(child, prefix ? `${prefix}.${key}` : key));
}

describe('locale files', () => {
  const files = readdirSync(path.join(root, 'zh-TW')).sort();

  it('exist for the same features in zh-TW and en', () => {
    expect(readdirSync(path.join(root, 'en')).sort()).toEqual(files);
  });

  it.each(files)('%s has the same keys in both languages and no empty strings', (file) => {
    const zh = JSON.parse(readFileSync(path.join(root, 'zh-TW', file), 'utf8'));
    const en = JSON.parse(readFileSync(path.join(root, 'en', file), 'utf8'));
    expect(flatKeys(en).sort()).toEqual(flatKeys(zh).sort());
    for (const messages of [zh, en]) {
      for (const key of flatKeys(messages)) {
        const text = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
        expect(typeof text === 'string' && text.trim().length > 0, `${file}: ${key}`).toBe(true);
      }
    }
  });

  it('feature files do not redefine each other’s top-level keys', () => {
    const owners = new Map<string, string>();
    for (const file of files) {
      const zh = JSON.parse(readFileSync(path.join(root, 'zh-TW', file), 'utf8')) as object;
      for (const key of Object.keys(zh)) {
        expect(owners.get(key), `${key} in ${file}`).toBeUndefined();
        owners.set(key, file);
      }
    }
  });
});
