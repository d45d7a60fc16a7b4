import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant } from '../../db/tenancy/tenant-scope.js';
import type { CampaignRow, ParticipationRow, ResponseRow } from './campaigns.repository.js';

/** What a member's benchmark view needs besides the campaign's figures, read in one round trip. */
export interface BenchmarkContext {
  participation: ParticipationRow;
  /** What the aggregate cache needs of the campaign. */
  campaign: Pick<CampaignRow, 'id' | 'org_id' | 'k_threshold'>;
  /** The firm's segment as the association classifies it (used while the firm has not submitted). */
  member: { industry: string | null; sizeBand: string | null };
  response: ResponseRow | null;
  /** The campaign's figures version, as `CampaignsRepository.signature` gives it. */
  signature: string;
}

/** The signature's form (how many responses, the latest submission): it changes with each new response. */
export const figuresSignature = (n: number | string | bigint, latest: string | null | undefined) =>
  `${Number(n)}|${latest ?? ''}`;

/**
 * The member firm's benchmark view in one query: its participation (found by the firm, as
 * `participationsOfFirm` does), the campaign's k, the association's classification of the member, the current
 * sealed response, and the campaign's figures signature. Before, these were six round trips.
 */
export class BenchmarkViewRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async context(orgId: string, participantId: string): Promise<BenchmarkContext | undefined> {
    const row = await crossTenant(
      this.db,
      "a firm's own participation, current response and its campaign's figures version, for its benchmark",
    )
      .selectFrom('campaign_participant as p')
      .innerJoin('campaign as c', (j) =>
        j.onRef('c.id', '=', 'p.campaign_id').onRef('c.org_id', '=', 'p.org_id'),
      )
      .innerJoin('organization as a', 'a.id', 'p.org_id')
      .leftJoin('association_member as m', (j) =>
        j.onRef('m.id', '=', 'p.member_id').onRef('m.org_id', '=', 'p.org_id'),
      )
      .leftJoin('campaign_response as r', (j) =>
        j
          .onRef('r.org_id', '=', 'p.org_id')
          .onRef('r.participant_id', '=', 'p.id')
          .on('r.superseded_at', 'is', null),
      )
      .selectAll('p')
      .select((eb) => [
        'a.name as association_name',
        'c.name as campaign_name',
        'c.period',
        'c.deadline',
        'c.catalog_id',
        'c.request_explanations',
        'c.k_threshold',
        'm.member_industry',
        'm.size_band as member_size_band',
        'r.id as r_id',
        'r.campaign_id as r_campaign_id',
        'r.version as r_version',
        'r.assessment_id as r_assessment_id',
        'r.fingerprint as r_fingerprint',
        'r.fingerprint_algorithm as r_fingerprint_algorithm',
        'r.industry as r_industry',
        'r.size_band as r_size_band',
        'r.submitted_by as r_submitted_by',
        'r.submitted_at as r_submitted_at',
        'r.superseded_at as r_superseded_at',
        eb
          .selectFrom('campaign_response as s')
          .select((s) => s.fn.countAll<number>().as('n'))
          .whereRef('s.org_id', '=', 'p.org_id')
          .whereRef('s.campaign_id', '=', 'p.campaign_id')
          .as('signature_n'),
        eb
          .selectFrom('campaign_response as s')
          .select((s) => s.fn.max('s.submitted_at').as('latest'))
          .whereRef('s.org_id', '=', 'p.org_id')
          .whereRef('s.campaign_id', '=', 'p.campaign_id')
          .as('signature_latest'),
      ])
      .where('p.member_org_id', '=', orgId)
      .where('p.id', '=', participantId)
      .executeTakeFirst();
    if (!row) return undefined;
    const response: ResponseRow | null = row.r_id
      ? {
          id: row.r_id,
          org_id: row.org_id,
          campaign_id: row.r_campaign_id!,
          participant_id: row.id,
          version: row.r_version!,
          assessment_id: row.r_assessment_id!,
          fingerprint: row.r_fingerprint!,
          fingerprint_algorithm: row.r_fingerprint_algorithm!,
          industry: row.r_industry!,
          size_band: row.r_size_band!,
          submitted_by: row.r_submitted_by!,
          submitted_at: row.r_submitted_at!,
          superseded_at: row.r_superseded_at ?? null,
        }
      : null;
    const participation: ParticipationRow = {
      id: row.id,
      org_id: row.org_id,
      campaign_id: row.campaign_id,
      member_id: row.member_id,
      member_org_id: row.member_org_id,
      assessment_id: row.assessment_id,
      started_at: row.started_at,
      last_reminded_at: row.last_reminded_at,
      created_at: row.created_at,
      association_name: row.association_name,
      campaign_name: row.campaign_name,
      period: row.period,
      deadline: row.deadline,
      catalog_id: row.catalog_id,
      request_explanations: row.request_explanations,
      submitted_at: response?.submitted_at ?? null,
      version: response?.version ?? null,
    };
    return {
      participation,
      campaign: { id: row.campaign_id, org_id: row.org_id, k_threshold: row.k_threshold },
      member: { industry: row.member_industry, sizeBand: row.member_size_band },
      response,
      signature: figuresSignature(row.signature_n ?? 0, row.signature_latest as string | null),
    };
  }
}
