import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { APP_VERSION } from '../config/version.js';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/** The TypeBox route schemas are the single source: validation, this document and the web client's types. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jianhe API',
        version: APP_VERSION,
        description:
          'Jianhe (檢核) — self-assessment against the securities and futures associations’ cloud, social-media and mobile security guideline.',
      },
      tags: [{ name: 'system', description: 'Health and service information' }],
    },
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { url: OPENAPI_PATH, deepLinking: true },
    staticCSP: true,
  });
}
