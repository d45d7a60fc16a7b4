/** Follow-up tasks of the registers when a member leaves or changes role or department (migration 0014). */
export interface RegisterTaskTable {
  id: string;
  org_id: string;
  /** Which register raised it: `device`, `social_account`, … (the register's own name). */
  register: string;
  /** The register record the task is about (a device id, an account id); owned by that register. */
  subject_id: string;
  /** What the register showed for the record when the task was raised (e.g. "iPhone 15 · C39X…"). */
  subject_label: string;
  /** What has to be done, in the register's vocabulary: `reprovision`, `wipe`, `handover`, … */
  kind: string;
  member_user_id: string;
  reason: string;
  /** JSON: what changed (role or department before and after). */
  detail: string;
  /** open | done */
  status: string;
  raised_by: string | null;
  raised_at: string;
  done_by: string | null;
  done_at: string | null;
  /** The register event that did the work; a task is never closed without one. */
  done_event_id: string | null;
}

export interface RegisterTaskTables {
  register_task: RegisterTaskTable;
}
