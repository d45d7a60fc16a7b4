/**
 * The CSRF token for cookie-authenticated writes. The identity layer stores it when the session loads;
 * the typed client and raw uploads both send it.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}
