import type { Selectable, Updateable } from 'kysely';
import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import type { SocialLinkCheckTable, SocialPostTable, SocialSitePageTable } from './social.tables.js';

export type PostRow = Selectable<SocialPostTable>;
export type SitePageRow = Selectable<SocialSitePageTable>;
export type LinkCheckRow = Selectable<SocialLinkCheckTable>;

/** Kysely queries for content approval and the exit-notice link check; all tenant-scoped. */
export class SocialPostsRepository {
  async insertPost(t: TenantScope, row: PostRow, accountIds: string[], imageIds: string[]): Promise<void> {
    await t.db.insertInto('social_post').values(row).execute();
    await this.replaceLinks(t, row.id, accountIds, imageIds);
  }

  async replaceLinks(
    t: TenantScope,
    postId: string,
    accountIds: string[],
    imageIds: string[],
  ): Promise<void> {
    await t.db.deleteFrom('social_post_target').where('post_id', '=', postId).execute();
    await t.db.deleteFrom('social_post_image').where('post_id', '=', postId).execute();
    if (accountIds.length > 0)
      await t.db
        .insertInto('social_post_target')
        .values(accountIds.map((account_id) => ({ org_id: t.orgId, post_id: postId, account_id })))
        .execute();
    if (imageIds.length > 0)
      await t.db
        .insertInto('social_post_image')
        .values(
          imageIds.map((evidence_id, position) => ({
            org_id: t.orgId,
            post_id: postId,
            evidence_id,
            position,
          })),
        )
        .execute();
  }

  findPost(t: TenantScope, id: string): Promise<PostRow | undefined> {
    return t.db.selectFrom('social_post').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest change first, optionally of one status; keyset on (updated_at, id). */
  listPosts(
    t: TenantScope,
    limit: number,
    status?: string,
    after?: { updatedAt: string; id: string },
  ): Promise<PostRow[]> {
    let query = t.db.selectFrom('social_post').selectAll();
    if (status) query = query.where('status', '=', status);
    if (after)
      query = query.where((eb) =>
        eb.or([
          eb('updated_at', '<', after.updatedAt),
          eb.and([eb('updated_at', '=', after.updatedAt), eb('id', '<', after.id)]),
        ]),
      );
    return query.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async updatePostIfVersion(
    t: TenantScope,
    id: string,
    expectedVersion: number,
    patch: Updateable<SocialPostTable>,
  ): Promise<boolean> {
    const result = await t.db
      .updateTable('social_post')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  targetsOf(t: TenantScope, postIds: string[]) {
    if (postIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('social_post_target')
      .select(['post_id', 'account_id'])
      .where('post_id', 'in', postIds)
      .execute();
  }

  /** Images with the SHA-256 of their evidence file, in order. */
  imagesOf(t: TenantScope, postIds: string[]) {
    if (postIds.length === 0) return Promise.resolve([]);
    return t.db
      .selectFrom('social_post_image')
      .innerJoin('evidence', (j) =>
        j
          .onRef('evidence.id', '=', 'social_post_image.evidence_id')
          .onRef('evidence.org_id', '=', 'social_post_image.org_id'),
      )
      .select(['social_post_image.post_id', 'social_post_image.evidence_id', 'evidence.sha256'])
      .where('social_post_image.post_id', 'in', postIds)
      .orderBy('social_post_image.position')
      .execute();
  }

  /** The accounts among `ids` that may receive posts: active and in scope. */
  async postableAccounts(t: TenantScope, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await t.db
      .selectFrom('social_account')
      .select('id')
      .where('id', 'in', ids)
      .where('status', '=', 'active')
      .where('scope', '=', 'in_scope')
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  async insertSitePage(t: TenantScope, row: SitePageRow): Promise<void> {
    await t.db.insertInto('social_site_page').values(row).execute();
  }

  findSitePageByUrl(t: TenantScope, url: string): Promise<SitePageRow | undefined> {
    return t.db.selectFrom('social_site_page').selectAll().where('url', '=', url).executeTakeFirst();
  }

  listSitePages(t: TenantScope, ids?: string[]): Promise<SitePageRow[]> {
    let query = t.db.selectFrom('social_site_page').selectAll();
    if (ids) query = query.where('id', 'in', ids);
    return query.orderBy('url').execute();
  }

  async deleteSitePage(t: TenantScope, id: string): Promise<boolean> {
    const result = await t.db.deleteFrom('social_site_page').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  async insertLinkCheck(t: TenantScope, row: LinkCheckRow): Promise<void> {
    await t.db.insertInto('social_link_check').values(row).execute();
  }

  findLinkCheck(t: TenantScope, id: string): Promise<LinkCheckRow | undefined> {
    return t.db.selectFrom('social_link_check').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listLinkChecks(t: TenantScope, limit: number): Promise<LinkCheckRow[]> {
    return t.db
      .selectFrom('social_link_check')
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }

  /** The row of checklist item `itemId` in the newest assessment that is not approved (or in `assessmentId`). */
  async openItemRow(t: TenantScope, itemId: string, assessmentId?: string): Promise<string | undefined> {
    let query = t.db
      .selectFrom('assessment_item')
      .innerJoin('assessment', (j) =>
        j
          .onRef('assessment.id', '=', 'assessment_item.assessment_id')
          .onRef('assessment.org_id', '=', 'assessment_item.org_id'),
      )
      .select('assessment_item.id')
      .where('assessment_item.item_id', '=', itemId)
      .where('assessment.state', '!=', 'approved');
    if (assessmentId) query = query.where('assessment.id', '=', assessmentId);
    const row = await query.orderBy('assessment.created_at', 'desc').executeTakeFirst();
    return row?.id;
  }
}
