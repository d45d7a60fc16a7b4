import { certificateRules } from './certificate-rules.js';
import type { TlsObservations } from './tls-observations.js';
import type { TlsProfile } from './tls-profile.js';
import { type RuleResult, reachabilityRule, rule } from './verdict.js';

export const versionLabel = (v: string): string =>
  ({ TLSv1: 'TLS 1.0', 'TLSv1.1': 'TLS 1.1', 'TLSv1.2': 'TLS 1.2', 'TLSv1.3': 'TLS 1.3' })[v] ?? v;
const list = (versions: string[]) => versions.map(versionLabel).join(', ');

function protocols(o: TlsObservations, p: TlsProfile): RuleResult {
  const allowed = new Set<string>(p.rules.tls_versions);
  const accepted = o.protocols.filter((x) => x.result === 'accepted').map((x) => x.version);
  const unwanted = accepted.filter((v) => !allowed.has(v));
  const unknown = o.protocols
    .filter((x) => (x.result === 'not-testable' || x.result === 'error') && !allowed.has(x.version))
    .map((x) => x.version);
  const details = { accepted, profile: p.rules.tls_versions, probes: o.protocols };
  if (unwanted.length > 0)
    return rule(
      'tls.protocols',
      'fail',
      `Accepts ${list(unwanted)}, which ${p.label} does not allow.`,
      `接受 ${list(unwanted)}，不符合 ${p.label}。`,
      details,
    );
  if (!accepted.some((v) => allowed.has(v)))
    return rule(
      'tls.protocols',
      'fail',
      `Accepts none of the versions ${p.label} asks for (${list(p.rules.tls_versions)}).`,
      `未接受 ${p.label} 要求的任何版本（${list(p.rules.tls_versions)}）。`,
      details,
    );
  if (unknown.length > 0)
    return rule(
      'tls.protocols',
      'warn',
      `Accepts ${list(accepted)}; ${list(unknown)} could not be probed from this machine, so refusal is not confirmed.`,
      `接受 ${list(accepted)}；本機無法測試 ${list(unknown)}，尚不能確認伺服器拒絕。`,
      details,
    );
  return rule(
    'tls.protocols',
    'pass',
    `Accepts ${list(accepted)} only.`,
    `僅接受 ${list(accepted)}。`,
    details,
  );
}

function ciphers(o: TlsObservations, p: TlsProfile): RuleResult {
  if (!o.ciphers) return rule('tls.ciphers', 'skip', 'No cipher was enumerated.', '未列舉加密套件。');
  const allowed = new Set([...p.rules.ciphers.iana, ...p.rules.ciphersuites]);
  const outside = o.ciphers.accepted.filter((c) => !allowed.has(c.name));
  const details = {
    accepted: o.ciphers.accepted,
    outsideProfile: outside,
    complete: o.ciphers.complete,
    notTestable: o.ciphers.notTestable,
  };
  if (outside.length > 0) {
    const names = [...new Set(outside.map((c) => c.name))].join(', ');
    return rule(
      'tls.ciphers',
      'fail',
      `Accepts ciphers outside ${p.label}: ${names}.`,
      `接受 ${p.label} 以外的加密套件：${names}。`,
      details,
    );
  }
  if (!o.ciphers.complete)
    return rule(
      'tls.ciphers',
      'warn',
      'The cipher enumeration did not finish; the ciphers seen are all in the profile.',
      '加密套件列舉未完成；已觀察到的套件皆符合設定檔。',
      details,
    );
  return rule(
    'tls.ciphers',
    'pass',
    `All ${o.ciphers.accepted.length} accepted ciphers are in ${p.label}.`,
    `接受的 ${o.ciphers.accepted.length} 個加密套件皆符合 ${p.label}。`,
    details,
  );
}

function keyExchange(o: TlsObservations, p: TlsProfile): RuleResult {
  if (!o.negotiated) return rule('tls.key-exchange', 'skip', 'No handshake completed.', '未完成交握。');
  const kx = o.negotiated.keyExchange;
  const details = {
    negotiated: o.negotiated,
    tlsCurves: p.rules.tls_curves,
    dhParamSize: p.rules.dh_param_size,
  };
  if (!kx)
    return rule(
      'tls.key-exchange',
      'fail',
      `${o.negotiated.cipher} uses no ephemeral key exchange (no forward secrecy).`,
      `${o.negotiated.cipher} 未使用短暫金鑰交換（無前向保密）。`,
      details,
    );
  if (kx.type === 'DH') {
    const min = p.rules.dh_param_size;
    if (min === null || kx.size < min)
      return rule(
        'tls.key-exchange',
        'fail',
        min === null
          ? `Finite-field DH (${kx.size} bits) is not part of ${p.label}.`
          : `DH group of ${kx.size} bits is below ${min}.`,
        min === null
          ? `${p.label} 不使用有限體 DH（${kx.size} 位元）。`
          : `DH 群組 ${kx.size} 位元，低於 ${min}。`,
        details,
      );
    return rule('tls.key-exchange', 'pass', `DH ${kx.size} bits.`, `DH ${kx.size} 位元。`, details);
  }
  if (kx.name && p.rules.tls_curves.includes(kx.name))
    return rule('tls.key-exchange', 'pass', `ECDH over ${kx.name}.`, `ECDH 使用 ${kx.name}。`, details);
  const weak = p.rules.ecdh_param_size !== null && kx.size < p.rules.ecdh_param_size;
  return rule(
    'tls.key-exchange',
    weak ? 'fail' : 'warn',
    `ECDH over ${kx.name ?? 'an unknown curve'} (${kx.size} bits) is not among ${p.rules.tls_curves.join(', ')}.`,
    `ECDH 使用 ${kx.name ?? '未知曲線'}（${kx.size} 位元），不在 ${p.rules.tls_curves.join('、')} 之列。`,
    details,
  );
}

function ocsp(o: TlsObservations, p: TlsProfile): RuleResult {
  if (o.ocspStapled === null)
    return rule('tls.ocsp-stapling', 'skip', 'No handshake completed.', '未完成交握。');
  if (o.ocspStapled)
    return rule('tls.ocsp-stapling', 'pass', 'Staples an OCSP response.', '伺服器提供 OCSP 裝訂回應。');
  return rule(
    'tls.ocsp-stapling',
    p.rules.ocsp_staple ? 'warn' : 'pass',
    'No OCSP response is stapled.',
    '伺服器未提供 OCSP 裝訂 (stapling) 回應。',
  );
}

function hsts(o: TlsObservations, p: TlsProfile): RuleResult {
  if (!o.https) return rule('http.hsts', 'skip', 'Not checked as an HTTPS service.', '未以 HTTPS 服務檢查。');
  if (!o.https.isHttp)
    return rule('http.hsts', 'skip', 'The service does not answer HTTP.', '此服務未回應 HTTP。', {
      error: o.https.error,
    });
  const h = o.https.hsts;
  const min = p.rules.hsts_min_age;
  const details = { header: h?.header ?? null, maxAge: h?.maxAge ?? null, minimum: min };
  if (!h || h.maxAge === null)
    return rule(
      'http.hsts',
      'fail',
      h?.header
        ? `The Strict-Transport-Security header is not valid: ${h.header}`
        : 'No Strict-Transport-Security header.',
      h?.header
        ? `Strict-Transport-Security 標頭無效：${h.header}`
        : '未設定 Strict-Transport-Security 標頭。',
      details,
    );
  if (h.maxAge < min)
    return rule(
      'http.hsts',
      'warn',
      `HSTS max-age is ${h.maxAge} s, below ${min} s.`,
      `HSTS max-age 為 ${h.maxAge} 秒，低於 ${min} 秒。`,
      details,
    );
  return rule('http.hsts', 'pass', `HSTS max-age ${h.maxAge} s.`, `HSTS max-age ${h.maxAge} 秒。`, details);
}

function redirect(o: TlsObservations): RuleResult {
  const r = o.httpRedirect;
  if (!r) return rule('http.redirect', 'skip', 'Plain HTTP was not checked.', '未檢查明文 HTTP。');
  const details = { ...r };
  switch (r.result) {
    case 'redirects-to-https':
      return rule(
        'http.redirect',
        'pass',
        `Plain HTTP on port ${r.port} redirects to ${r.location}.`,
        `埠 ${r.port} 的明文 HTTP 轉址至 ${r.location}。`,
        details,
      );
    case 'not-offered':
      return rule(
        'http.redirect',
        'pass',
        `Plain HTTP is not offered on port ${r.port}.`,
        `埠 ${r.port} 未提供明文 HTTP。`,
        details,
      );
    case 'redirects-elsewhere':
      return rule(
        'http.redirect',
        'fail',
        `Plain HTTP on port ${r.port} redirects to ${r.location}, not to https.`,
        `埠 ${r.port} 的明文 HTTP 轉址至 ${r.location}，而非 https。`,
        details,
      );
    default:
      return rule(
        'http.redirect',
        'fail',
        `Plain HTTP on port ${r.port} answers ${r.statusCode} without redirecting to https.`,
        `埠 ${r.port} 的明文 HTTP 回應 ${r.statusCode}，未轉址至 https。`,
        details,
      );
  }
}

/** Judges one TLS check's observations against a profile: one result per rule, in a stable order. */
export function judgeTls(o: TlsObservations, p: TlsProfile): RuleResult[] {
  if (!o.reachable.ok) return [reachabilityRule(o)];
  return [
    reachabilityRule(o),
    protocols(o, p),
    ciphers(o, p),
    keyExchange(o, p),
    ...certificateRules(o, p),
    ocsp(o, p),
    hsts(o, p),
    redirect(o),
  ];
}
