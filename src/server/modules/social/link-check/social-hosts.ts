/**
 * Hosts of the social-media platforms (Art. 10.2's list and their short-link domains). A link to any of
 * them, or a subdomain, leaves the firm's site and needs the exit notice of Art. 11.2.
 */
export const SOCIAL_HOSTS = [
  'facebook.com',
  'fb.com',
  'fb.me',
  'm.me',
  'instagram.com',
  'line.me',
  'lin.ee',
  'youtube.com',
  'youtu.be',
  'x.com',
  'twitter.com',
  't.co',
  'threads.net',
  'threads.com',
  'linkedin.com',
  'lnkd.in',
  'tiktok.com',
] as const;

/** The social host a URL points to (its registrable name from the list), or null. */
export function socialHostOf(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return SOCIAL_HOSTS.find((h) => host === h || host.endsWith(`.${h}`)) ?? null;
}
