import { isIP } from 'node:net';

/**
 * Which kind of address an IP is, after the IANA IPv4 and IPv6 special-purpose address registries
 * (RFC 6890 and its updates). Only `public` may be the target of an outbound connection by default.
 */
export type AddressRange =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'carrier-grade-nat'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'reserved';

interface Prefix {
  bytes: number[];
  bits: number;
  range: AddressRange;
}

const v4 = (dotted: string, bits: number, range: AddressRange): Prefix => ({
  bytes: dotted.split('.').map(Number),
  bits,
  range,
});

/** Longest prefixes first where they nest (255.255.255.255 inside 240/4, 192.0.0.0/24 before nothing). */
const IPV4_PREFIXES: Prefix[] = [
  v4('255.255.255.255', 32, 'broadcast'),
  v4('0.0.0.0', 32, 'unspecified'),
  v4('0.0.0.0', 8, 'reserved'), // "this network" (RFC 791)
  v4('10.0.0.0', 8, 'private'), // RFC 1918
  v4('100.64.0.0', 10, 'carrier-grade-nat'), // RFC 6598
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'), // includes cloud metadata 169.254.169.254
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'), // IETF protocol assignments
  v4('192.0.2.0', 24, 'documentation'), // TEST-NET-1
  v4('192.88.99.0', 24, 'reserved'), // deprecated 6to4 relay anycast (RFC 7526)
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'), // benchmarking (RFC 2544)
  v4('198.51.100.0', 24, 'documentation'), // TEST-NET-2
  v4('203.0.113.0', 24, 'documentation'), // TEST-NET-3
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'), // future use (RFC 1112)
];

/** Parses a strict dotted quad (four decimal octets, no leading zeros, as Node's isIP) into 4 bytes. */
function parseIpv4(text: string): number[] | null {
  return isIP(text) === 4 ? text.split('.').map(Number) : null;
}

/** Parses IPv6 text (with `::`, an embedded dotted quad, optional brackets or zone id) into 16 bytes. */
function parseIpv6(text: string): number[] | null {
  let bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(bare) !== 6) return null;
  const lastColon = bare.lastIndexOf(':');
  const tail = bare.slice(lastColon + 1);
  if (tail.includes('.')) {
    // "::ffff:1.2.3.4" → "::ffff:102:304": the same 16 bytes written in hex groups only.
    const quad = parseIpv4(tail);
    if (!quad) return null;
    const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
    bare = `${bare.slice(0, lastColon + 1)}${hex(quad[0]!, quad[1]!)}:${hex(quad[2]!, quad[3]!)}`;
  }
  const halves = bare.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const all =
    halves.length === 2 ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  if (all.length !== 8) return null;
  return all.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

function matches(bytes: number[], prefix: Prefix): boolean {
  let bits = prefix.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((prefix.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyV4Bytes(bytes: number[]): AddressRange {
  return IPV4_PREFIXES.find((p) => matches(bytes, p))?.range ?? 'public';
}

const v6 = (hex: string, bits: number, range: AddressRange): Prefix => ({
  bytes: parseIpv6(hex)!,
  bits,
  range,
});

const IPV6_PREFIXES: Prefix[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('64:ff9b:1::', 48, 'private'), // local-use NAT64 (RFC 8215)
  v6('100::', 64, 'reserved'), // discard-only (RFC 6666)
  v6('2001:db8::', 32, 'documentation'),
  v6('2001::', 23, 'reserved'), // IETF protocol assignments, including Teredo 2001::/32
  v6('3fff::', 20, 'documentation'), // RFC 9637
  v6('fc00::', 7, 'unique-local'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'private'), // deprecated site-local
  v6('ff00::', 8, 'multicast'),
];

/** The IPv4 address an IPv6 address carries and that packets really reach, when it carries one. */
function embeddedIpv4(bytes: number[]): number[] | null {
  const zero = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  // ::ffff:a.b.c.d (IPv4-mapped): the socket layer connects over IPv4 to a.b.c.d.
  if (zero(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  // ::a.b.c.d (deprecated IPv4-compatible), but not :: and ::1 themselves.
  if (zero(0, 12) && !zero(12, 15)) return bytes.slice(12);
  // 64:ff9b::a.b.c.d (well-known NAT64 prefix, RFC 6052): a translator forwards to a.b.c.d.
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zero(4, 12))
    return bytes.slice(12);
  // 2002:a.b.c.d::/48 (6to4, RFC 3056): a relay forwards to a.b.c.d.
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return null;
}

function classifyV6Bytes(bytes: number[]): AddressRange {
  const embedded = embeddedIpv4(bytes);
  if (embedded) return classifyV4Bytes(embedded);
  const special = IPV6_PREFIXES.find((p) => matches(bytes, p));
  if (special) return special.range;
  // Only 2000::/3 is allocated as global unicast; everything else is reserved by IANA.
  return ((bytes[0] ?? 0) & 0xe0) === 0x20 ? 'public' : 'reserved';
}

/**
 * Classifies one IP address (IPv4 dotted quad or any IPv6 text form). Returns null when `address` is not
 * an IP literal at all. IPv6 forms that deliver to an IPv4 address (mapped, compatible, NAT64, 6to4) are
 * judged by that IPv4 address.
 */
export function classifyAddress(address: string): AddressRange | null {
  const quad = parseIpv4(address);
  if (quad) return classifyV4Bytes(quad);
  const bytes = parseIpv6(address);
  return bytes ? classifyV6Bytes(bytes) : null;
}
