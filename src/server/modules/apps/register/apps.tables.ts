/** Mobile-app register tables (migrations 0018–0019). Conventions: docs/architecture.md. */
export interface MobileAppTable {
  id: string;
  org_id: string;
  name: string;
  /** JSON array of 'android' | 'ios' */
  platforms: string;
  /** The package name (Android) or bundle identifier (iOS) the scanner reads from the binary. */
  bundle_id: string;
  /** 'in_house', or 'outside': developed by a vendor, whose attestations stand in for source code (Art. 17.2). */
  vendor_kind: string;
  vendor_name: string;
  owner_user_id: string | null;
  notes: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One Art. 16 control (16.1 … 16.5) as the app implements it, with its evidence. */
export interface MobileAppControlTable {
  org_id: string;
  app_id: string;
  control: string;
  implemented: number;
  description: string;
  evidence_id: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface AppReleaseTable {
  id: string;
  org_id: string;
  app_id: string;
  app_version: string;
  build_number: string;
  binary_sha256: string | null;
  /** The planned or actual release date (YYYY-MM-DD). */
  release_date: string | null;
  /** 'draft' | 'released' */
  status: string;
  /** 'pending' (not scanned) | 'scanned' | 'blocked' | 'accepted' (blocked, with a risk acceptance) */
  gate: string;
  /** The lowest severity that blocks this release's gate. */
  fail_on: string;
  scanned_at: string | null;
  scan_evidence_id: string | null;
  /** JSON: counts per severity and total of the last scan. */
  scan_summary: string | null;
  /** JSON: { id, version, sha256 } of the rule pack the last scan used. */
  rule_pack: string | null;
  released_at: string | null;
  released_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A finding of the release's last scan (values already masked by the scanner). */
export interface AppReleaseFindingTable {
  id: string;
  org_id: string;
  release_id: string;
  rule_id: string;
  severity: string;
  masvs: string;
  /** MASVS-NETWORK for MASVS-NETWORK-1: the findings view groups by it. */
  masvs_group: string;
  clause: string;
  location: string;
  subject: string;
  evidence: string;
}

export interface AppRiskAcceptanceTable {
  id: string;
  org_id: string;
  release_id: string;
  reason: string;
  expires_on: string;
  accepted_by: string;
  accepted_at: string;
}

/** What an outside developer attests when the firm has no source code (Art. 17.2), due before release. */
export interface AppVendorAttestationTable {
  id: string;
  org_id: string;
  release_id: string;
  /** 'no-malicious-code' | 'no-sensitive-data' | 'input-filtering' (Art. 17.1 (1)–(3)) */
  subject: string;
  due_date: string;
  received_on: string | null;
  evidence_id: string | null;
  note: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AppNotificationTemplateTable {
  id: string;
  org_id: string;
  app_id: string;
  /** 'sms' | 'push' | 'email' */
  channel: string;
  name: string;
  body: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AppTables {
  mobile_app: MobileAppTable;
  mobile_app_control: MobileAppControlTable;
  app_release: AppReleaseTable;
  app_release_finding: AppReleaseFindingTable;
  app_risk_acceptance: AppRiskAcceptanceTable;
  app_vendor_attestation: AppVendorAttestationTable;
  app_notification_template: AppNotificationTemplateTable;
}
