/** Social media governance tables (migrations 0016–0017). Conventions: docs/architecture.md. */
export interface SocialAccountTable {
  id: string;
  org_id: string;
  platform: string;
  /** The platform's name when `platform` is 'other'; '' otherwise. */
  platform_label: string;
  handle: string;
  url: string;
  purpose: string;
  /** 'in_scope' | 'excluded_internal' (Art. 9: internal communication platforms are out of scope). */
  scope: string;
  exclusion_reason: string | null;
  department: string;
  owner_user_id: string | null;
  /** A named owner who is not a member (or the member's name as shown). */
  owner_name: string;
  second_factor_method: string;
  second_factor_verified_on: string | null;
  /** Art. 11.3: the profile shows the firm's name and contact details. */
  profile_shows_identity: number;
  profile_evidence_id: string | null;
  status: string;
  notes: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SocialAccountAdminTable {
  id: string;
  org_id: string;
  account_id: string;
  /** A member of the organisation, or null for a named outsider (an agency). */
  user_id: string | null;
  outsider_name: string | null;
  outsider_organisation: string;
  last_reviewed_on: string;
  added_at: string;
  added_by: string;
  removed_at: string | null;
  removed_by: string | null;
  removal_reason: string | null;
  /** 'member_left' | 'role_changed' while a re-confirmation is outstanding. */
  flagged_reason: string | null;
  flagged_at: string | null;
}

export interface SocialPolicyVersionTable {
  id: string;
  org_id: string;
  label: string;
  effective_on: string;
  /** Art. 10.1(1): business information that may be shared. */
  shareable_information: string;
  /** Art. 10.1(2): what separates private from business use. */
  private_business_rules: string;
  document_evidence_id: string | null;
  created_by: string;
  created_at: string;
}

export interface SocialPolicyAckTable {
  org_id: string;
  policy_version_id: string;
  user_id: string;
  acknowledged_at: string;
}

export interface SocialPlatformRiskTable {
  id: string;
  org_id: string;
  platform: string;
  platform_label: string;
  /** JSON array of { kind, description } */
  risks: string;
  /** JSON array of { kind, description } */
  controls: string;
  reviewed_on: string;
  reviewed_by: string;
  notes: string;
  business_use: number;
  review_interval_months: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SocialPrivacyReviewTable {
  id: string;
  org_id: string;
  platform: string;
  platform_label: string;
  reviewed_on: string;
  reviewer_user_id: string;
  summary: string;
  conclusion: string;
  policy_url: string;
  policy_text: string;
  policy_sha256: string;
  evidence_id: string | null;
  interval_months: number;
  next_due_on: string;
  created_by: string;
  created_at: string;
}

export interface SocialPostTable {
  id: string;
  org_id: string;
  title: string;
  body: string;
  author_user_id: string;
  status: string;
  planned_at: string | null;
  submitted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  approved_sha256: string | null;
  published_at: string | null;
  published_url: string | null;
  published_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SocialPostTargetTable {
  org_id: string;
  post_id: string;
  account_id: string;
}

export interface SocialPostImageTable {
  org_id: string;
  post_id: string;
  evidence_id: string;
  position: number;
}

export interface SocialSitePageTable {
  id: string;
  org_id: string;
  url: string;
  label: string;
  created_by: string;
  created_at: string;
}

export interface SocialLinkCheckTable {
  id: string;
  org_id: string;
  started_at: string;
  finished_at: string;
  pages: string;
  links_found: number;
  links_without_notice: number;
  report_evidence_id: string;
  created_by: string | null;
}

export interface SocialTables {
  social_account: SocialAccountTable;
  social_account_admin: SocialAccountAdminTable;
  social_policy_version: SocialPolicyVersionTable;
  social_policy_ack: SocialPolicyAckTable;
  social_platform_risk: SocialPlatformRiskTable;
  social_privacy_review: SocialPrivacyReviewTable;
  social_post: SocialPostTable;
  social_post_target: SocialPostTargetTable;
  social_post_image: SocialPostImageTable;
  social_site_page: SocialSitePageTable;
  social_link_check: SocialLinkCheckTable;
}
