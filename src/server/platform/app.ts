import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import { authenticate, checkAccess, checkCsrf, type Grants } from '../modules/identity/access.js';
import { checkIds, OwnedIdMemo } from '../modules/identity/id-access.js';
import { ID_KINDS, organizationOfRecord } from '../modules/identity/id-kinds.js';
import { moduleRoutes } from '../modules/index.js';
import type { AppContext } from './app-context.js';
import { installErrorHandler } from './error-handler.js';
import { AppError } from './errors.js';
import { lazySerializerFactory, lazyValidatorFactory } from './lazy-compilers.js';
import { loggerOptions } from './logger.js';
import { OPENAPI_PATH, registerOpenApi } from './openapi.js';
import { enterRequestContext } from './request-context.js';
import type { RegisteredRoute } from './route-permission.js';
import { enforceRoutePermissions } from './route-registry.js';
import { installSecurityHeaders } from './security-headers.js';
import { registerWebApp } from './web-static.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the modules registered, with the permission it declared (read by the RBAC tests). */
    appRoutes: RegisteredRoute[];
  }
  interface FastifyRequest {
    /** The organisation the route acts in, once access is checked (from the path, or from `ids.orgFrom`). */
    accessOrgId: string | null;
    /** The caller's role and permissions there (null on routes that name no organisation). */
    grants: Grants | null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export interface BuildAppOptions {
  /** Overrides the pino logger config (tests pass false). */
  logger?: boolean;
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  webDir?: string;
  /**
   * Tests only: leaves out the id access layer, to show that the scoped repositories and services hold
   * without it (defence in depth). Never set in a running server.
   */
  withoutIdAccessLayerForTests?: boolean;
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(ctx.config.logLevel, options.logStream),
    // Honour a caller's id when it is well-formed, so logs correlate across a proxy.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    // Keep-alive sockets would otherwise hold shutdown open until they time out.
    forceCloseConnections: 'idle',
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    // Each route's validator and serialiser compile on its first request (lazy-compilers.ts).
    schemaController: {
      compilersFactory: { buildValidator: lazyValidatorFactory(), buildSerializer: lazySerializerFactory() },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);
  installSecurityHeaders(app);
  await app.register(fastifyCookie);
  app.decorateRequest('auth', null);
  app.decorateRequest('accessOrgId', null);
  app.decorateRequest('grants', null);
  app.addHook('onRequest', async (request) => {
    enterRequestContext({ ip: request.ip ?? null, requestId: request.id });
  });
  await registerOpenApi(app);

  app.decorate('appRoutes', [] as RegisteredRoute[]);
  await app.register(async (scope) => {
    enforceRoutePermissions(scope, app.appRoutes);
    // Authentication, CSRF and the route's declared permission, for every module route, in one place.
    scope.addHook('onRequest', async (request) => {
      const { identity, auth } = ctx.services;
      const params = (request.params ?? {}) as Record<string, string | undefined>;
      let orgId = params.orgId && UUID.test(params.orgId) ? params.orgId : undefined;
      request.auth = await authenticate(request, identity, auth, orgId ?? null);
      const { permission = 'public', ids } = request.routeOptions.config;
      // Public and link routes act on no session privilege; SameSite=Lax already keeps cross-site cookies off them.
      if (permission !== 'public' && permission !== 'link-token') checkCsrf(request);
      if (ids?.orgFrom) {
        // A route without the organisation in its path: the record names it, then the same check applies.
        if (!request.auth?.verified) throw new AppError(401, 'UNAUTHENTICATED');
        const id = params[ids.orgFrom.param];
        orgId =
          id && UUID.test(id) ? await organizationOfRecord(ctx.database.db, ids.orgFrom.kind, id) : undefined;
        if (!orgId) throw new AppError(404, ID_KINDS[ids.orgFrom.kind].notFound);
      }
      request.accessOrgId = orgId ?? null;
      try {
        request.grants = await checkAccess(identity, request.auth, permission, orgId ? { orgId } : {});
      } catch (error) {
        // By record id: another organisation's record answers exactly as one that does not exist.
        if (ids?.orgFrom && error instanceof AppError && error.statusCode === 404)
          throw new AppError(404, ID_KINDS[ids.orgFrom.kind].notFound);
        throw error;
      }
    });
    // After validation, before the handler: every declared id must be the caller's (one query per kind).
    const confirmedIds = new OwnedIdMemo();
    if (!options.withoutIdAccessLayerForTests)
      scope.addHook('preHandler', async (request) => {
        const { ids } = request.routeOptions.config;
        if (!ids) return;
        await checkIds(
          ctx.database.db,
          {
            orgId: request.accessOrgId,
            userId: request.auth?.userId ?? '',
            scopeOrgId: request.auth?.scopeOrgId ?? null,
          },
          ids,
          request,
          confirmedIds,
        );
      });
    for (const register of moduleRoutes) await register(scope as unknown as App, ctx);
  });

  await registerWebApp(app, options.webDir);
  await app.ready();
  if (!app.hasRoute({ method: 'GET', url: OPENAPI_PATH })) throw new Error('OpenAPI route missing');
  return app as unknown as App;
}
