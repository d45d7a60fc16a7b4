import type { HstsObservation } from './tls-observations.js';

/**
 * Parses a Strict-Transport-Security header as a browser does (RFC 6797 §6.1): directives are
 * case-insensitive, max-age may be quoted, and a header with a repeated directive or without max-age is
 * ignored entirely, so it yields maxAge null.
 */
export function parseHsts(header: string | null): HstsObservation {
  const empty = { header, maxAge: null, includeSubDomains: false, preload: false };
  if (header === null) return empty;
  const seen = new Set<string>();
  let maxAge: number | null = null;
  for (const part of header.split(';')) {
    const directive = part.trim();
    if (directive === '') continue;
    const eq = directive.indexOf('=');
    const name = (eq === -1 ? directive : directive.slice(0, eq)).trim().toLowerCase();
    if (seen.has(name)) return empty;
    seen.add(name);
    if (name === 'max-age') {
      const value =
        eq === -1
          ? ''
          : directive
              .slice(eq + 1)
              .trim()
              .replace(/^"(.*)"$/, '$1');
      if (!/^\d+$/.test(value)) return empty;
      maxAge = Number(value);
    }
  }
  if (maxAge === null) return empty;
  return { header, maxAge, includeSubDomains: seen.has('includesubdomains'), preload: seen.has('preload') };
}
