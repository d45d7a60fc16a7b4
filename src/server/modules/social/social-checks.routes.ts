import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { errorResponses } from '../../platform/schemas.js';
import { OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import type { SocialServices } from './social.module.js';
import { LinkCheck, PageParams, RegisterFigures, SitePage } from './social.schemas.js';
import type { LinkCheckRow, SitePageRow } from './social-posts.repository.js';

const errors = errorResponses(400, 401, 403, 404, 409, 422, 503);
const tags = ['social'];
const base = '/api/v1/orgs/:orgId/social';

const pageDto = (row: SitePageRow) => ({
  id: row.id,
  url: row.url,
  label: row.label,
  createdAt: row.created_at,
});
const checkDto = (row: LinkCheckRow) => ({
  id: row.id,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  pages: JSON.parse(row.pages) as string[],
  linksFound: row.links_found,
  linksWithoutNotice: row.links_without_notice,
  reportEvidenceId: row.report_evidence_id,
});

/** Art. 11.2: the website pages to check, the exit-notice link check; and the register's figures for items 34–40. */
export async function socialCheckRoutes(app: App, { linkChecks, dashboard }: SocialServices): Promise<void> {
  app.get(
    `${base}/site-pages`,
    {
      config: { permission: 'social:read' },
      schema: {
        tags,
        operationId: 'listSocialSitePages',
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(SitePage) }), ...errors },
      },
    },
    async (request) => ({ items: (await linkChecks.listPages(request.params.orgId)).map(pageDto) }),
  );

  app.post(
    `${base}/site-pages`,
    {
      config: { permission: 'social:write' },
      schema: {
        tags,
        operationId: 'registerSocialSitePage',
        summary: 'Register a page of the firm’s website: the link check opens only registered pages',
        params: OrgParams,
        body: Type.Object(
          {
            url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
            label: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: SitePage, ...errors },
      },
    },
    async (request, reply) => {
      const row = await linkChecks.registerPage(
        actorOf(request, request.params.orgId),
        request.body.url,
        request.body.label ?? '',
      );
      return reply.status(201).send(pageDto(row));
    },
  );

  app.delete(
    `${base}/site-pages/:pageId`,
    {
      config: { permission: 'social:write', ids: { params: { pageId: 'socialSitePage' } } },
      schema: {
        tags,
        operationId: 'removeSocialSitePage',
        params: PageParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await linkChecks.removePage(actorOf(request, request.params.orgId), request.params.pageId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/link-checks`,
    {
      config: { permission: 'social:read' },
      schema: {
        tags,
        operationId: 'listSocialLinkChecks',
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(LinkCheck) }), ...errors },
      },
    },
    async (request) => ({ items: (await linkChecks.listChecks(request.params.orgId)).map(checkDto) }),
  );

  app.post(
    `${base}/link-checks`,
    {
      config: {
        permission: 'social:write',
        ids: { body: { pageIds: 'socialSitePage', attachToItemId: 'assessmentItem' } },
      },
      schema: {
        tags,
        operationId: 'runSocialLinkCheck',
        summary:
          'Run the exit-notice check on registered pages (all when none are named); the report is evidence',
        params: OrgParams,
        body: Type.Object(
          {
            pageIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 50, uniqueItems: true })),
            attachToItemId: Type.Optional(Type.Union([Type.Null(), Uuid])),
          },
          { additionalProperties: false },
        ),
        response: { 201: LinkCheck, ...errors },
      },
    },
    async (request, reply) => {
      const { check } = await linkChecks.run(actorOf(request, request.params.orgId), {
        ...(request.body.pageIds ? { pageIds: request.body.pageIds } : {}),
        attachToItemId: request.body.attachToItemId ?? null,
      });
      return reply.status(201).send(checkDto(check));
    },
  );

  app.get(
    `${base}/register-figures`,
    {
      config: { permission: 'social:read' },
      schema: {
        tags,
        operationId: 'getSocialRegisterFigures',
        summary: 'What the register says for checklist items 34–40',
        params: OrgParams,
        response: { 200: RegisterFigures, ...errors },
      },
    },
    async (request) => dashboard.figures(request.params.orgId),
  );

  app.post(
    `${base}/register-figures/snapshot`,
    {
      config: { permission: 'social:write', ids: { body: { attachToItemId: 'assessmentItem' } } },
      schema: {
        tags,
        operationId: 'snapshotSocialRegister',
        summary:
          'Freeze the register as it stands now into dated, hashed evidence, attached to an item when named',
        params: OrgParams,
        body: Type.Object(
          { attachToItemId: Type.Optional(Type.Union([Type.Null(), Uuid])) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ evidenceId: Type.String(), sha256: Type.String(), takenAt: Type.String() }),
          ...errors,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await dashboard.snapshot(
            actorOf(request, request.params.orgId),
            request.body.attachToItemId ?? null,
          ),
        ),
  );
}
