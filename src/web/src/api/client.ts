import createClient from 'openapi-fetch';
import { csrfHeaders } from './csrf';
import type { operations, paths } from './schema';

/** Typed API client; its types are generated from the server's OpenAPI document (npm run gen:api). */
export const api = createClient<paths>({ baseUrl: '' });

// Cookie-authenticated writes carry the session's CSRF token.
api.use({
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      for (const [name, value] of Object.entries(csrfHeaders())) request.headers.set(name, value);
    }
    return request;
  },
});

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The 200 response body of an operation, by operationId. */
export type ApiSchemas = {
  [K in keyof operations]: operations[K] extends { responses: { 200: infer R } } ? JsonOf<R> : never;
};
