import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/schemas.js';
import './scheduler.errors.js';

const tags = ['platform'];
const errors = errorResponses(400, 401, 403, 404);
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([Type.Null(), t]);

const JobOverview = Type.Object(
  {
    name: Type.String(),
    pattern: Nullable(Type.String({ description: 'croner pattern, Asia/Taipei' })),
    nextRunAt: Nullable(Type.String()),
    lastRunAt: Nullable(Type.String()),
    lastStatus: Nullable(Type.String()),
    lastError: Nullable(Type.String()),
    consecutiveFailures: Type.Integer(),
    queued: Type.Integer(),
    running: Type.Integer(),
    failed: Type.Integer(),
    done: Type.Integer(),
  },
  { title: 'JobOverview' },
);

const JobFailure = Type.Object({
  name: Type.String(),
  key: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  at: Type.String(),
});

/** Platform administrators see every job (last run, next run, failures) and can run one now. */
export async function schedulerRoutes(app: App, ctx: AppContext): Promise<void> {
  const { scheduler, audit } = ctx.services;
  const base = '/api/v1/platform/jobs';

  app.get(
    base,
    {
      config: { permission: 'platform:manage' },
      schema: {
        tags,
        operationId: 'listJobs',
        response: {
          200: Type.Object({ jobs: Type.Array(JobOverview), recentFailures: Type.Array(JobFailure) }),
          ...errors,
        },
      },
    },
    async () => ({
      jobs: await scheduler.overview(),
      recentFailures: (await scheduler.recentFailures()).map((f) => ({
        name: f.name,
        key: f.key,
        status: f.status,
        attempts: f.attempts,
        lastError: f.last_error,
        at: f.updated_at,
      })),
    }),
  );

  app.post(
    `${base}/:name/run`,
    {
      config: { permission: 'platform:manage', ids: { params: { name: 'external' } } },
      schema: {
        tags,
        operationId: 'runJob',
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: {
          200: Type.Object({ ran: Type.Integer(), failed: Type.Integer() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { name } = request.params;
      if (!scheduler.names().includes(name)) throw new AppError(404, 'JOB_NOT_FOUND');
      await audit.record(ctx.database.db, {
        orgId: null,
        actorUserId: request.auth!.userId,
        action: 'job.run',
        targetType: 'job',
        targetId: name,
      });
      const result = await scheduler.runNow(name);
      return { ran: result.ran, failed: result.failed };
    },
  );
}
