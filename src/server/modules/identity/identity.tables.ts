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
  created_at: string;
  updated_at: string;
}

export interface MembershipTable {
  org_id: string;
  user_id: string;
  role: string;
  created_at: string;
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

export interface IdentityTables {
  organization: OrganizationTable;
  app_user: UserTable;
  membership: MembershipTable;
  user_session: SessionTable;
  login_throttle: LoginThrottleTable;
  recovery_code: RecoveryCodeTable;
  api_token: ApiTokenTable;
  setup_token: SetupTokenTable;
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
}

export interface SsoLoginStateTable {
  state_hash: string;
  org_id: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: string;
  expires_at: string;
}

export interface SsoTables {
  org_sso_settings: OrgSsoSettingsTable;
  external_identity: ExternalIdentityTable;
  sso_login_state: SsoLoginStateTable;
}
