import type { FastifyInstance } from 'fastify';
import type { RegisteredRoute } from './route-permission.js';

/**
 * Refuses, at registration time, any route in `scope` that does not declare `config.permission`,
 * and records the rest in `sink` so the authorisation tests can enumerate every route.
 */
export function enforceRoutePermissions(scope: FastifyInstance, sink: RegisteredRoute[]): void {
  scope.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const permission = route.config?.permission;
    if (!permission) {
      throw new Error(`route ${methods.join(',')} ${route.url} declares no permission`);
    }
    for (const method of methods) {
      if (method !== 'HEAD') sink.push({ method, url: route.url, permission });
    }
  });
}
