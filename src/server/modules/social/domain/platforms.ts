/** Platform types employees may use for business (Art. 10.2), and what the register records about them. */
export const SOCIAL_PLATFORMS = [
  'line',
  'facebook',
  'instagram',
  'youtube',
  'x',
  'threads',
  'linkedin',
  'tiktok',
  'other',
] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

export const PLATFORM_NAMES: Record<SocialPlatform, string> = {
  line: 'LINE',
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  x: 'X',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  other: '其他',
};

/** A platform as people read it: the named platform, or the label given for 'other'. */
export function platformName(platform: string, label: string): string {
  return platform === 'other'
    ? label || PLATFORM_NAMES.other
    : (PLATFORM_NAMES[platform as SocialPlatform] ?? platform);
}

/** Art. 9: accounts of internal communication platforms are recorded but excluded from chapter 3. */
export const ACCOUNT_SCOPES = ['in_scope', 'excluded_internal'] as const;
export const ACCOUNT_STATUSES = ['active', 'dormant', 'closed'] as const;
export const SECOND_FACTOR_METHODS = [
  'none',
  'sms',
  'authenticator_app',
  'security_key',
  'platform_prompt',
  'email',
  'other',
] as const;

/** Art. 10.2: the risks the guideline names, and the controls it asks for. */
export const PLATFORM_RISKS = ['data_leakage', 'social_engineering', 'malware', 'other'] as const;
export const PLATFORM_CONTROLS = [
  'training_awareness',
  'content_filtering_monitoring',
  'anti_malware',
  'other',
] as const;

export const PRIVACY_CONCLUSIONS = ['acceptable', 'acceptable_with_measures', 'not_acceptable'] as const;

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12;
