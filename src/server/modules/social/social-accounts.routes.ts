import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { errorResponses } from '../../platform/schemas.js';
import { CalendarDate, OrgParams } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { attachmentDisposition } from '../evidence/content-disposition.js';
import type { SocialServices } from './social.module.js';
import {
  AccountAdmin,
  AccountInputSchema,
  AccountParams,
  AdminInputSchema,
  AdminParams,
  VersionBody,
} from './social.schemas.js';
import {
  AccountListAbilities,
  AccountView,
  accountListAbilities,
  withAccountAbilities,
} from './social-abilities.js';
import { accountsCsv, accountsXlsx } from './social-export.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const tags = ['social'];
const base = '/api/v1/orgs/:orgId/social/accounts';

/** Art. 11: the official accounts register, its administrators and its exports. */
export async function socialAccountRoutes(app: App, { accounts }: SocialServices): Promise<void> {
  app.get(
    base,
    {
      config: { permission: 'social:read' },
      schema: {
        tags,
        operationId: 'listSocialAccounts',
        params: OrgParams,
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 100 }),
          cursor: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(AccountView),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
            abilities: AccountListAbilities,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor ? decodeCursor(cursor, ['platform', 'handle', 'id'] as const) : undefined;
      const items = await accounts.list(request.params.orgId, limit + 1, after);
      const page = items.slice(0, limit);
      const last = page.at(-1);
      return {
        abilities: accountListAbilities(request.grants),
        items: page.map((account) => withAccountAbilities(request.grants, account)),
        nextCursor:
          items.length > limit && last
            ? encodeCursor({ platform: last.platform, handle: last.handle, id: last.id })
            : null,
      };
    },
  );

  app.post(
    base,
    {
      config: {
        permission: 'social:write',
        ids: { body: { ownerUserId: 'member', profileEvidenceId: 'evidence' } },
      },
      schema: {
        tags,
        operationId: 'createSocialAccount',
        params: OrgParams,
        body: AccountInputSchema,
        response: { 201: AccountView, ...errors },
      },
    },
    async (request, reply) => {
      const row = await accounts.create(actorOf(request, request.params.orgId), request.body);
      return reply
        .status(201)
        .send(withAccountAbilities(request.grants, await accounts.dto(request.params.orgId, row.id)));
    },
  );

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `${base}/export.${format}`,
      {
        config: { permission: 'social:read' },
        schema: {
          tags,
          operationId: format === 'csv' ? 'exportSocialAccountsCsv' : 'exportSocialAccountsXlsx',
          summary: `The accounts register as ${format.toUpperCase()} (zh-TW headers, formula cells neutralised)`,
          params: OrgParams,
          response: { 200: format === 'csv' ? Type.String() : Type.Unknown(), ...errors },
        },
      },
      async (request, reply) => {
        const items = await accounts.list(request.params.orgId, 10_000);
        reply.header('content-disposition', attachmentDisposition(`social-accounts.${format}`));
        if (format === 'csv') {
          reply.header('content-type', 'text/csv; charset=utf-8');
          return accountsCsv(items);
        }
        reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return reply.send(await accountsXlsx(items));
      },
    );

  app.get(
    `${base}/:accountId`,
    {
      config: { permission: 'social:read', ids: { params: { accountId: 'socialAccount' } } },
      schema: {
        tags,
        operationId: 'getSocialAccount',
        params: AccountParams,
        response: { 200: AccountView, ...errors },
      },
    },
    async (request) =>
      withAccountAbilities(
        request.grants,
        await accounts.dto(request.params.orgId, request.params.accountId),
      ),
  );

  app.patch(
    `${base}/:accountId`,
    {
      config: {
        permission: 'social:write',
        ids: {
          params: { accountId: 'socialAccount' },
          body: { ownerUserId: 'member', profileEvidenceId: 'evidence' },
        },
      },
      schema: {
        tags,
        operationId: 'updateSocialAccount',
        params: AccountParams,
        body: Type.Object(
          { ...VersionBody, ...Type.Partial(AccountInputSchema).properties },
          { additionalProperties: false },
        ),
        response: { 200: AccountView, ...errors },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      const { orgId, accountId } = request.params;
      await accounts.update(actorOf(request, orgId), accountId, version, input);
      return withAccountAbilities(request.grants, await accounts.dto(orgId, accountId));
    },
  );

  app.post(
    `${base}/:accountId/administrators`,
    {
      config: {
        permission: 'social:write',
        ids: { params: { accountId: 'socialAccount' }, body: { userId: 'member' } },
      },
      schema: {
        tags,
        operationId: 'addSocialAccountAdmin',
        params: AccountParams,
        body: AdminInputSchema,
        response: { 201: AccountAdmin, ...errors },
      },
    },
    async (request, reply) => {
      const { orgId, accountId } = request.params;
      const row = await accounts.addAdmin(actorOf(request, orgId), accountId, request.body);
      const account = await accounts.dto(orgId, accountId);
      return reply.status(201).send(account.administrators.find((a) => a.id === row.id)!);
    },
  );

  const adminIds = { params: { accountId: 'socialAccount', adminId: 'socialAccountAdmin' } } as const;
  app.post(
    `${base}/:accountId/administrators/:adminId/removal`,
    {
      config: { permission: 'social:write', ids: adminIds },
      schema: {
        tags,
        operationId: 'removeSocialAccountAdmin',
        summary: 'Remove an administrator (kept in the history with the reason)',
        params: AdminParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: AccountView, ...errors },
      },
    },
    async (request) => {
      const { orgId, accountId, adminId } = request.params;
      await accounts.removeAdmin(actorOf(request, orgId), accountId, adminId, request.body.reason);
      return withAccountAbilities(request.grants, await accounts.dto(orgId, accountId));
    },
  );

  app.post(
    `${base}/:accountId/administrators/:adminId/confirmation`,
    {
      config: { permission: 'social:write', ids: adminIds },
      schema: {
        tags,
        operationId: 'confirmSocialAccountAdmin',
        summary: 'Re-confirm an administrator (new review date; clears a departure flag)',
        params: AdminParams,
        body: Type.Object({ reviewedOn: CalendarDate }, { additionalProperties: false }),
        response: { 200: AccountView, ...errors },
      },
    },
    async (request) => {
      const { orgId, accountId, adminId } = request.params;
      await accounts.confirmAdmin(actorOf(request, orgId), accountId, adminId, request.body.reviewedOn);
      return withAccountAbilities(request.grants, await accounts.dto(orgId, accountId));
    },
  );
}
