import { Type } from 'typebox';
import { AbilitySchema, ability } from '../identity/abilities.js';
import type { Grants } from '../identity/access.js';
import { canAcceptRisk, canRequestClosure, type RemediationStatus } from './domain/lifecycle.js';

interface ItemFacts {
  status: string;
  closure: { requestedBy: string | null };
}

export const RemediationAbilities = Type.Object(
  {
    update: AbilitySchema,
    requestClosure: AbilitySchema,
    decideClosure: AbilitySchema,
    acceptRisk: AbilitySchema,
    revokeAcceptance: AbilitySchema,
  },
  { title: 'RemediationAbilities' },
);

/**
 * What the caller may do with one item, from the same rules the service enforces: a finished item takes no
 * edits, closure is asked for while the work is open, and the person who asked cannot confirm it.
 */
export function remediationAbilities(grants: Grants | null, userId: string | null, item: ItemFacts) {
  const status = item.status as RemediationStatus;
  const finished = status === 'completed' && { reason: 'REMEDIATION_STATUS_INVALID' };
  return {
    update: ability(grants, 'remediation:write', finished),
    requestClosure: ability(
      grants,
      'remediation:write',
      !canRequestClosure(status) && { reason: 'REMEDIATION_STATUS_INVALID' },
    ),
    decideClosure: ability(
      grants,
      'remediation:approve',
      status !== 'awaiting_closure' && { reason: 'REMEDIATION_NOT_AWAITING_CLOSURE' },
      item.closure.requestedBy !== null &&
        item.closure.requestedBy === userId && { reason: 'REMEDIATION_SECOND_PERSON_REQUIRED' },
    ),
    acceptRisk: ability(
      grants,
      'remediation:approve',
      !canAcceptRisk(status) && { reason: 'REMEDIATION_STATUS_INVALID' },
    ),
    revokeAcceptance: ability(
      grants,
      'remediation:approve',
      status !== 'risk_accepted' && { reason: 'RISK_ACCEPTANCE_NOT_ACTIVE' },
    ),
  };
}
