import type { Bilingual } from '../../../platform/i18n.js';

/** The checklist's applicability tags (see catalogs/catalog.schema.json). */
export const APPLICABILITY_TAGS = [
  'cloud-user',
  'cloud-provider',
  'social-media-policy',
  'social-media-official',
  'mobile-company',
  'byod',
  'mobile-app',
] as const;
export type ApplicabilityTag = (typeof APPLICABILITY_TAGS)[number];

/** The scoping questionnaire, answered before any item (guideline Art. 3, 9–11, 13–17). */
export interface ScopingAnswers {
  /** Art. 3.1: cloud services involving critical systems, data or services. */
  usesCloudForCriticalServices: boolean;
  /** Art. 3.2: that cloud is only a private cloud built in-house and serving internal users. */
  cloudIsInternalPrivateOnly: boolean;
  /** The firm provides cloud services to others (checklist items marked 組織為提供者時適用). */
  providesCloudServices: boolean;
  /** Art. 10: employees may use social media for business. */
  allowsEmployeeSocialMedia: boolean;
  /** Art. 11: the firm operates official social-media accounts. */
  operatesOfficialSocialMedia: boolean;
  /** Art. 13–14: company mobile devices handle sensitive matters and connect to the internal network. */
  companyMobileDevicesHandleSensitiveMatters: boolean;
  /** Art. 15: employees may bring their own devices. */
  allowsByod: boolean;
  /** Art. 16–17: the firm publishes mobile apps. */
  publishesMobileApps: boolean;
}

export const SCOPING_QUESTIONS = [
  'usesCloudForCriticalServices',
  'cloudIsInternalPrivateOnly',
  'providesCloudServices',
  'allowsEmployeeSocialMedia',
  'operatesOfficialSocialMedia',
  'companyMobileDevicesHandleSensitiveMatters',
  'allowsByod',
  'publishesMobileApps',
] as const satisfies readonly (keyof ScopingAnswers)[];

export type Applicability =
  | { applicable: true }
  | { applicable: false; clause: string; reason: Bilingual; ruleId: string };

interface ScopeRule {
  id: string;
  tags: readonly ApplicabilityTag[];
  /** Node id of the clause the exclusion rests on. */
  clause: string;
  excludes(answers: ScopingAnswers): boolean;
  reason: Bilingual;
}

/**
 * Ordered: the first rule that excludes a tag supplies the reason, so the most specific clause is cited
 * (an internal-only private cloud is excluded by Art. 3.2 even when it also hosts critical systems).
 */
const SCOPE_RULES: readonly ScopeRule[] = [
  {
    id: 'cloud-private-internal',
    tags: ['cloud-user'],
    clause: 'art-3.2',
    excludes: (a) => a.usesCloudForCriticalServices && a.cloudIsInternalPrivateOnly,
    reason: {
      'zh-TW': '依第3條第2項，僅對內之私有雲不適用',
      en: 'Not applicable under Art. 3(2): an in-house private cloud serving only internal users is excluded',
    },
  },
  {
    id: 'cloud-not-critical',
    tags: ['cloud-user'],
    clause: 'art-3.1',
    excludes: (a) => !a.usesCloudForCriticalServices,
    reason: {
      'zh-TW': '依第3條第1項，未使用涉及關鍵性系統、資料或服務之雲端服務，不適用',
      en: 'Not applicable under Art. 3(1): no cloud service involving critical systems, data or services is used',
    },
  },
  {
    id: 'cloud-not-provider',
    tags: ['cloud-provider'],
    clause: 'art-3.1',
    excludes: (a) => !a.providesCloudServices,
    reason: {
      'zh-TW': '組織未對外提供雲端服務，組織為提供者時適用之項目不適用（第3條第1項）',
      en: 'Not applicable: the organisation does not provide cloud services to others (Art. 3(1), provider items)',
    },
  },
  {
    id: 'social-media-no-business-use',
    tags: ['social-media-policy'],
    clause: 'art-10',
    excludes: (a) => !a.allowsEmployeeSocialMedia,
    reason: {
      'zh-TW': '依第10條，組織未開放員工於業務上使用社群媒體，不適用',
      en: 'Not applicable under Art. 10: employees are not permitted to use social media for business',
    },
  },
  {
    id: 'social-media-no-official-accounts',
    tags: ['social-media-official'],
    clause: 'art-11',
    excludes: (a) => !a.operatesOfficialSocialMedia,
    reason: {
      'zh-TW': '依第11條，組織未經營官方社群媒體，不適用',
      en: 'Not applicable under Art. 11: the organisation operates no official social-media accounts',
    },
  },
  {
    id: 'mobile-not-sensitive',
    tags: ['mobile-company'],
    clause: 'art-13',
    excludes: (a) => !a.companyMobileDevicesHandleSensitiveMatters,
    reason: {
      'zh-TW': '依第13條，公務用行動裝置未處理敏感性事務或未直接連接組織網路，不適用',
      en: 'Not applicable under Art. 13: company mobile devices neither handle sensitive matters nor connect directly to the network',
    },
  },
  {
    id: 'byod-not-allowed',
    tags: ['byod'],
    clause: 'art-15',
    excludes: (a) => !a.allowsByod,
    reason: {
      'zh-TW': '依第15條，組織未允許員工自攜行動裝置處理組織事務，不適用',
      en: 'Not applicable under Art. 15: employees may not use their own devices for organisation business',
    },
  },
  {
    id: 'no-mobile-apps',
    tags: ['mobile-app'],
    clause: 'art-16',
    excludes: (a) => !a.publishesMobileApps,
    reason: {
      'zh-TW': '依第16條及第17條，組織未發佈行動應用程式，不適用',
      en: 'Not applicable under Arts. 16–17: the organisation publishes no mobile apps',
    },
  },
];

/** Scope answers that make every item applicable: the safe default before the questionnaire is answered. */
export const FULL_SCOPE: ScopingAnswers = {
  usesCloudForCriticalServices: true,
  cloudIsInternalPrivateOnly: false,
  providesCloudServices: true,
  allowsEmployeeSocialMedia: true,
  operatesOfficialSocialMedia: true,
  companyMobileDevicesHandleSensitiveMatters: true,
  allowsByod: true,
  publishesMobileApps: true,
};

function exclusionFor(tag: ApplicabilityTag, answers: ScopingAnswers): ScopeRule | undefined {
  return SCOPE_RULES.find((rule) => rule.tags.includes(tag) && rule.excludes(answers));
}

/**
 * An item applies when any of its tags is in scope; an untagged item always applies.
 * When every tag is excluded, the reason of the first tag's rule is given.
 */
export function applicabilityOf(tags: readonly string[], answers: ScopingAnswers): Applicability {
  const known = tags.filter((t): t is ApplicabilityTag =>
    (APPLICABILITY_TAGS as readonly string[]).includes(t),
  );
  if (known.length === 0) return { applicable: true };
  let firstExclusion: ScopeRule | undefined;
  for (const tag of known) {
    const rule = exclusionFor(tag, answers);
    if (!rule) return { applicable: true };
    firstExclusion ??= rule;
  }
  const rule = firstExclusion!;
  return { applicable: false, clause: rule.clause, reason: rule.reason, ruleId: rule.id };
}

export function scopeItems<T extends { tags: readonly string[] }>(
  items: readonly T[],
  answers: ScopingAnswers,
): Array<T & { applicability: Applicability }> {
  return items.map((item) => ({ ...item, applicability: applicabilityOf(item.tags, answers) }));
}
