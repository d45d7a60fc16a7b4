/** Campaign tables (migrations 0022–0024). Conventions: see docs/architecture.md. */
export interface AssociationMemberTable {
  id: string;
  /** The association. */
  org_id: string;
  /** 統一編號 the invitation is addressed to. */
  member_business_id: string;
  /** Set when the firm's administrator accepts. */
  member_org_id: string | null;
  member_name: string | null;
  member_industry: string | null;
  size_band: string | null;
  /** invited | active | declined | left | revoked */
  status: string;
  invited_by: string | null;
  invited_at: string;
  decided_by: string | null;
  decided_at: string | null;
  left_at: string | null;
  version: number;
}

export interface CampaignTable {
  id: string;
  org_id: string;
  catalog_id: string;
  name: string;
  period: string;
  /** Calendar date (Taipei), inclusive. */
  deadline: string;
  k_threshold: number;
  request_explanations: number;
  created_by: string;
  created_at: string;
  version: number;
}

export interface CampaignParticipantTable {
  id: string;
  org_id: string;
  campaign_id: string;
  member_id: string;
  member_org_id: string;
  /** The campaign assessment in the member's own organisation. */
  assessment_id: string | null;
  started_at: string | null;
  last_reminded_at: string | null;
  created_at: string;
}

export interface CampaignResponseTable {
  id: string;
  org_id: string;
  campaign_id: string;
  participant_id: string;
  version: number;
  assessment_id: string;
  fingerprint: string;
  fingerprint_algorithm: string;
  industry: string;
  size_band: string;
  submitted_by: string;
  submitted_at: string;
  superseded_at: string | null;
}

export interface CampaignResponseItemTable {
  org_id: string;
  response_id: string;
  campaign_id: string;
  item_id: string;
  chapter: number;
  result: string;
  shared_explanation: string | null;
  shared_compensating_control: string | null;
}

/** Per sealed response and chapter: its result counts (0024). */
export interface CampaignResponseChapterTable {
  org_id: string;
  response_id: string;
  campaign_id: string;
  chapter: number;
  compliant: number;
  partially_compliant: number;
  non_compliant: number;
  not_applicable: number;
}

/** Per campaign, atom, item and result: current responses giving it (0024), kept as responses arrive. */
export interface CampaignItemTallyTable {
  org_id: string;
  campaign_id: string;
  industry: string;
  size_band: string;
  item_id: string;
  chapter: number;
  result: string;
  firms: number;
}

export interface CampaignTables {
  association_member: AssociationMemberTable;
  campaign: CampaignTable;
  campaign_participant: CampaignParticipantTable;
  campaign_response: CampaignResponseTable;
  campaign_response_item: CampaignResponseItemTable;
  campaign_response_chapter: CampaignResponseChapterTable;
  campaign_item_tally: CampaignItemTallyTable;
}
