import type { FastifyRequest } from 'fastify';
import { checkAccess } from '../identity/access.js';
import type { IdentityRepository } from '../identity/identity.repository.js';

/**
 * Whether the caller may see the register's personal data (holder names, phone numbers, serial numbers,
 * IMEIs): the same central check as a route's permission, for device:personal. A route answers everyone
 * its own permission allows, masking those fields for the rest.
 */
export async function seesPersonalData(identity: IdentityRepository, request: FastifyRequest, orgId: string) {
  try {
    await checkAccess(identity, request.auth, 'device:personal', { orgId });
    return true;
  } catch {
    return false;
  }
}
