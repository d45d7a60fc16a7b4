import { Type } from 'typebox';

/** The error body every 4xx/5xx carries; referenced from each route's responses. */
export const ErrorResponse = Type.Object(
  {
    code: Type.String({ description: 'Stable machine-readable error code' }),
    message: Type.String({ description: 'Human-readable message in zh-TW or en (Accept-Language)' }),
    requestId: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { $id: 'ErrorResponse', title: 'ErrorResponse' },
);

/** The error responses a route can give, each with the shared `ErrorResponse` body. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse])) as Record<
    S,
    typeof ErrorResponse
  >;
}

/** Where links we hand out point: JIANHE_PUBLIC_URL when set, else this request's origin. */
export function publicOrigin(request: { protocol: string; host: string }, publicUrl: string | null): string {
  return (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/$/, '');
}
