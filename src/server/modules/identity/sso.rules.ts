import { registerErrorMessages } from '../../platform/errors.js';
import { isRole, type Role } from './permissions.js';

/** One allowed e-mail domain and the role a newcomer from it receives. */
export interface DomainRole {
  domain: string;
  role: Role;
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/**
 * Why an issuer URL is malformed, or null. Whether its scheme and addresses are acceptable (HTTPS, public
 * addresses only outside the development flag) is the outbound policy's decision (platform/outbound-policy.ts).
 */
export function issuerProblem(raw: string): 'NOT_A_URL' | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'NOT_A_URL';
  }
  if (url.username || url.password || url.search || url.hash) return 'NOT_A_URL';
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'NOT_A_URL';
  return null;
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
    'zh-TW':
      '單一登入設定不正確：發行者須為公開網路上的 https 網址，網域與角色須有效，啟用時須填妥所有欄位。',
    en: 'The SSO settings are not valid: the issuer must be an https URL on a public address, domains and roles must be valid, and all fields are required to enable it.',
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
    'zh-TW': '您的電子郵件網域未獲此組織允許以單一登入方式登入（或其網域申請尚待平台管理者核准）。',
    en: 'Your e-mail domain is not allowed to sign in to this organisation with SSO (or its domain claim awaits a platform administrator’s approval).',
  },
  SSO_EMAIL_UNVERIFIED: {
    'zh-TW': '身分提供者未確認您的電子郵件地址，無法登入。',
    en: 'The identity provider has not verified your e-mail address.',
  },
  SSO_ACCOUNT_NOT_ELIGIBLE: {
    'zh-TW': '此帳號無法透過此組織的單一登入登入，請改用密碼登入。',
    en: 'This account cannot sign in through this organisation’s SSO; use your password.',
  },
  SSO_LINK_REQUIRED: {
    'zh-TW': '此電子郵件已有檢核帳號：請先以密碼（及雙因子驗證）登入，再於個人設定連結單一登入。',
    en: 'This e-mail already has a Jianhe account: sign in with its password (and second factor), then link single sign-on from your profile.',
  },
  SSO_IDENTITY_LINKED_ELSEWHERE: {
    'zh-TW': '此身分提供者帳號已連結至其他檢核帳號。',
    en: 'This identity-provider account is already linked to another Jianhe account.',
  },
  SSO_DOMAIN_CLAIMED: {
    'zh-TW': '此電子郵件網域已由其他組織申請使用單一登入。',
    en: 'Another organisation has claimed this e-mail domain for single sign-on.',
  },
  SSO_CLAIM_NOT_FOUND: { 'zh-TW': '找不到此網域申請。', en: 'No claim for this domain.' },
});
