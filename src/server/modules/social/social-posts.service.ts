import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import {
  NEXT_STATE,
  type PostAction,
  type PostState,
  postActionRefusal,
  textSha256,
} from './domain/post-workflow.js';
import './social.errors.js';
import type { Post, PostInputSchema } from './social.schemas.js';
import type { PostRow, SocialPostsRepository } from './social-posts.repository.js';
import type { SocialRegisterRepository } from './social-register.repository.js';

export type PostInput = Static<typeof PostInputSchema>;
type PostDto = Static<typeof Post>;

/**
 * Content approval (Art. 11.4): a draft is submitted, decided by a second person holding
 * `social:approve`, and marked published with its URL. The approved text's SHA-256 and the published URL
 * go into the audit chain. Jianhe never posts to a platform itself.
 */
export class SocialPostsService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: SocialPostsRepository,
    private readonly register: SocialRegisterRepository,
    private readonly audit: AuditRecorder,
  ) {}

  private async ensurePostable(t: TenantScope, accountIds: string[]): Promise<void> {
    const ok = await this.repo.postableAccounts(t, accountIds);
    if (accountIds.some((id) => !ok.has(id))) throw new AppError(400, 'SOCIAL_POST_ACCOUNT_INACTIVE');
  }

  async create(actor: Actor, input: PostInput): Promise<PostRow> {
    const at = new Date().toISOString();
    const row: PostRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      title: input.title,
      body: input.body,
      author_user_id: actor.userId,
      status: 'draft',
      planned_at: input.plannedAt ?? null,
      submitted_at: null,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      approved_sha256: null,
      published_at: null,
      published_url: null,
      published_by: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.ensurePostable(t, input.accountIds);
      await this.repo.insertPost(t, row, input.accountIds, input.imageEvidenceIds ?? []);
      await this.record(t, actor, 'social.post.create', row.id, {
        title: row.title,
        accountIds: input.accountIds,
      });
    });
    return row;
  }

  /** The author edits a draft (or a rejected post, which becomes a draft again). */
  async edit(actor: Actor, id: string, version: number, input: Partial<PostInput>): Promise<void> {
    await this.transition(actor, id, version, 'edit', async (t) => {
      if (input.accountIds) await this.ensurePostable(t, input.accountIds);
      if (input.accountIds || input.imageEvidenceIds) {
        const current = await this.links(t, [id]);
        await this.repo.replaceLinks(
          t,
          id,
          input.accountIds ?? current.targets.get(id) ?? [],
          input.imageEvidenceIds ?? (current.images.get(id) ?? []).map((i) => i.evidence_id),
        );
      }
      return {
        patch: {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.body !== undefined ? { body: input.body } : {}),
          ...(input.plannedAt !== undefined ? { planned_at: input.plannedAt } : {}),
        },
        logged: { fields: Object.keys(input) },
      };
    });
  }

  submit(actor: Actor, id: string, version: number) {
    return this.transition(actor, id, version, 'submit', async () => ({
      patch: {
        submitted_at: new Date().toISOString(),
        decided_by: null,
        decided_at: null,
        decision_comment: null,
      },
    }));
  }

  withdraw(actor: Actor, id: string, version: number) {
    return this.transition(actor, id, version, 'withdraw', async () => ({
      patch: { submitted_at: null, decided_by: null, decided_at: null, approved_sha256: null },
    }));
  }

  /** A second person approves: the approved text's SHA-256 is fixed now and goes into the audit chain. */
  approve(actor: Actor, id: string, version: number, comment: string | undefined) {
    return this.transition(actor, id, version, 'approve', async (_t, post) => {
      const approvedSha256 = textSha256(post.body);
      return {
        patch: {
          decided_by: actor.userId,
          decided_at: new Date().toISOString(),
          decision_comment: comment ?? null,
          approved_sha256: approvedSha256,
        },
        logged: { approvedSha256, title: post.title },
      };
    });
  }

  reject(actor: Actor, id: string, version: number, comment: string) {
    return this.transition(actor, id, version, 'reject', async () => ({
      patch: { decided_by: actor.userId, decided_at: new Date().toISOString(), decision_comment: comment },
    }));
  }

  /** Marks an approved post as published on the platform, with its URL (audited with the approved hash). */
  publish(actor: Actor, id: string, version: number, url: string, publishedAt: string | undefined) {
    return this.transition(actor, id, version, 'publish', async (_t, post) => ({
      patch: {
        published_at: publishedAt ?? new Date().toISOString(),
        published_url: url,
        published_by: actor.userId,
      },
      logged: { approvedSha256: post.approved_sha256, publishedUrl: url },
    }));
  }

  /**
   * One state change: the workflow rule (state, two-person rule, authorship) on the post as it stands in
   * the transaction, then a version-checked update and the audit entry. Stale → 409 with the current post.
   */
  private async transition(
    actor: Actor,
    id: string,
    version: number,
    action: PostAction,
    change: (
      t: TenantScope,
      post: PostRow,
    ) => Promise<{ patch: Partial<PostRow>; logged?: Record<string, unknown> }>,
  ): Promise<void> {
    const done = await this.tenants.transaction(actor.orgId, async (t) => {
      const post = await this.repo.findPost(t, id);
      if (!post) throw new AppError(404, 'SOCIAL_POST_NOT_FOUND');
      if (post.version !== version) return false;
      const refusal = postActionRefusal(action, post.status as PostState, actor.userId, post.author_user_id);
      if (refusal)
        throw new AppError(refusal === 'SOCIAL_POST_STATE' ? 409 : 403, refusal, { status: post.status });
      const { patch, logged } = await change(t, post);
      const status = NEXT_STATE[action];
      if (
        !(await this.repo.updatePostIfVersion(t, id, version, {
          ...patch,
          status,
          updated_at: new Date().toISOString(),
        }))
      )
        return false;
      await this.record(t, actor, `social.post.${action}`, id, { from: post.status, to: status, ...logged });
      return true;
    });
    if (!done) throw new AppError(409, 'VERSION_CONFLICT', { current: await this.dto(actor.orgId, id) });
  }

  private async links(t: TenantScope, ids: string[]) {
    const [targets, images] = await Promise.all([this.repo.targetsOf(t, ids), this.repo.imagesOf(t, ids)]);
    const byPost = new Map<string, string[]>();
    for (const target of targets)
      byPost.set(target.post_id, [...(byPost.get(target.post_id) ?? []), target.account_id]);
    const imagesByPost = new Map<string, typeof images>();
    for (const image of images)
      imagesByPost.set(image.post_id, [...(imagesByPost.get(image.post_id) ?? []), image]);
    return { targets: byPost, images: imagesByPost };
  }

  /** Posts in their public form with targets, images and people's names: four queries for the page. */
  async list(
    orgId: string,
    limit: number,
    status?: PostState,
    after?: { updatedAt: string; id: string },
    onlyId?: string,
  ) {
    const t = this.tenants.scope(orgId);
    const rows = onlyId
      ? [await this.get(orgId, onlyId)]
      : await this.repo.listPosts(t, limit, status, after);
    const ids = rows.map((r) => r.id);
    const [{ targets, images }, names] = await Promise.all([
      this.links(t, ids),
      this.register.peopleNames(
        t,
        rows.flatMap((r) => [r.author_user_id, ...(r.decided_by ? [r.decided_by] : [])]),
      ),
    ]);
    return rows.map(
      (row): PostDto => ({
        id: row.id,
        title: row.title,
        body: row.body,
        authorUserId: row.author_user_id,
        authorName: names.get(row.author_user_id) ?? '',
        status: row.status as PostState,
        plannedAt: row.planned_at,
        accountIds: targets.get(row.id) ?? [],
        imageEvidenceIds: (images.get(row.id) ?? []).map((i) => i.evidence_id),
        submittedAt: row.submitted_at,
        decidedBy: row.decided_by,
        decidedByName: row.decided_by ? (names.get(row.decided_by) ?? '') : null,
        decidedAt: row.decided_at,
        decisionComment: row.decision_comment,
        approvedSha256: row.approved_sha256,
        publishedAt: row.published_at,
        publishedUrl: row.published_url,
        version: row.version,
      }),
    );
  }

  async get(orgId: string, id: string): Promise<PostRow> {
    const row = await this.repo.findPost(this.tenants.scope(orgId), id);
    if (!row) throw new AppError(404, 'SOCIAL_POST_NOT_FOUND');
    return row;
  }

  async dto(orgId: string, id: string): Promise<PostDto> {
    const [post] = await this.list(orgId, 1, undefined, undefined, id);
    return post!;
  }

  private record(t: TenantScope, actor: Actor, action: string, targetId: string, after: unknown) {
    return this.audit.record(t.db, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action,
      targetType: 'social_post',
      targetId,
      after,
    });
  }
}
