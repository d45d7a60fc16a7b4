import { createHash } from 'node:crypto';
import { type Static, Type } from 'typebox';
import { APP_VERSION } from '../../config/version.js';
import type { App } from '../../platform/app.js';
import { ifNoneMatch, sendNotModified, sendSerialised } from '../../platform/conditional-response.js';
import { RepresentationCache } from '../../platform/representation-cache.js';
import { ErrorResponse } from '../../platform/schemas.js';
import { literalUnion } from '../assessments/assessments.schemas.js';
import type { CatalogSummaryRow } from './catalog.repository.js';
import { CatalogDetail, CatalogItemSchema, CatalogSummary, TAGS } from './catalog.schemas.js';
import type { CatalogService } from './catalog.service.js';
import { toOscalCatalog } from './oscal-catalog.js';

const tags = ['catalog'];
const CatalogParams = Type.Object({
  catalogId: Type.String({ description: 'Catalog id, or urn@version', maxLength: 300 }),
});

const summary = (row: CatalogSummaryRow) => ({
  id: row.id,
  urn: row.urn,
  version: row.version,
  title: { 'zh-TW': row.title_zh, en: row.title_en },
  issuer: { 'zh-TW': row.issuer_zh, en: row.issuer_en },
  itemCount: row.item_count,
  origin: row.origin as 'bundled' | 'imported',
  contentHash: row.content_hash,
});

/** The guideline is public: these read-only routes need no login. */
export async function catalogRoutes(
  app: App,
  catalogs: CatalogService,
  /** Bytes of item lists kept serialised by their ETag (platform/representation-cache.ts); 0: none. */
  readCacheBytes = 0,
): Promise<void> {
  const bodies = new RepresentationCache(readCacheBytes);
  app.get(
    '/api/v1/catalogs',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        operationId: 'listCatalogs',
        response: { 200: Type.Object({ items: Type.Array(CatalogSummary) }) },
      },
    },
    async () => ({ items: (await catalogs.list()).map(summary) }),
  );

  app.get(
    '/api/v1/catalogs/:catalogId',
    {
      config: { permission: 'public', ids: { params: { catalogId: 'external' } } },
      schema: {
        tags,
        operationId: 'getCatalog',
        summary: 'The full tree (chapters, articles, clauses, sub-items), checklist and scope notes',
        params: CatalogParams,
        response: { 200: CatalogDetail, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { row, document } = await catalogs.get(request.params.catalogId);
      return {
        ...summary(row),
        source: document.source,
        chapters: document.chapters,
        checklist: document.checklist as Static<typeof CatalogItemSchema>[],
        scopeNotes: document.scopeNotes,
      };
    },
  );

  app.get(
    '/api/v1/catalogs/:catalogId/items',
    {
      config: { permission: 'public', ids: { params: { catalogId: 'external' } } },
      schema: {
        tags,
        operationId: 'listCatalogItems',
        params: CatalogParams,
        querystring: Type.Object({
          tag: Type.Optional(literalUnion(TAGS)),
          chapter: Type.Optional(Type.Integer({ minimum: 1 })),
          role: Type.Optional(literalUnion(['cloud-user', 'cloud-provider'] as const)),
          q: Type.Optional(Type.String({ maxLength: 200, description: 'matches zh-TW and English text' })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(CatalogItemSchema) }),
          304: Type.Null({ description: 'Not modified: the ETag sent in If-None-Match is current' }),
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      // A catalog version never changes: its content hash and the query name the answer exactly.
      const { row } = await catalogs.get(request.params.catalogId);
      const tag = `W/"${createHash('sha256')
        .update(JSON.stringify([row.content_hash, request.query, APP_VERSION]))
        .digest('base64url')
        .slice(0, 27)}"`;
      reply.header('etag', tag).header('cache-control', 'public, no-cache');
      if (ifNoneMatch(request.headers['if-none-match'], tag)) return sendNotModified(reply);
      const held = bodies.get(tag);
      if (held) return sendSerialised(reply, held);
      const items = await catalogs.itemsOf(row, request.query);
      const bytes = Buffer.from(
        reply.serialize({ items: items as Static<typeof CatalogItemSchema>[] }) as string,
      );
      bodies.set(tag, bytes);
      return sendSerialised(reply, bytes);
    },
  );

  app.get(
    '/api/v1/catalogs/:catalogId/oscal',
    {
      config: { permission: 'public', ids: { params: { catalogId: 'external' } } },
      schema: {
        tags,
        operationId: 'exportCatalogOscal',
        summary: 'The catalog as an OSCAL 1.0.6 catalog (articles and checklist items as controls)',
        params: CatalogParams,
        response: { 200: Type.Unsafe<unknown>({ type: 'object' }), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { row, document } = await catalogs.get(request.params.catalogId);
      reply.header('content-type', 'application/oscal.catalog+json; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="${row.urn.replace(/[^A-Za-z0-9.-]/g, '_')}_${row.version}.oscal.json"`,
      );
      return JSON.stringify(toOscalCatalog(document), null, 2);
    },
  );
}
