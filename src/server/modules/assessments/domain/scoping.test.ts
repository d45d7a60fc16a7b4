import { describe, expect, it } from 'vitest';
import { APPLICABILITY_TAGS, applicabilityOf, FULL_SCOPE, type ScopingAnswers } from './scoping.js';

const scope = (changes: Partial<ScopingAnswers>): ScopingAnswers => ({ ...FULL_SCOPE, ...changes });

/** For each answer that narrows scope: which tags it turns off and which clause the reason cites. */
const cases: Array<{ change: Partial<ScopingAnswers>; off: string[]; clause: string; zh: RegExp }> = [
  {
    change: { usesCloudForCriticalServices: false },
    off: ['cloud-user'],
    clause: 'art-3.1',
    zh: /^依第3條第1項/,
  },
  {
    change: { cloudIsInternalPrivateOnly: true },
    off: ['cloud-user'],
    clause: 'art-3.2',
    zh: /^依第3條第2項，僅對內之私有雲不適用$/,
  },
  { change: { providesCloudServices: false }, off: ['cloud-provider'], clause: 'art-3.1', zh: /提供者/ },
  {
    change: { allowsEmployeeSocialMedia: false },
    off: ['social-media-policy'],
    clause: 'art-10',
    zh: /^依第10條/,
  },
  {
    change: { operatesOfficialSocialMedia: false },
    off: ['social-media-official'],
    clause: 'art-11',
    zh: /^依第11條/,
  },
  {
    change: { companyMobileDevicesHandleSensitiveMatters: false },
    off: ['mobile-company'],
    clause: 'art-13',
    zh: /^依第13條/,
  },
  { change: { allowsByod: false }, off: ['byod'], clause: 'art-15', zh: /^依第15條/ },
  { change: { publishesMobileApps: false }, off: ['mobile-app'], clause: 'art-16', zh: /^依第16條及第17條/ },
];

describe('applicabilityOf', () => {
  it('makes every tag applicable under full scope', () => {
    for (const tag of APPLICABILITY_TAGS)
      expect(applicabilityOf([tag], FULL_SCOPE)).toEqual({ applicable: true });
  });

  it.each(cases)('$change turns off exactly $off, citing $clause', ({ change, off, clause, zh }) => {
    for (const tag of APPLICABILITY_TAGS) {
      const result = applicabilityOf([tag], scope(change));
      if (off.includes(tag)) {
        expect(result.applicable, tag).toBe(false);
        if (!result.applicable) {
          expect(result.clause).toBe(clause);
          expect(result.reason['zh-TW']).toMatch(zh);
          expect(result.reason.en.length).toBeGreaterThan(10);
        }
      } else {
        expect(result, tag).toEqual({ applicable: true });
      }
    }
  });

  it('cites Art. 3.2 rather than 3.1 for an internal private cloud', () => {
    const result = applicabilityOf(['cloud-user'], scope({ cloudIsInternalPrivateOnly: true }));
    expect(result).toMatchObject({ applicable: false, clause: 'art-3.2', ruleId: 'cloud-private-internal' });
  });

  it('ignores the private-cloud answer when no critical cloud is used (Art. 3.1 decides)', () => {
    const result = applicabilityOf(
      ['cloud-user'],
      scope({ usesCloudForCriticalServices: false, cloudIsInternalPrivateOnly: true }),
    );
    expect(result).toMatchObject({ applicable: false, clause: 'art-3.1' });
  });

  it('keeps the internal private cloud exclusion away from provider items', () => {
    expect(applicabilityOf(['cloud-provider'], scope({ cloudIsInternalPrivateOnly: true }))).toEqual({
      applicable: true,
    });
  });

  it('applies an item when any of its tags is in scope', () => {
    const answers = scope({ companyMobileDevicesHandleSensitiveMatters: false });
    expect(applicabilityOf(['mobile-company', 'byod'], answers)).toEqual({ applicable: true });
    const neither = scope({ companyMobileDevicesHandleSensitiveMatters: false, allowsByod: false });
    expect(applicabilityOf(['mobile-company', 'byod'], neither)).toMatchObject({
      applicable: false,
      clause: 'art-13',
    });
  });

  it('always applies untagged items', () => {
    const nothing = scope({
      usesCloudForCriticalServices: false,
      providesCloudServices: false,
      allowsEmployeeSocialMedia: false,
      operatesOfficialSocialMedia: false,
      companyMobileDevicesHandleSensitiveMatters: false,
      allowsByod: false,
      publishesMobileApps: false,
    });
    expect(applicabilityOf([], nothing)).toEqual({ applicable: true });
    expect(applicabilityOf(['cloud-user'], nothing).applicable).toBe(false);
  });
});
