/** Check endpoints and runs (migration 0020). Conventions: docs/architecture.md. */
export interface CheckEndpointTable {
  id: string;
  org_id: string;
  /** The provider the endpoint belongs to; the firm's own service is its `is_self` provider. */
  provider_id: string;
  /** What the endpoint is for, e.g. "API", "SFTP", "customer portal". */
  purpose: string;
  host: string;
  port: number;
  /** 'tls' | 'ssh' | 'reachability' */
  kind: string;
  /** Mozilla configuration for TLS endpoints: 'intermediate' | 'modern' (ignored for other kinds). */
  profile: string;
  /** Port of the plain-HTTP redirect probe; null: the TLS service is not HTTPS (no HSTS, no redirect). */
  http_port: number | null;
  /** PEM certificates trusted besides Node's bundled Mozilla roots (a firm's private PKI); null: none. */
  trusted_ca: string | null;
  /** JSON array of catalog item ids a result is evidence for, e.g. ["item-7","item-22"]. */
  supported_items: string;
  /** The member told when its certificate nears expiry and named on remediation items. */
  owner_user_id: string | null;
  interval_hours: number;
  enabled: number;
  next_run_at: string;
  last_run_id: string | null;
  /** Fingerprint of the certificate whose coming expiry the owner was last told about (told once). */
  expiry_notified_fingerprint: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface CheckRunTable {
  id: string;
  org_id: string;
  endpoint_id: string;
  /** 'scheduled' | 'manual' | 'cli' */
  trigger: string;
  requested_by: string | null;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  kind: string;
  /** host:port as checked. */
  target: string;
  profile_name: string;
  profile_version: string;
  /** 'pass' | 'warn' | 'fail' */
  verdict: string;
  /** Set when the check could not run at all (e.g. OUTBOUND_TARGET_NOT_PUBLIC). */
  error_code: string | null;
  /** JSON: what the probes saw. */
  observations: string;
  /** JSON: RuleResult[]. */
  results: string;
  /** SHA-256 of the canonical JSON of the stored run (target, profile, observations, results). */
  sha256: string;
  certificate_not_after: string | null;
  /** Calendar date (Asia/Taipei) the result stays valid as evidence: the next scheduled run. */
  valid_until: string | null;
  evidence_id: string | null;
}

export interface CheckTables {
  check_endpoint: CheckEndpointTable;
  check_run: CheckRunTable;
}
