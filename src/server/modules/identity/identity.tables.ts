/** Identity tables (migration 0003). Secrets are stored only as hashes; see docs/security.md. */
export interface OrganizationTable {
  id: string;
  name: string;
  /** 統一編號, optional, checksum-validated. */
  business_id: string | null;
  industry: string;
  require_2fa: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  /** Lower-cased. */
  email: string;
  display_name: string;
  password_hash: string | null;
  platform_admin: number;
  totp_secret: string | null;
  totp_enabled: number;
  /** The last accepted TOTP time step (migration 0010): a code at or before it is a replay. */
  totp_last_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipTable {
  org_id: string;
  user_id: string;
  role: string;
  created_at: string;
  /** Migration 0014; a change raises register tasks like a role change. */
  department: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie value. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  /** Set once the password and, when enrolled, the second factor have both been verified. */
  verified: number;
  /** When the second factor was last confirmed (sign-off re-checks it). */
  second_factor_at: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** Opened through an organisation's identity provider: the session reaches that organisation only. */
  scope_org_id: string | null;
}

export interface LoginThrottleTable {
  /** The lower-cased e-mail as typed, whether or not such a user exists. */
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface ApiTokenTable {
  id: string;
  token_hash: string;
  user_id: string;
  org_id: string;
  name: string;
  permissions: string;
  expires_at: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SetupTokenTable {
  token_hash: string;
  created_at: string;
  used_at: string | null;
}

/** An invitation to join an organisation (migration 0010); the organisation sees only the typed e-mail. */
export interface InvitationTable {
  id: string;
  org_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
}
export interface IdentityTables {
  organization: OrganizationTable;
  app_user: UserTable;
  membership: MembershipTable;
  user_session: SessionTable;
  login_throttle: LoginThrottleTable;
  recovery_code: RecoveryCodeTable;
  api_token: ApiTokenTable;
  setup_token: SetupTokenTable;
  invitation: InvitationTable;
}

/** Single sign-on (migration 0006). */
export interface OrgSsoSettingsTable {
  org_id: string;
  enabled: number;
  issuer: string;
  client_id: string;
  /** Sealed with SecretBox; never returned by the API. */
  client_secret: string | null;
  /** JSON array of `{ domain, role }`. */
  domain_roles: string;
  updated_at: string;
  version: number;
}

export interface ExternalIdentityTable {
  issuer: string;
  subject: string;
  user_id: string;
  /** The organisation whose SSO first linked it. */
  org_id: string;
  created_at: string;
  last_login_at: string;
  /** `new-account` (created by this SSO sign-in) or `signed-in-link` (linked from a password session). */
  linked_via: string | null;
}

export interface SsoLoginStateTable {
  state_hash: string;
  org_id: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: string;
  expires_at: string;
  /** Set when a signed-in person started this flow to link the provider's identity to their account. */
  link_user_id: string | null;
}

/** One organisation's claim on an e-mail domain (migration 0010), approved by a platform administrator. */
export interface SsoDomainClaimTable {
  domain: string;
  org_id: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
}
export interface SsoTables {
  org_sso_settings: OrgSsoSettingsTable;
  external_identity: ExternalIdentityTable;
  sso_login_state: SsoLoginStateTable;
  sso_domain_claim: SsoDomainClaimTable;
}
