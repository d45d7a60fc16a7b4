import type { KexInit, SshIdentification } from './ssh-wire.js';
import { type EndpointObservation, type RuleResult, reachabilityRule, rule } from './verdict.js';

/**
 * Weak SSH algorithms, as data. `broken`: must not be offered (fail); `legacy`: should be retired (warn).
 * Sources: RFC 9142 (key exchange: SHA-1 and 1024-bit groups), RFC 8758 (RC4), RFC 8332 and OpenSSH 8.8
 * (ssh-rsa SHA-1 signatures), RFC 4253 §6.3–6.4 ("none"), Sweet32 (64-bit block ciphers), the CBC
 * plaintext-recovery attack on SSH (Albrecht et al., 2009), and Mozilla's OpenSSH guidelines.
 */
export const SSH_ALGORITHM_POLICY = {
  version: '2026-11',
  kex: {
    broken: [
      'diffie-hellman-group1-sha1',
      'diffie-hellman-group14-sha1',
      'diffie-hellman-group-exchange-sha1',
      'rsa1024-sha1',
      'gss-group1-sha1-*',
      'gss-group14-sha1-*',
      'gss-gex-sha1-*',
    ],
    legacy: ['ecdh-sha2-1.3.132.0.10', 'ecdh-sha2-nistp192'],
  },
  ciphers: {
    broken: [
      'none',
      'arcfour',
      'arcfour128',
      'arcfour256',
      'des-cbc',
      'des-cbc@ssh.com',
      '3des-cbc',
      '3des-ctr',
      'blowfish-cbc',
      'blowfish-ctr',
      'cast128-cbc',
      'cast128-ctr',
      'idea-cbc',
      'idea-ctr',
      'twofish-cbc',
      'twofish128-cbc',
      'twofish256-cbc',
      'rijndael-cbc@lysator.liu.se',
    ],
    legacy: ['aes128-cbc', 'aes192-cbc', 'aes256-cbc', 'twofish128-ctr', 'twofish256-ctr'],
  },
  macs: {
    broken: [
      'none',
      'hmac-md5',
      'hmac-md5-96',
      'hmac-md5-etm@openssh.com',
      'hmac-md5-96-etm@openssh.com',
      'hmac-ripemd160',
      'hmac-ripemd160@openssh.com',
      'hmac-ripemd160-etm@openssh.com',
      'hmac-sha1-96',
      'hmac-sha1-96-etm@openssh.com',
    ],
    legacy: ['hmac-sha1', 'hmac-sha1-etm@openssh.com', 'umac-64@openssh.com', 'umac-64-etm@openssh.com'],
  },
  hostKeys: {
    broken: ['ssh-dss', 'ssh-dss-cert-v01@openssh.com', 'x509v3-sign-dss'],
    legacy: ['ssh-rsa', 'ssh-rsa-cert-v01@openssh.com', 'x509v3-sign-rsa'],
  },
} as const;

/** Names in a kex list that announce extensions, not algorithms (RFC 8308, OpenSSH strict kex). */
const PSEUDO_KEX = /^(ext-info-[cs]|kex-strict-[cs]-v00@openssh\.com)$/;

function matcher(patterns: readonly string[]): (name: string) => boolean {
  return (name) => patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : p === name));
}

function judgeList(
  id: string,
  what: { en: string; zh: string },
  offered: string[],
  policy: { broken: readonly string[]; legacy: readonly string[] },
): RuleResult {
  const broken = offered.filter(matcher(policy.broken));
  const legacy = offered.filter(matcher(policy.legacy));
  const details = { offered, broken, legacy };
  if (broken.length > 0)
    return rule(
      id,
      'fail',
      `Offers weak ${what.en}: ${broken.join(', ')}.`,
      `提供不安全的${what.zh}：${broken.join(', ')}。`,
      details,
    );
  if (legacy.length > 0)
    return rule(
      id,
      'warn',
      `Offers legacy ${what.en}: ${legacy.join(', ')}.`,
      `提供應淘汰的${what.zh}：${legacy.join(', ')}。`,
      details,
    );
  if (offered.length === 0)
    return rule(id, 'fail', `Offers no ${what.en}.`, `未提供任何${what.zh}。`, details);
  return rule(id, 'pass', `Offers only sound ${what.en}.`, `僅提供安全的${what.zh}。`, details);
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

export interface SshObservations extends EndpointObservation {
  identification: SshIdentification | null;
  kexinit: KexInit | null;
  /** Why the identification or KEXINIT could not be read, when it could not. */
  error?: string;
}

/** Judges what an SSH server offered: protocol version, kex, ciphers, MACs, host keys, Terrapin. */
export function judgeSsh(o: SshObservations): RuleResult[] {
  const results = [reachabilityRule(o)];
  if (!o.reachable.ok) return results;
  const id = o.identification;
  if (!id) {
    results.push(
      rule(
        'ssh.protocol',
        'fail',
        `No SSH identification was received (${o.error ?? 'not an SSH server'}).`,
        `未收到 SSH 識別字串（${o.error ?? '非 SSH 服務'}）。`,
      ),
    );
    return results;
  }
  results.push(
    id.protoVersion === '2.0'
      ? rule('ssh.protocol', 'pass', `SSH 2.0 (${id.software}).`, `SSH 2.0（${id.software}）。`, { ...id })
      : rule(
          'ssh.protocol',
          'fail',
          `Speaks SSH protocol ${id.protoVersion}; SSH-1 is broken.`,
          `使用 SSH 協定 ${id.protoVersion}；SSH-1 已不安全。`,
          { ...id },
        ),
  );
  const k = o.kexinit;
  if (!k) {
    results.push(
      rule(
        'ssh.kex',
        'fail',
        `The server's algorithm list (KEXINIT) could not be read (${o.error ?? 'unknown'}).`,
        `無法讀取伺服器演算法清單 (KEXINIT)（${o.error ?? '原因不明'}）。`,
      ),
    );
    return results;
  }
  const p = SSH_ALGORITHM_POLICY;
  const kex = k.kex.filter((name) => !PSEUDO_KEX.test(name));
  const ciphers = union(k.ciphersClientToServer, k.ciphersServerToClient);
  const macs = union(k.macsClientToServer, k.macsServerToClient);
  results.push(judgeList('ssh.kex', { en: 'key exchange', zh: '金鑰交換演算法' }, kex, p.kex));
  results.push(judgeList('ssh.ciphers', { en: 'ciphers', zh: '加密演算法' }, ciphers, p.ciphers));
  // With AEAD ciphers only, no MAC is negotiated; an empty list is then fine.
  const aeadOnly = ciphers.every((c) => c.includes('gcm') || c.startsWith('chacha20-poly1305'));
  results.push(
    macs.length === 0 && aeadOnly
      ? rule('ssh.macs', 'pass', 'Only AEAD ciphers; no separate MAC.', '僅使用 AEAD 加密，無需另行 MAC。')
      : judgeList('ssh.macs', { en: 'MACs', zh: '訊息驗證碼 (MAC)' }, macs, p.macs),
  );
  results.push(
    judgeList('ssh.host-keys', { en: 'host key types', zh: '主機金鑰類型' }, k.hostKeys, p.hostKeys),
  );
  results.push(terrapin(k.kex, ciphers, macs));
  return results;
}

/**
 * CVE-2023-48795 (Terrapin): prefix truncation works against chacha20-poly1305 and against CBC with
 * encrypt-then-MAC, unless both sides use strict key exchange (kex-strict-s-v00@openssh.com).
 */
function terrapin(kex: string[], ciphers: string[], macs: string[]): RuleResult {
  const strict = kex.includes('kex-strict-s-v00@openssh.com');
  const chacha = ciphers.includes('chacha20-poly1305@openssh.com');
  const cbcEtm = ciphers.some((c) => c.includes('-cbc')) && macs.some((m) => m.includes('-etm@'));
  const details = { strictKex: strict, chacha20: chacha, cbcWithEtm: cbcEtm };
  if (!(chacha || cbcEtm) || strict)
    return rule(
      'ssh.terrapin',
      'pass',
      strict
        ? 'Strict key exchange is offered (Terrapin mitigated).'
        : 'No Terrapin-affected mode is offered.',
      strict ? '提供嚴格金鑰交換，已緩解 Terrapin。' : '未提供受 Terrapin 影響的模式。',
      details,
    );
  return rule(
    'ssh.terrapin',
    'warn',
    'Offers chacha20-poly1305 or CBC with encrypt-then-MAC without strict key exchange (CVE-2023-48795, Terrapin).',
    '提供 chacha20-poly1305 或 CBC 搭配 EtM，但未提供嚴格金鑰交換（CVE-2023-48795，Terrapin）。',
    details,
  );
}
