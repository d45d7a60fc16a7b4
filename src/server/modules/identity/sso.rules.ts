import { registerErrorMessages } from '../../platform/errors.js';
import { isRole, type Role } from './permissions.js';

/** One allowed e-mail domain and the role a newcomer from it receives. */
export interface DomainRole {
  domain: string;
  role: Role;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/**
 * Why an issuer URL is unacceptable, or null. HTTPS is required; plain HTTP only for a provider on this
 * machine (development and tests), where nothing crosses a network.
 */
export function issuerProblem(raw: string): 'NOT_A_URL' | 'HTTPS_REQUIRED' | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'NOT_A_URL';
  }
  if (url.username || url.password || url.search || url.hash) return 'NOT_A_URL';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'HTTPS_REQUIRED';
}

export function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** Lower-cases and checks the mapping; returns the reason it is invalid, or the normalised list. */
export function normaliseDomainRoles(
  input: Array<{ domain: string; role: string }>,
): { ok: true; value: DomainRole[] } | { ok: false; reason: string } {
  const seen = new Set<string>();
  const value: DomainRole[] = [];
  for (const entry of input) {
    const domain = entry.domain.trim().toLowerCase().replace(/^@/, '');
    if (!DOMAIN.test(domain)) return { ok: false, reason: 'DOMAIN_INVALID' };
    if (seen.has(domain)) return { ok: false, reason: 'DOMAIN_DUPLICATE' };
    if (!isRole(entry.role)) return { ok: false, reason: 'ROLE_INVALID' };
    seen.add(domain);
    value.push({ domain, role: entry.role });
  }
  return { ok: true, value };
}

/** The domain part of an e-mail address, lower-cased; null when the address has none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return null;
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase();
}

export function parseDomainRoles(json: string): DomainRole[] {
  const parsed = JSON.parse(json) as Array<{ domain: string; role: string }>;
  return parsed.filter((d): d is DomainRole => isRole(d.role));
}

/** Providers differ: some send `email_verified` as the string "true". */
export function isVerified(claim: unknown): boolean {
  return claim === true || claim === 'true';
}

registerErrorMessages({
  SSO_NOT_CONFIGURED: {
    'zh-TW': '此組織尚未啟用單一登入 (SSO)。',
    en: 'Single sign-on is not enabled for this organisation.',
  },
  SSO_SETTINGS_INVALID: {
    'zh-TW': '單一登入設定不正確：發行者須為 https 網址，網域與角色須有效，啟用時須填妥所有欄位。',
    en: 'The SSO settings are not valid: the issuer must be an https URL, domains and roles must be valid, and all fields are required to enable it.',
  },
  SSO_STATE_INVALID: {
    'zh-TW': '單一登入流程已過期或無效，請重新登入。',
    en: 'The sign-in attempt has expired or is not valid; start again.',
  },
  SSO_PROVIDER_UNAVAILABLE: {
    'zh-TW': '無法連線至身分提供者，請稍後再試。',
    en: 'The identity provider could not be reached; try again later.',
  },
  SSO_LOGIN_FAILED: {
    'zh-TW': '身分提供者未完成登入驗證。',
    en: 'The identity provider did not complete the sign-in.',
  },
  SSO_DOMAIN_NOT_ALLOWED: {
    'zh-TW': '您的電子郵件網域未獲此組織允許以單一登入方式登入。',
    en: 'Your e-mail domain is not allowed to sign in to this organisation with SSO.',
  },
  SSO_EMAIL_UNVERIFIED: {
    'zh-TW': '身分提供者未確認您的電子郵件地址，無法登入。',
    en: 'The identity provider has not verified your e-mail address.',
  },
  SSO_ACCOUNT_NOT_ELIGIBLE: {
    'zh-TW': '此帳號無法透過此組織的單一登入登入，請改用密碼登入。',
    en: 'This account cannot sign in through this organisation’s SSO; use your password.',
  },
});
