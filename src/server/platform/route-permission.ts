/**
 * Every route states what it requires through `config.permission`. The identity module widens the
 * union with organisation permissions; `public` marks routes that deliberately need no login.
 */
export type RoutePermission = 'public' | (string & { readonly __permission?: never });

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: RoutePermission | undefined;
}
