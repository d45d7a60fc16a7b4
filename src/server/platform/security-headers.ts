import type { FastifyInstance } from 'fastify';

/** Baseline headers on every response; the SPA shell adds its CSP in web-static. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('x-request-id', request.id);
  });
}
