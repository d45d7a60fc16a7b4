import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { errorResponses } from '../../platform/schemas.js';
import { literalUnion, OrgParams } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { POST_STATES } from './domain/post-workflow.js';
import type { SocialServices } from './social.module.js';
import { PostInputSchema, PostParams, VersionBody } from './social.schemas.js';
import { ListAbilities, listAbilities, PostView, withPostAbilities } from './social-abilities.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const tags = ['social'];
const base = '/api/v1/orgs/:orgId/social/posts';
const postIds = { params: { postId: 'socialPost' } } as const;

/** Art. 11.4: drafts, the approval queue, decisions by a second person, and what was published. */
export async function socialPostRoutes(app: App, { posts }: SocialServices): Promise<void> {
  app.get(
    base,
    {
      config: { permission: 'social:read' },
      schema: {
        tags,
        operationId: 'listSocialPosts',
        params: OrgParams,
        querystring: Type.Object({
          status: Type.Optional(literalUnion(POST_STATES)),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          cursor: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(PostView),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
            abilities: ListAbilities,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor, status } = request.query;
      const after = cursor ? decodeCursor(cursor, ['updatedAt', 'id'] as const) : undefined;
      const items = await posts.list(request.params.orgId, limit + 1, status, after);
      const page = items.slice(0, limit);
      const last = page.at(-1);
      const lastRow = last ? await posts.get(request.params.orgId, last.id) : undefined;
      const userId = request.auth?.userId ?? null;
      return {
        abilities: listAbilities(request.grants),
        items: page.map((post) => withPostAbilities(request.grants, userId, post)),
        nextCursor:
          items.length > limit && lastRow
            ? encodeCursor({ updatedAt: lastRow.updated_at, id: lastRow.id })
            : null,
      };
    },
  );

  app.post(
    base,
    {
      config: {
        permission: 'social:write',
        ids: { body: { accountIds: 'socialAccount', imageEvidenceIds: 'evidence' } },
      },
      schema: {
        tags,
        operationId: 'createSocialPost',
        params: OrgParams,
        body: PostInputSchema,
        response: { 201: PostView, ...errors },
      },
    },
    async (request, reply) => {
      const row = await posts.create(actorOf(request, request.params.orgId), request.body);
      const post = await posts.dto(request.params.orgId, row.id);
      return reply.status(201).send(withPostAbilities(request.grants, request.auth?.userId ?? null, post));
    },
  );

  app.get(
    `${base}/:postId`,
    {
      config: { permission: 'social:read', ids: postIds },
      schema: {
        tags,
        operationId: 'getSocialPost',
        params: PostParams,
        response: { 200: PostView, ...errors },
      },
    },
    async (request) =>
      withPostAbilities(
        request.grants,
        request.auth?.userId ?? null,
        await posts.dto(request.params.orgId, request.params.postId),
      ),
  );

  app.patch(
    `${base}/:postId`,
    {
      config: {
        permission: 'social:write',
        ids: { ...postIds, body: { accountIds: 'socialAccount', imageEvidenceIds: 'evidence' } },
      },
      schema: {
        tags,
        operationId: 'updateSocialPost',
        params: PostParams,
        body: Type.Object(
          { ...VersionBody, ...Type.Partial(PostInputSchema).properties },
          { additionalProperties: false },
        ),
        response: { 200: PostView, ...errors },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      const { orgId, postId } = request.params;
      await posts.edit(actorOf(request, orgId), postId, version, input);
      return withPostAbilities(request.grants, request.auth?.userId ?? null, await posts.dto(orgId, postId));
    },
  );

  const action = (
    name: 'submit' | 'withdraw' | 'approve' | 'reject' | 'publish',
    permission: 'social:write' | 'social:approve',
    summary: string,
    extra: Parameters<typeof Type.Object>[0],
    run: (request: {
      orgId: string;
      postId: string;
      userId: string;
      body: Record<string, unknown>;
    }) => Promise<void>,
  ) =>
    app.post(
      `${base}/:postId/${name}`,
      {
        config: { permission, ids: postIds },
        schema: {
          tags,
          operationId: `${name}SocialPost`,
          summary,
          params: PostParams,
          body: Type.Object({ ...VersionBody, ...extra }, { additionalProperties: false }),
          response: { 200: PostView, ...errors },
        },
      },
      async (request) => {
        const { orgId, postId } = request.params as { orgId: string; postId: string };
        await run({
          orgId,
          postId,
          userId: actorOf(request, orgId).userId,
          body: request.body as Record<string, unknown>,
        });
        return withPostAbilities(
          request.grants,
          request.auth?.userId ?? null,
          await posts.dto(orgId, postId),
        );
      },
    );

  const v = (body: Record<string, unknown>) => body.version as number;
  action('submit', 'social:write', 'The author submits the post for approval', {}, (r) =>
    posts.submit({ orgId: r.orgId, userId: r.userId }, r.postId, v(r.body)),
  );
  action('withdraw', 'social:write', 'The author takes a submitted or approved post back to draft', {}, (r) =>
    posts.withdraw({ orgId: r.orgId, userId: r.userId }, r.postId, v(r.body)),
  );
  action(
    'approve',
    'social:approve',
    "A second person approves; the text's SHA-256 goes into the audit chain. The author is refused (SOCIAL_POST_SELF_APPROVAL)",
    { comment: Type.Optional(Type.String({ maxLength: 2000 })) },
    (r) =>
      posts.approve(
        { orgId: r.orgId, userId: r.userId },
        r.postId,
        v(r.body),
        r.body.comment as string | undefined,
      ),
  );
  action(
    'reject',
    'social:approve',
    'A second person sends the post back with a comment',
    { comment: Type.String({ minLength: 1, maxLength: 2000 }) },
    (r) => posts.reject({ orgId: r.orgId, userId: r.userId }, r.postId, v(r.body), r.body.comment as string),
  );
  action(
    'publish',
    'social:write',
    'Marks an approved post as published, with its URL (audited with the approved SHA-256)',
    {
      url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
      publishedAt: Type.Optional(Type.String({ format: 'date-time' })),
    },
    (r) =>
      posts.publish(
        { orgId: r.orgId, userId: r.userId },
        r.postId,
        v(r.body),
        r.body.url as string,
        r.body.publishedAt as string | undefined,
      ),
  );
}
