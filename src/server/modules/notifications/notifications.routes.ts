import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import type { AppContext } from '../../platform/app-context.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import { errorResponses, publicOrigin } from '../../platform/schemas.js';
import { literalUnion, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import './notifications.errors.js';

const tags = ['notifications'];
const errors = errorResponses(400, 401, 403, 404);

const Notification = Type.Object(
  {
    id: Uuid,
    kind: Type.String(),
    title: Type.String(),
    link: Type.Union([Type.Null(), Type.String()]),
    createdAt: Type.String(),
    readAt: Type.Union([Type.Null(), Type.String()]),
  },
  { title: 'Notification' },
);
const Preferences = Type.Object(
  {
    locale: literalUnion(['zh-TW', 'en'] as const),
    emailReminders: Type.Boolean(),
    emailDigest: Type.Boolean(),
    inApp: Type.Boolean(),
  },
  { title: 'NotificationPreferences', additionalProperties: false },
);

/** The signed-in person's own notifications, preferences and calendar link in one organisation. */
export async function notificationRoutes(app: App, ctx: AppContext): Promise<void> {
  const { notifications, calendarFeeds } = ctx.services;
  const base = '/api/v1/orgs/:orgId';

  app.get(
    `${base}/notifications`,
    {
      config: { permission: 'org:read' },
      schema: {
        tags,
        operationId: 'listNotifications',
        params: OrgParams,
        querystring: Type.Object({
          unread: Type.Optional(Type.Boolean()),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String({ maxLength: 300 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Notification),
            unread: Type.Integer(),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { userId, orgId } = actorOf(request, request.params.orgId);
      const limit = request.query.limit ?? 30;
      const before = decodeCursor(request.query.cursor, ['at', 'id'] as const);
      const rows = await notifications.list(orgId, userId, limit + 1, {
        unreadOnly: request.query.unread === true,
        ...(before ? { before } : {}),
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((n) => {
          const payload = JSON.parse(n.payload) as { title?: string; link?: string | null };
          return {
            id: n.id,
            kind: n.kind,
            title: payload.title ?? n.kind,
            link: payload.link ?? null,
            createdAt: n.created_at,
            readAt: n.read_at,
          };
        }),
        unread: await notifications.unreadCount(orgId, userId),
        nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
      };
    },
  );

  app.post(
    `${base}/notifications/read`,
    {
      config: { permission: 'notifications:self', ids: { body: { notificationIds: 'notification' } } },
      schema: {
        tags,
        operationId: 'markNotificationsRead',
        params: OrgParams,
        body: Type.Object(
          {
            notificationIds: Type.Optional(Type.Array(Uuid, { maxItems: 200 })),
            all: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ marked: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const { userId, orgId } = actorOf(request, request.params.orgId);
      const ids = request.body.all ? 'all' : (request.body.notificationIds ?? []);
      return { marked: await notifications.markRead(orgId, userId, ids) };
    },
  );

  app.get(
    `${base}/notification-preferences`,
    {
      config: { permission: 'org:read' },
      schema: {
        tags,
        operationId: 'getNotificationPreferences',
        params: OrgParams,
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => {
      const { userId, orgId } = actorOf(request, request.params.orgId);
      return notifications.preferences(orgId, userId);
    },
  );

  app.put(
    `${base}/notification-preferences`,
    {
      config: { permission: 'notifications:self' },
      schema: {
        tags,
        operationId: 'setNotificationPreferences',
        params: OrgParams,
        body: Preferences,
        response: { 200: Preferences, ...errors },
      },
    },
    async (request) => {
      const { userId, orgId } = actorOf(request, request.params.orgId);
      await notifications.savePreferences(orgId, userId, request.body);
      return notifications.preferences(orgId, userId);
    },
  );

  const FeedState = Type.Object({
    active: Type.Boolean(),
    createdAt: Type.Union([Type.Null(), Type.String()]),
    url: Type.Union([Type.Null(), Type.String({ description: 'Shown once, when the link is made' })]),
  });

  app.get(
    `${base}/calendar-feed`,
    {
      config: { permission: 'org:read' },
      schema: {
        tags,
        operationId: 'getCalendarFeed',
        params: OrgParams,
        response: { 200: FeedState, ...errors },
      },
    },
    async (request) => {
      const { userId, orgId } = actorOf(request, request.params.orgId);
      const active = await calendarFeeds.active(orgId, userId);
      return { active: active !== null, createdAt: active?.createdAt ?? null, url: null };
    },
  );

  app.post(
    `${base}/calendar-feed`,
    {
      config: { permission: 'notifications:self' },
      schema: {
        tags,
        operationId: 'createCalendarFeed',
        description: 'A new secret iCal link; any earlier link stops working.',
        params: OrgParams,
        response: { 201: FeedState, ...errors },
      },
    },
    async (request, reply) => {
      const { userId, orgId } = actorOf(request, request.params.orgId);
      const token = await calendarFeeds.create(orgId, userId);
      const active = await calendarFeeds.active(orgId, userId);
      return reply.status(201).send({
        active: true,
        createdAt: active?.createdAt ?? null,
        url: `${publicOrigin(request, ctx.config.publicUrl)}/api/v1/calendar/${token}.ics`,
      });
    },
  );

  app.delete(
    `${base}/calendar-feed`,
    {
      config: { permission: 'notifications:self' },
      schema: {
        tags,
        operationId: 'revokeCalendarFeed',
        params: OrgParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { userId, orgId } = actorOf(request, request.params.orgId);
      await calendarFeeds.revoke(orgId, userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/calendar/:token.ics',
    {
      config: { permission: 'link-token', ids: { params: { token: 'external' } } },
      schema: {
        tags,
        operationId: 'calendarFeed',
        params: Type.Object({
          token: Type.String({ minLength: 43, maxLength: 43, pattern: '^[A-Za-z0-9_-]+$' }),
        }),
        response: { 200: Type.String(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(await calendarFeeds.feed(request.params.token, publicOrigin(request, ctx.config.publicUrl))),
  );
}
