import { createHash } from 'node:crypto';

/**
 * Content approval (Art. 11.4 發布內容控管): a post is drafted, submitted, decided by a second person and
 * then marked published. The author never decides on their own post (the two-person rule).
 */
export const POST_STATES = ['draft', 'submitted', 'approved', 'rejected', 'published'] as const;
export type PostState = (typeof POST_STATES)[number];

export type PostAction = 'edit' | 'submit' | 'approve' | 'reject' | 'publish' | 'withdraw';

const ALLOWED: Record<PostAction, readonly PostState[]> = {
  edit: ['draft', 'rejected'],
  submit: ['draft', 'rejected'],
  approve: ['submitted'],
  reject: ['submitted'],
  publish: ['approved'],
  withdraw: ['submitted', 'approved'],
};

export const NEXT_STATE: Record<PostAction, PostState> = {
  edit: 'draft',
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  publish: 'published',
  withdraw: 'draft',
};

/** The refusal code for `action` on a post in `state` by `actorId`, or null when it may go ahead. */
export function postActionRefusal(
  action: PostAction,
  state: PostState,
  actorId: string,
  authorId: string,
): 'SOCIAL_POST_STATE' | 'SOCIAL_POST_SELF_APPROVAL' | 'SOCIAL_POST_NOT_AUTHOR' | null {
  if (!ALLOWED[action].includes(state)) return 'SOCIAL_POST_STATE';
  if ((action === 'approve' || action === 'reject') && actorId === authorId)
    return 'SOCIAL_POST_SELF_APPROVAL';
  if ((action === 'edit' || action === 'submit' || action === 'withdraw') && actorId !== authorId)
    return 'SOCIAL_POST_NOT_AUTHOR';
  return null;
}

/** The approved text's fingerprint: SHA-256 of the post text as UTF-8, so anyone can recompute it. */
export function textSha256(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}
