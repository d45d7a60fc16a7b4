import { Parser } from 'htmlparser2';
import { socialHostOf } from './social-hosts.js';

export interface StaticLink {
  /** Absolute URL the link points to. */
  href: string;
  host: string;
  text: string;
  /** The link opens a new window (target="_blank"). */
  newWindow: boolean;
}

/**
 * Links to social-media hosts in a page's HTML as served, found with a real HTML parser (htmlparser2),
 * resolved against the page URL or its <base href>. Links a script adds later are the browser check's job.
 */
export function staticSocialLinks(html: string, pageUrl: string): StaticLink[] {
  const links: StaticLink[] = [];
  let base = pageUrl;
  let open: { href: string; host: string; newWindow: boolean; text: string } | null = null;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && attributes.href) {
          try {
            base = new URL(attributes.href, pageUrl).toString();
          } catch {
            // an invalid <base> is ignored, as browsers do
          }
        }
        if ((name === 'a' || name === 'area') && attributes.href) {
          const host = socialHostOf(attributes.href, base);
          if (host) {
            const entry = {
              href: new URL(attributes.href, base).toString(),
              host,
              newWindow: attributes.target === '_blank',
              text: attributes['aria-label'] ?? attributes.title ?? '',
            };
            if (name === 'area') links.push(entry);
            else open = entry;
          }
        }
      },
      ontext(text) {
        if (open) open.text += text;
      },
      onclosetag(name) {
        if (name === 'a' && open) {
          links.push({ ...open, text: open.text.replace(/\s+/g, ' ').trim() });
          open = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return links;
}
