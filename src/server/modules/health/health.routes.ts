import { Type } from 'typebox';
import { APP_VERSION } from '../../config/version.js';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { sendError } from '../../platform/error-handler.js';
import { ErrorResponse } from '../../platform/schemas.js';

const HealthStatus = Type.Object({ status: Type.Literal('ok') });
const ReadyStatus = Type.Object({ status: Type.Literal('ready') });
const SystemInfo = Type.Object({
  name: Type.Literal('jianhe'),
  version: Type.String(),
  database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  databaseReachable: Type.Boolean(),
  startedAt: Type.String({ format: 'date-time' }),
  maxUploadBytes: Type.Integer({
    description: 'the largest file an upload may carry (JIANHE_MAX_UPLOAD_MB)',
  }),
});

export async function healthRoutes(app: App, ctx: AppContext): Promise<void> {
  app.get(
    '/healthz',
    {
      // Probes hit these every few seconds; keep them out of the info-level request log.
      logLevel: 'warn',
      config: { permission: 'public' },
      schema: { tags: ['system'], summary: 'Liveness: the process answers', response: { 200: HealthStatus } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the database answers',
        response: { 200: ReadyStatus, 503: ErrorResponse },
      },
    },
    async (request, reply) => {
      try {
        await ctx.database.ping();
        return { status: 'ready' as const };
      } catch (error) {
        request.log.warn({ err: (error as Error).message }, 'readiness check failed');
        return sendError(request, reply, 503, 'DATABASE_UNAVAILABLE');
      }
    },
  );

  app.get(
    '/api/v1/system/info',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Version and database status, shown on the web health page',
        operationId: 'getSystemInfo',
        response: { 200: SystemInfo },
      },
    },
    async () => {
      const databaseReachable = await ctx.database.ping().then(
        () => true,
        () => false,
      );
      return {
        name: 'jianhe' as const,
        version: APP_VERSION,
        database: ctx.database.kind,
        databaseReachable,
        startedAt: ctx.startedAt.toISOString(),
        maxUploadBytes: ctx.config.maxUploadBytes,
      };
    },
  );
}
