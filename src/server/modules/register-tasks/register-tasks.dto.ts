import { Type } from 'typebox';
import { literalUnion, Uuid } from '../assessments/assessments.schemas.js';
import type { RegisterTaskRow } from './register-tasks.repository.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([Type.Null(), schema]);

/**
 * A register task as every register's task route answers it. One schema and one mapper for all registers,
 * so a task reads the same in the device, social and app registers and the web client has one type.
 */
export const RegisterTask = Type.Object({
  id: Uuid,
  subjectId: Type.String(),
  subjectLabel: Type.String(),
  kind: Type.String(),
  memberUserId: Type.String(),
  reason: Type.String(),
  status: literalUnion(['open', 'done'] as const),
  raisedAt: Type.String(),
  doneAt: Nullable(Type.String()),
  doneEventId: Nullable(Type.String()),
});

export const toTaskDto = (t: RegisterTaskRow) => ({
  id: t.id,
  subjectId: t.subject_id,
  subjectLabel: t.subject_label,
  kind: t.kind,
  memberUserId: t.member_user_id,
  reason: t.reason,
  status: t.status as 'open',
  raisedAt: t.raised_at,
  doneAt: t.done_at,
  doneEventId: t.done_event_id,
});
