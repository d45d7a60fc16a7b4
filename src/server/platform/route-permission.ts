import type { FastifySchema } from 'fastify';
import type { RouteIds } from '../modules/identity/id-kinds.js';
import type { RouteRequirement } from '../modules/identity/permissions.js';

/**
 * Every route states what it requires through `config.permission` (a closed union: a typo does not
 * compile) and the ids it takes through `config.ids`, which the one access layer resolves.
 */
declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RouteRequirement;
    ids?: RouteIds;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RouteRequirement;
  ids: RouteIds;
  schema: FastifySchema | undefined;
}
