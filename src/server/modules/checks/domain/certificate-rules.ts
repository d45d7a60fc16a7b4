import { BROKEN_SIGNATURES } from './certificate-der.js';
import type { TlsObservations } from './tls-observations.js';
import type { TlsProfile } from './tls-profile.js';
import { type RuleResult, rule } from './verdict.js';

/** A certificate this close to expiry warns (and, once scheduled, notifies its owner). */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/** Trust, name, validity window, lifetime, key and signature of the leaf certificate. */
export function certificateRules(o: TlsObservations, p: TlsProfile): RuleResult[] {
  const c = o.certificate;
  if (!c)
    return [
      'cert.trusted',
      'cert.hostname',
      'cert.expiry',
      'cert.lifetime',
      'cert.key',
      'cert.signature',
    ].map((id) => rule(id, 'skip', 'No certificate was received.', '未取得憑證。'));
  const leaf = c.leaf;
  const now = Date.parse(o.startedAt);
  const notAfter = Date.parse(leaf.notAfter);
  const notBefore = Date.parse(leaf.notBefore);
  const daysToExpiry = Math.floor((notAfter - now) / DAY_MS);
  const lifetimeDays = Math.floor((notAfter - notBefore) / DAY_MS);
  const results: RuleResult[] = [];

  results.push(
    c.trusted
      ? rule(
          'cert.trusted',
          'pass',
          'The chain verifies to a trusted root.',
          '憑證鏈可驗證至受信任的根憑證。',
        )
      : rule(
          'cert.trusted',
          'fail',
          `The chain does not verify to a trusted root (${c.trustError ?? 'unknown reason'})${c.selfSigned ? '; the certificate is self-signed' : ''}.`,
          `憑證鏈無法驗證至受信任的根憑證（${c.trustError ?? '原因不明'}）${c.selfSigned ? '；此為自簽憑證' : ''}。`,
          { trustError: c.trustError, selfSigned: c.selfSigned, chain: c.chain },
        ),
  );
  results.push(
    c.hostnameMatches
      ? rule('cert.hostname', 'pass', `The certificate names ${o.host}.`, `憑證涵蓋 ${o.host}。`)
      : rule(
          'cert.hostname',
          'fail',
          `The certificate does not name ${o.host} (it names ${leaf.subjectAltNames.join(', ') || leaf.subject}).`,
          `憑證未涵蓋 ${o.host}（憑證名稱：${leaf.subjectAltNames.join('、') || leaf.subject}）。`,
          { subjectAltNames: leaf.subjectAltNames },
        ),
  );
  const expiry = { notBefore: leaf.notBefore, notAfter: leaf.notAfter, daysToExpiry };
  if (notAfter < now)
    results.push(
      rule('cert.expiry', 'fail', `Expired on ${leaf.notAfter}.`, `憑證已於 ${leaf.notAfter} 過期。`, expiry),
    );
  else if (notBefore > now)
    results.push(
      rule(
        'cert.expiry',
        'fail',
        `Not valid before ${leaf.notBefore}.`,
        `憑證於 ${leaf.notBefore} 前尚未生效。`,
        expiry,
      ),
    );
  else if (daysToExpiry < EXPIRY_WARNING_DAYS)
    results.push(
      rule(
        'cert.expiry',
        'warn',
        `Expires in ${daysToExpiry} days.`,
        `憑證將於 ${daysToExpiry} 天後到期。`,
        expiry,
      ),
    );
  else
    results.push(
      rule(
        'cert.expiry',
        'pass',
        `Valid for ${daysToExpiry} more days.`,
        `憑證尚有 ${daysToExpiry} 天有效。`,
        expiry,
      ),
    );

  const max = p.rules.maximum_certificate_lifespan;
  results.push(
    lifetimeDays > max
      ? rule(
          'cert.lifetime',
          'fail',
          `Lifetime of ${lifetimeDays} days exceeds ${max}.`,
          `憑證效期 ${lifetimeDays} 天，超過 ${max} 天。`,
          { lifetimeDays, maximum: max },
        )
      : rule('cert.lifetime', 'pass', `Lifetime of ${lifetimeDays} days.`, `憑證效期 ${lifetimeDays} 天。`, {
          lifetimeDays,
          maximum: max,
          recommended: p.rules.recommended_certificate_lifespan,
        }),
  );
  results.push(certificateKey(leaf.keyType, leaf.keyBits, leaf.curve, p));
  const sig = leaf.signatureAlgorithm;
  const sigDetails = { signatureAlgorithm: sig, profile: p.rules.certificate_signatures };
  results.push(
    p.rules.certificate_signatures.includes(sig)
      ? rule('cert.signature', 'pass', `Signed with ${sig}.`, `簽章演算法為 ${sig}。`, sigDetails)
      : BROKEN_SIGNATURES.has(sig)
        ? rule(
            'cert.signature',
            'fail',
            `Signed with ${sig}, a broken hash.`,
            `簽章演算法 ${sig} 之雜湊已不安全。`,
            sigDetails,
          )
        : rule(
            'cert.signature',
            'warn',
            `Signed with ${sig}, which ${p.label} does not list.`,
            `簽章演算法 ${sig} 不在 ${p.label} 之列。`,
            sigDetails,
          ),
  );
  return results;
}

function certificateKey(type: string, bits: number | null, curve: string | null, p: TlsProfile): RuleResult {
  const details = { keyType: type, keyBits: bits, curve, profile: p.rules.certificate_types };
  const label = type === 'ecdsa' ? `ECDSA ${curve ?? '?'}` : `${type.toUpperCase()} ${bits ?? '?'} bits`;
  if (!p.rules.certificate_types.includes(type))
    return rule(
      'cert.key',
      'fail',
      `${label} key; ${p.label} allows ${p.rules.certificate_types.join(', ')} keys.`,
      `${label} 金鑰；${p.label} 僅允許 ${p.rules.certificate_types.join('、')} 金鑰。`,
      details,
    );
  if (type === 'rsa' && p.rules.rsa_key_size !== null && (bits ?? 0) < p.rules.rsa_key_size)
    return rule(
      'cert.key',
      'fail',
      `RSA key of ${bits} bits is below ${p.rules.rsa_key_size}.`,
      `RSA 金鑰 ${bits} 位元，低於 ${p.rules.rsa_key_size} 位元。`,
      details,
    );
  if (type === 'ecdsa' && !p.rules.certificate_curves.includes(curve ?? ''))
    return rule(
      'cert.key',
      'fail',
      `ECDSA curve ${curve} is not among ${p.rules.certificate_curves.join(', ')}.`,
      `ECDSA 曲線 ${curve} 不在 ${p.rules.certificate_curves.join('、')} 之列。`,
      details,
    );
  return rule('cert.key', 'pass', `${label} key.`, `${label} 金鑰。`, details);
}
