import type { DepartureReason } from '../../../register-tasks/member-departure.js';

/** The app register's name on its register tasks. */
export const APP_REGISTER = 'mobile_app';

/** What an app needs when its owner leaves (a new owner) or changes role or department (a confirmation). */
export const OWNER_TASK_KINDS = ['reassign_owner', 'confirm_owner'] as const;
export type OwnerTaskKind = (typeof OWNER_TASK_KINDS)[number];

export const ownerTaskKind = (reason: DepartureReason): OwnerTaskKind =>
  reason === 'removed' ? 'reassign_owner' : 'confirm_owner';

/**
 * Whether setting the app's owner to `newOwner` does the task's work. Another owner always does (the app
 * was reassigned). The same member again only confirms them, which answers a role or department change but
 * not a departure. Clearing the owner does neither: the app would be left with no one accountable for it.
 */
export function ownerChangeCloses(
  task: { kind: string; member_user_id: string },
  newOwner: string | null,
): boolean {
  if (newOwner === null) return false;
  if (newOwner !== task.member_user_id) return true;
  return task.kind === 'confirm_owner';
}
