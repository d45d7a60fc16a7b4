import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { Actor } from './assessments.ports.js';

/**
 * The acting user for an organisation route. By the time a handler runs, the central access hook has
 * authenticated the caller and checked the route's permission for this `orgId`.
 */
export function actorOf(request: FastifyRequest, orgId: string): Actor {
  if (!request.auth) throw new AppError(401, 'UNAUTHENTICATED');
  return { userId: request.auth.userId, orgId };
}

/** Sign-off re-confirms the approver's second factor at that moment (a fresh TOTP code). */
export async function confirmSecondFactor(
  request: FastifyRequest,
  code: string | undefined,
  verify: (userId: string, code: string | undefined) => Promise<boolean>,
): Promise<boolean> {
  if (request.auth?.via !== 'session') return false;
  return verify(request.auth.userId, code);
}
