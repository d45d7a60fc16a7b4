import { describe, expect, it } from 'vitest';
import { loadRulePack } from './rule-pack.js';
import { maskSecret, scanStrings, shannonEntropy } from './string-rules.js';

const pack = loadRulePack();
const key = (d: { ruleId: string; subject: string }) => `${d.ruleId}|${d.subject}`;

describe('string rules', () => {
  it('a chunked scan finds exactly what scanning each string alone finds', () => {
    const strings = [
      'api_key=Zx9Qm2Lp7Tr4Vb8N',
      'http://trade.example.com.tw/login',
      ['AKIA', 'Q3EXAMPLE7JIANHE'].join(''),
      'ftp://trader:Fixture-Pass-42@files.example.com/x',
      'with\u0000nul password=Qw8Er7Ty6Ui5',
      '身分證字號A123456789',
      'plain text',
      'secret:',
      'Kp9Lm8Nb7Vc6',
      'http://schemas.android.com/apk/res/android',
      ...Array.from({ length: 2000 }, (_, i) => `Lcom/example/C${i};`),
    ];
    const chunked = scanStrings(strings, 'x', { pack, platform: 'android' }).map(key).sort();
    const alone = strings
      .flatMap((s) => scanStrings([s], 'x', { pack, platform: 'android' }))
      .map(key)
      .sort();
    expect([...new Set(chunked)]).toEqual([...new Set(alone)]);
    expect(chunked).toContain('secret-generic-assignment|password=Qw8E…i5 (12 chars)');
    expect(chunked).toContain('pii-national-id|A12****789');
  });

  it('masks secrets and measures entropy', () => {
    expect(maskSecret('AKIAQ3EXAMPLE7JIANHE')).toBe('AKIA…HE (20 chars)');
    expect(maskSecret('short')).toBe('***** (5 chars)');
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('ignores placeholders, XML namespaces and publishable keys', () => {
    const drafts = scanStrings(
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a build-time placeholder the rules must ignore
        'password=${PASSWORD}',
        'token=xxxxxxxxxxxx',
        'http://www.w3.org/2001/XMLSchema',
        'pk_live_0000000000000000000000000000',
        'http://localhost:8080/',
      ],
      'x',
      { pack, platform: 'android' },
    );
    expect(drafts).toEqual([]);
  });
});
