import type { TenantScope } from '../../db/tenancy/tenant-scope.js';

/** Why a member's register records need attention. */
export const DEPARTURE_REASONS = ['removed', 'role_changed', 'department_changed'] as const;
export type DepartureReason = (typeof DEPARTURE_REASONS)[number];

export interface MemberDeparture {
  memberUserId: string;
  reason: DepartureReason;
  /** Role or department before and after, for the task's detail. */
  before?: { role?: string; department?: string | null };
  after?: { role?: string; department?: string | null };
}

/** A task a register asks for: one record of its own and what has to be done with it. */
export interface TaskRequest {
  subjectId: string;
  subjectLabel: string;
  kind: string;
}

/**
 * What each register implements to take part: given a member who left or changed role or department, the
 * records they hold and what must happen to each. Called inside the identity change's transaction, through
 * the organisation's scope, so the tasks exist exactly when the change does.
 */
export interface MemberDepartureListener {
  /** The register's name, stored on each task (`device`, `social_account`, …). */
  readonly register: string;
  onMemberDeparted(t: TenantScope, departure: MemberDeparture): Promise<TaskRequest[]>;
}

/**
 * The registry the listeners join. Identity only sees {@link MemberChangeHook}; it never learns which
 * registers exist, and a new register joins by calling `add` where the services are wired.
 */
export class MemberDepartureListeners {
  private readonly listeners: MemberDepartureListener[] = [];

  add(listener: MemberDepartureListener): void {
    if (this.listeners.some((l) => l.register === listener.register))
      throw new Error(`register ${listener.register} already listens for member departures`);
    this.listeners.push(listener);
  }

  get all(): readonly MemberDepartureListener[] {
    return this.listeners;
  }
}
