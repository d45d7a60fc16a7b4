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
