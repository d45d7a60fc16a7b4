import createClient from 'openapi-fetch';
import i18n from '../i18n';
import { csrfHeaders } from './csrf';
import type { operations, paths } from './schema';

/** Typed API client; its types are generated from the server's OpenAPI document (npm run gen:api). */
export const api = createClient<paths>({ baseUrl: '' });

/** Where the sign-in page sends the user back to after a session ended under them. */
export function signInPathFor(location: Pick<Location, 'pathname' | 'search'>): string {
  return `/login?expired=1&next=${encodeURIComponent(location.pathname + location.search)}`;
}

const SIGN_IN_PAGES = ['/login', '/setup', '/q/', '/invite/', '/invitations/'];

api.use({
  onRequest({ request }) {
    // Cookie-authenticated writes carry the session's CSRF token.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      for (const [name, value] of Object.entries(csrfHeaders())) request.headers.set(name, value);
    }
    // The server's error messages follow the language the user chose in the UI, not the browser's.
    request.headers.set('accept-language', i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW');
    return request;
  },
  onResponse({ request, response }) {
    // A session that ended (expired, revoked, signed out elsewhere) takes the user to sign-in and back.
    const { pathname } = window.location;
    if (
      response.status === 401 &&
      !new URL(request.url).pathname.startsWith('/api/v1/auth/') &&
      !SIGN_IN_PAGES.some((page) => pathname.startsWith(page))
    ) {
      window.location.assign(signInPathFor(window.location));
    }
    return response;
  },
});

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The 200 response body of an operation, by operationId. */
export type ApiSchemas = {
  [K in keyof operations]: operations[K] extends { responses: { 200: infer R } } ? JsonOf<R> : never;
};

/**
 * Every page of a keyset-paginated list, following `nextCursor` until the server says there is no more,
 * so a list never silently stops at its first page.
 */
export async function allPages<P extends { items: unknown[]; nextCursor: string | null }>(
  fetchPage: (cursor: string | undefined) => Promise<{ data?: P; error?: unknown }>,
): Promise<{ items: P['items']; first?: P; error?: unknown }> {
  const items: P['items'] = [];
  let first: P | undefined;
  let cursor: string | undefined;
  for (;;) {
    const { data, error } = await fetchPage(cursor);
    if (!data) return { items, first, error };
    first ??= data;
    items.push(...data.items);
    if (!data.nextCursor) return { items, first };
    cursor = data.nextCursor;
  }
}
