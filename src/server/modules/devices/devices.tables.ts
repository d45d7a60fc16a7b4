/** Device register tables (migration 0015). Conventions as everywhere: text ids, ISO text times, 0/1. */
export interface DeviceImportTable {
  id: string;
  org_id: string;
  source: string;
  filename: string;
  sha256: string;
  rows: number;
  added: number;
  updated: number;
  flagged: number;
  imported_by: string | null;
  imported_at: string;
}

export interface DeviceTable {
  id: string;
  org_id: string;
  version: number;
  name: string;
  type: string;
  platform: string;
  os_version: string | null;
  model: string | null;
  serial_number: string | null;
  imei: string | null;
  holder_name: string | null;
  holder_phone: string | null;
  holder_user_id: string | null;
  department: string | null;
  ownership: string;
  handles_sensitive: number;
  connects_directly: number;
  mdm_source: string | null;
  mdm_device_id: string | null;
  enrolled: number | null;
  last_check_in: string | null;
  status: string;
  posture: string;
  failing: number;
  unknown: number;
  in_scope: number;
  missing_since: string | null;
  last_import_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeviceEventTable {
  id: string;
  org_id: string;
  device_id: string;
  kind: string;
  occurred_on: string;
  person_user_id: string | null;
  person_name: string | null;
  note: string;
  task_id: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DevicePolicyTable {
  org_id: string;
  policy: string;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

export interface DeviceDocumentTable {
  id: string;
  org_id: string;
  /** request_return_rules (Art. 14.1) | tethering_control (Art. 15.3) */
  kind: string;
  version: number;
  title: string;
  description: string;
  evidence_id: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface ByodAgreementTable {
  id: string;
  org_id: string;
  version: number;
  title: string;
  usage_limits: string;
  firm_responsibilities: string;
  holder_responsibilities: string;
  valid_days: number;
  published_by: string | null;
  published_at: string;
}

export interface ByodAcceptanceTable {
  id: string;
  org_id: string;
  agreement_id: string;
  holder_user_id: string | null;
  holder_name: string | null;
  /** in_app | paper */
  method: string;
  evidence_id: string | null;
  accepted_at: string;
  expires_at: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface ByodReviewTable {
  id: string;
  org_id: string;
  device_id: string;
  purpose: string;
  period_start: string;
  period_end: string;
  /** JSON array of data types the device may hold. */
  data_types: string;
  reviewed_by: string | null;
  reviewed_at: string;
  next_due_on: string;
}

export interface AllowedAppTable {
  id: string;
  org_id: string;
  platform: string;
  app_identifier: string;
  name: string;
  reviewer: string;
  reviewed_on: string;
  note: string;
  created_by: string | null;
  created_at: string;
}

export interface DeviceTables {
  device_import: DeviceImportTable;
  device: DeviceTable;
  device_event: DeviceEventTable;
  device_policy: DevicePolicyTable;
  device_document: DeviceDocumentTable;
  byod_agreement: ByodAgreementTable;
  byod_acceptance: ByodAcceptanceTable;
  byod_review: ByodReviewTable;
  allowed_app: AllowedAppTable;
}
