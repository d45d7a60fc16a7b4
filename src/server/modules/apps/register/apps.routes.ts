import { Type } from 'typebox';
import type { App } from '../../../platform/app.js';
import { decodeCursor, encodeCursor } from '../../../platform/cursor.js';
import { localeFromHeader } from '../../../platform/i18n.js';
import { errorResponses } from '../../../platform/schemas.js';
import { literalUnion, OrgParams, Uuid } from '../../assessments/assessments.schemas.js';
import { actorOf } from '../../assessments/http.js';
import { RegisterTask, toTaskDto } from '../../register-tasks/register-tasks.dto.js';
import type { AppRegisterServices } from './apps.module.js';
import {
  AppInputSchema,
  AppOverview,
  AppParams,
  ControlInput,
  MobileApp,
  Release,
  ReleaseInput,
  ScanUploadBody,
  Template,
  TemplateInput,
} from './apps.schemas.js';
import { APP_CONTROLS } from './domain/release-gate.js';
import { releaseRoutes } from './releases.routes.js';

const errors = errorResponses(400, 401, 403, 404, 409, 413, 422);
const tags = ['apps'];
const Version = Type.Integer({ minimum: 1 });
const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 100 }),
  cursor: Type.Optional(Type.String()),
});
/** A scan report with every finding of a large app stays well below this. */
const SCAN_BODY_LIMIT = 16 * 1024 * 1024;

/** The mobile-app register (Art. 16) and the release gate (Art. 17). */
export async function appRegisterRoutes(app: App, services: AppRegisterServices): Promise<void> {
  const { apps, releases, overview } = services;
  await releaseRoutes(app, services);
  const base = '/api/v1/orgs/:orgId/apps';
  const appIds = { params: { appId: 'mobileApp' } } as const;
  const lang = (request: { headers: Record<string, unknown> }) =>
    localeFromHeader(request.headers['accept-language'] as string | undefined);

  app.get(
    base,
    {
      config: { permission: 'app:read' },
      schema: {
        tags,
        operationId: 'listApps',
        params: OrgParams,
        querystring: Type.Object({
          ...Page.properties,
          bundle: Type.Optional(
            Type.String({
              maxLength: 255,
              description: 'Only the app with this package name or bundle identifier',
            }),
          ),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(MobileApp),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor, bundle } = request.query;
      const after = cursor ? decodeCursor(cursor, ['name', 'id'] as const) : undefined;
      const rows = await apps.list(request.params.orgId, limit + 1, after, bundle);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page,
        nextCursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
      };
    },
  );

  app.post(
    base,
    {
      config: { permission: 'app:write', ids: { body: { ownerUserId: 'member', bundleId: 'external' } } },
      schema: {
        tags,
        operationId: 'createApp',
        params: OrgParams,
        body: AppInputSchema,
        response: { 201: MobileApp, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await apps.create(actorOf(request, request.params.orgId), request.body)),
  );

  app.get(
    `${base}/tasks`,
    {
      config: { permission: 'app:read' },
      schema: {
        tags,
        operationId: 'listAppTasks',
        summary:
          'Reassign or confirm-owner tasks raised when an app owner left or changed role or department',
        params: OrgParams,
        querystring: Type.Object({ status: Type.Optional(literalUnion(['open', 'done'] as const)) }),
        response: { 200: Type.Array(RegisterTask), ...errors },
      },
    },
    async (request) => (await apps.tasksOf(request.params.orgId, request.query.status)).map(toTaskDto),
  );

  app.get(
    '/api/v1/orgs/:orgId/app-overview',
    {
      config: { permission: 'app:read' },
      schema: {
        tags,
        operationId: 'getAppOverview',
        summary: 'Every app with its Art. 16 controls and its latest release gate (checklist items 55–63)',
        params: OrgParams,
        response: { 200: AppOverview, ...errors },
      },
    },
    async (request) => overview.overview(request.params.orgId),
  );

  app.post(
    '/api/v1/orgs/:orgId/app-register/snapshot',
    {
      config: { permission: 'evidence:write', ids: { body: { assessmentItemId: 'assessmentItem' } } },
      schema: {
        tags,
        operationId: 'snapshotAppRegister',
        summary:
          'Freeze the app register as hashed evidence, attached to an assessment item when one is named',
        params: OrgParams,
        body: Type.Object({ assessmentItemId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: { 201: Type.Object({ evidenceId: Uuid, sha256: Type.String() }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await overview.snapshot(actorOf(request, request.params.orgId), request.body.assessmentItemId)),
  );

  app.get(
    `${base}/:appId`,
    {
      config: { permission: 'app:read', ids: appIds },
      schema: { tags, operationId: 'getApp', params: AppParams, response: { 200: MobileApp, ...errors } },
    },
    async (request) => apps.get(request.params.orgId, request.params.appId),
  );

  app.patch(
    `${base}/:appId`,
    {
      config: {
        permission: 'app:write',
        ids: { ...appIds, body: { ownerUserId: 'member', bundleId: 'external' } },
      },
      schema: {
        tags,
        operationId: 'updateApp',
        params: AppParams,
        body: Type.Object(
          { version: Version, ...Type.Partial(AppInputSchema).properties },
          { additionalProperties: false },
        ),
        response: { 200: MobileApp, ...errors },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return apps.update(actorOf(request, request.params.orgId), request.params.appId, version, input);
    },
  );

  app.put(
    `${base}/:appId/controls/:control`,
    {
      config: {
        permission: 'app:write',
        ids: { params: { appId: 'mobileApp', control: 'external' }, body: { evidenceId: 'evidence' } },
      },
      schema: {
        tags,
        operationId: 'setAppControl',
        summary: 'Record how the app implements one Art. 16 control, with its evidence',
        params: Type.Object({ ...AppParams.properties, control: literalUnion(APP_CONTROLS) }),
        body: ControlInput,
        response: { 200: MobileApp, ...errors },
      },
    },
    async (request) =>
      apps.setControl(
        actorOf(request, request.params.orgId),
        request.params.appId,
        request.params.control,
        request.body,
      ),
  );

  app.get(
    `${base}/:appId/releases`,
    {
      config: { permission: 'app:read', ids: appIds },
      schema: {
        tags,
        operationId: 'listAppReleases',
        params: AppParams,
        querystring: Page,
        response: {
          200: Type.Object({
            items: Type.Array(Release),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor ? decodeCursor(cursor, ['createdAt', 'id'] as const) : undefined;
      const rows = await releases.list(request.params.orgId, request.params.appId, limit + 1, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page,
        nextCursor:
          rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
      };
    },
  );

  app.post(
    `${base}/:appId/releases`,
    {
      config: { permission: 'app:write', ids: appIds },
      schema: {
        tags,
        operationId: 'createAppRelease',
        params: AppParams,
        body: ReleaseInput,
        response: { 201: Release, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await releases.create(actorOf(request, request.params.orgId), request.params.appId, request.body),
        ),
  );

  app.post(
    `${base}/:appId/scans`,
    {
      bodyLimit: SCAN_BODY_LIMIT,
      // Rule ids name rules of the pack, not Jianhe records.
      config: { permission: 'app:write', ids: { ...appIds, body: { 'scan.findings[].ruleId': 'external' } } },
      schema: {
        tags,
        operationId: 'uploadAppScan',
        summary:
          'File a `jianhe app scan --format json` result as release evidence: creates or updates the release for its version and build and sets its gate',
        params: AppParams,
        body: ScanUploadBody,
        response: { 200: Type.Object({ app: MobileApp, release: Release }), ...errors },
      },
    },
    async (request) =>
      releases.uploadScan(actorOf(request, request.params.orgId), request.params.appId, request.body),
  );

  app.get(
    `${base}/:appId/templates`,
    {
      config: { permission: 'app:read', ids: appIds },
      schema: {
        tags,
        operationId: 'listAppTemplates',
        summary: 'Notification templates with their de-identification result (Art. 16.2)',
        params: AppParams,
        response: { 200: Type.Object({ items: Type.Array(Template) }), ...errors },
      },
    },
    async (request) => ({
      items: await apps.listTemplates(request.params.orgId, request.params.appId, lang(request)),
    }),
  );

  app.post(
    `${base}/:appId/templates`,
    {
      config: { permission: 'app:write', ids: appIds },
      schema: {
        tags,
        operationId: 'createAppTemplate',
        params: AppParams,
        body: TemplateInput,
        response: { 201: Template, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await apps.createTemplate(
            actorOf(request, request.params.orgId),
            request.params.appId,
            request.body,
            lang(request),
          ),
        ),
  );

  app.patch(
    '/api/v1/orgs/:orgId/app-templates/:templateId',
    {
      config: { permission: 'app:write', ids: { params: { templateId: 'appTemplate' } } },
      schema: {
        tags,
        operationId: 'updateAppTemplate',
        params: Type.Object({ orgId: Uuid, templateId: Uuid }),
        body: Type.Object(
          { version: Version, ...Type.Partial(TemplateInput).properties },
          { additionalProperties: false },
        ),
        response: { 200: Template, ...errors },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      return apps.updateTemplate(
        actorOf(request, request.params.orgId),
        request.params.templateId,
        version,
        input,
        lang(request),
      );
    },
  );
}
