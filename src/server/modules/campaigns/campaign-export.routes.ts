import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { type Locale, localeFromHeader } from '../../platform/i18n.js';
import { errorResponses } from '../../platform/schemas.js';
import { attachmentDisposition } from '../evidence/content-disposition.js';
import type { CampaignServices } from './campaigns.module.js';
import { CampaignParams, ParticipationParams } from './campaigns.schemas.js';

/** The writers (exceljs, pdfkit) load with the first export, not at start. */
const writers = () => import('./campaign-exports.js');

const errors = errorResponses(400, 401, 403, 404, 409);
const tags = ['campaigns'];
const Binary = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
const LangQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('zh-TW'), Type.Literal('en')])),
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function send(reply: FastifyReply, body: Buffer, type: string, filename: string) {
  reply.header('content-type', type);
  reply.header('content-disposition', attachmentDisposition(filename));
  reply.header('cache-control', 'private, no-store');
  return reply.send(body);
}

/** Campaign status and aggregates for the association (XLSX, PDF with charts); the member's benchmark PDF. */
export async function campaignExportRoutes(
  app: App,
  { association, participation }: CampaignServices,
): Promise<void> {
  const locale = (lang: Locale | undefined, header: string | undefined) => lang ?? localeFromHeader(header);
  const campaignRoute = (suffix: string, operationId: string, summary: string) => ({
    url: `/api/v1/orgs/:orgId/campaigns/:campaignId/${suffix}`,
    options: {
      config: { permission: 'campaign:read' as const, ids: { params: { campaignId: 'campaign' as const } } },
      schema: {
        tags,
        operationId,
        summary,
        params: CampaignParams,
        querystring: LangQuery,
        response: { 200: Binary, ...errors },
      },
    },
  });

  const status = campaignRoute('status.xlsx', 'exportCampaignStatusXlsx', 'Each member’s status as XLSX');
  app.get(status.url, status.options, async (request, reply) => {
    const { campaign, members } = await association.board(request.params.orgId, request.params.campaignId);
    const lang = locale(request.query.lang, request.headers['accept-language']);
    return send(
      reply,
      await (await writers()).statusXlsx(campaign, members, lang),
      XLSX,
      `campaign-status-${campaign.period}.xlsx`,
    );
  });

  const xlsx = campaignRoute(
    'aggregates.xlsx',
    'exportCampaignAggregatesXlsx',
    'Anonymised aggregates as XLSX',
  );
  app.get(xlsx.url, xlsx.options, async (request, reply) => {
    const { campaign, k, segments } = await association.aggregates(
      request.params.orgId,
      request.params.campaignId,
    );
    const lang = locale(request.query.lang, request.headers['accept-language']);
    return send(
      reply,
      await (await writers()).aggregatesXlsx(campaign, k, segments, lang),
      XLSX,
      `campaign-aggregates-${campaign.period}.xlsx`,
    );
  });

  const pdf = campaignRoute(
    'aggregates.pdf',
    'exportCampaignAggregatesPdf',
    'Anonymised aggregates as a PDF report with charts',
  );
  app.get(pdf.url, pdf.options, async (request, reply) => {
    const { campaign, k, segments } = await association.aggregates(
      request.params.orgId,
      request.params.campaignId,
    );
    const lang = locale(request.query.lang, request.headers['accept-language']);
    return send(
      reply,
      await (await writers()).aggregatesPdf(campaign, k, segments, lang),
      'application/pdf',
      `campaign-aggregates-${campaign.period}.pdf`,
    );
  });

  app.get(
    '/api/v1/orgs/:orgId/participations/:participationId/benchmark.pdf',
    {
      config: { permission: 'campaign:read', ids: { params: { participationId: 'participation' } } },
      schema: {
        tags,
        operationId: 'exportCampaignBenchmarkPdf',
        summary: 'The firm’s benchmark as PDF (zh-TW by default), stating the method',
        params: ParticipationParams,
        querystring: LangQuery,
        response: { 200: Binary, ...errors },
      },
    },
    async (request, reply) => {
      const { participation: p, benchmark } = await participation.benchmark(
        request.params.orgId,
        request.params.participationId,
      );
      const lang = request.query.lang ?? 'zh-TW';
      const title = `${p.association_name} ${p.campaign_name} ${p.period} ${lang === 'zh-TW' ? '同業比較' : 'benchmark'}`;
      return send(
        reply,
        await (await writers()).benchmarkPdf(title, benchmark, lang),
        'application/pdf',
        `benchmark-${p.period}.pdf`,
      );
    },
  );
}
