import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorMessage } from './errors.js';
import { localeFromHeader } from './i18n.js';
import { malformedMultipart } from './uploads.js';

interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
  details?: unknown;
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  statusCode: number,
  code: string,
  details?: unknown,
) {
  const body: ErrorBody = {
    code,
    message: errorMessage(code, localeFromHeader(request.headers['accept-language'])),
    requestId: request.id,
  };
  if (details !== undefined) body.details = details;
  return reply.status(statusCode).send(body);
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
};

/** Fastify's own status for some of these is not the one HTTP clients expect (406 for a non-multipart body). */
const FASTIFY_STATUS: Record<string, number> = {
  FST_INVALID_MULTIPART_CONTENT_TYPE: 415,
  FST_REQ_FILE_TOO_LARGE: 413,
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.internalCause)
        request.log.warn({ code: error.code, cause: error.internalCause }, 'refused: upstream failure');
      return sendError(request, reply, error.statusCode, error.code, error.details);
    }
    if (error.validation) {
      const details = error.validation.map((v) => ({
        path: v.instancePath || (v.params as { missingProperty?: string }).missingProperty || '',
        message: v.message ?? 'invalid',
        in: error.validationContext,
      }));
      return sendError(request, reply, 400, 'VALIDATION_FAILED', details);
    }
    // A route that reads multipart without receiveUpload still answers a broken body with 400, not 500.
    const multipart = malformedMultipart(error);
    if (multipart) return sendError(request, reply, multipart.statusCode, multipart.code);
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped)
      return sendError(request, reply, FASTIFY_STATUS[error.code!] ?? error.statusCode ?? 400, mapped);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(request, reply, error.statusCode, 'VALIDATION_FAILED');
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 500, 'INTERNAL_ERROR');
  });
}
