import type { Db } from '../assessments/assessments.repository.js';

/** A member left the organisation, or their role or department changed. */
export interface MemberChange {
  orgId: string;
  actorUserId: string | null;
  memberUserId: string;
  reason: 'removed' | 'role_changed' | 'department_changed';
  before: { role: string; department: string | null };
  after?: { role: string; department: string | null };
}

/**
 * Called inside the transaction that changes the membership, so whatever follows from it (the registers'
 * tasks) is written exactly when the change is. Identity knows nothing of who listens.
 */
export type MemberChangeHook = (trx: Db, change: MemberChange) => Promise<void>;
