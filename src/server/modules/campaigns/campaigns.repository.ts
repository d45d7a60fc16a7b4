import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { crossTenant, type TenantScope } from '../../db/tenancy/tenant-scope.js';
import { BenchmarkViewRepository, figuresSignature } from './benchmark-view.repository.js';
import {
  CampaignFiguresRepository,
  toAtomItemCount,
  toFirmChapterCounts,
} from './campaign-figures.repository.js';
import type {
  AssociationMemberTable,
  CampaignParticipantTable,
  CampaignResponseItemTable,
  CampaignResponseTable,
  CampaignTable,
} from './campaigns.tables.js';
import type { AtomItemCount, FirmChapterCounts } from './domain/aggregates.js';
import type { ResponseResult } from './domain/distribution.js';
import type { Atom } from './domain/suppression.js';

export type AssociationMemberRow = Selectable<AssociationMemberTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type ParticipantRow = Selectable<CampaignParticipantTable>;
export type ResponseRow = Selectable<CampaignResponseTable>;
export type ResponseItemRow = Selectable<CampaignResponseItemTable>;

export interface BoardRow {
  participant_id: string;
  member_id: string;
  member_name: string | null;
  member_industry: string | null;
  size_band: string | null;
  started_at: string | null;
  submitted_at: string | null;
  version: number | null;
}

export interface ParticipationRow extends ParticipantRow {
  association_name: string;
  campaign_name: string;
  period: string;
  deadline: string;
  catalog_id: string;
  request_explanations: number;
  submitted_at: string | null;
  version: number | null;
}

/** Kysely queries for associations and campaigns; the association's tables through its scope. */
export class CampaignsRepository {
  readonly figures = new CampaignFiguresRepository();
  readonly views: BenchmarkViewRepository;

  constructor(private readonly db: Kysely<Database>) {
    this.views = new BenchmarkViewRepository(db);
  }

  // ── the association's side ──

  listMembers(t: TenantScope): Promise<AssociationMemberRow[]> {
    return t.db.selectFrom('association_member').selectAll().orderBy('invited_at').orderBy('id').execute();
  }

  findMember(t: TenantScope, id: string): Promise<AssociationMemberRow | undefined> {
    return t.db.selectFrom('association_member').selectAll().where('id', '=', id).executeTakeFirst();
  }

  openMemberFor(t: TenantScope, businessId: string): Promise<AssociationMemberRow | undefined> {
    return t.db
      .selectFrom('association_member')
      .selectAll()
      .where('member_business_id', '=', businessId)
      .where('status', 'in', ['invited', 'active'])
      .executeTakeFirst();
  }

  async insertMember(t: TenantScope, row: AssociationMemberRow): Promise<void> {
    await t.db.insertInto('association_member').values(row).execute();
  }

  /** Optimistic update: false when the row moved on (version) or is no longer in `fromStatus`. */
  async updateMember(
    t: TenantScope,
    id: string,
    expected: { version: number; status?: string[] },
    patch: Partial<AssociationMemberRow>,
  ): Promise<boolean> {
    let query = t.db
      .updateTable('association_member')
      .set({ ...patch, version: expected.version + 1 })
      .where('id', '=', id)
      .where('version', '=', expected.version);
    if (expected.status) query = query.where('status', 'in', expected.status);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  listCampaigns(t: TenantScope): Promise<CampaignRow[]> {
    return t.db.selectFrom('campaign').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
  }

  findCampaign(t: TenantScope, id: string): Promise<CampaignRow | undefined> {
    return t.db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertCampaign(t: TenantScope, row: CampaignRow, participants: ParticipantRow[]): Promise<void> {
    await t.db.insertInto('campaign').values(row).execute();
    if (participants.length) await t.db.insertInto('campaign_participant').values(participants).execute();
  }

  /** The progress board: each participant with its current response's time and version, no answers. */
  board(t: TenantScope, campaignId: string): Promise<BoardRow[]> {
    return t.db
      .selectFrom('campaign_participant as p')
      .innerJoin('association_member as m', 'm.id', 'p.member_id')
      .leftJoin('campaign_response as r', (j) =>
        j.onRef('r.participant_id', '=', 'p.id').on('r.superseded_at', 'is', null),
      )
      .select([
        'p.id as participant_id',
        'p.member_id',
        'm.member_name',
        'm.member_industry',
        'm.size_band',
        'p.started_at',
        'r.submitted_at',
        'r.version',
      ])
      .where('p.campaign_id', '=', campaignId)
      .orderBy('m.member_name')
      .orderBy('p.id')
      .execute();
  }

  participants(t: TenantScope, campaignId: string): Promise<ParticipantRow[]> {
    return t.db
      .selectFrom('campaign_participant')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .execute();
  }

  /**
   * Claims a participant's reminder for the day: sets `last_reminded_at` unless it is already at or after
   * `dayStart` (the instant the calendar day began in Taipei). False when another request claimed it.
   */
  async claimReminder(t: TenantScope, id: string, at: string, dayStart: string): Promise<boolean> {
    const result = await t.db
      .updateTable('campaign_participant')
      .set({ last_reminded_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_reminded_at', 'is', null), eb('last_reminded_at', '<', dayStart)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives a claim back (the reminder could not be queued), so a later request can send it. */
  async releaseReminder(t: TenantScope, id: string, at: string, previous: string | null): Promise<void> {
    await t.db
      .updateTable('campaign_participant')
      .set({ last_reminded_at: previous })
      .where('id', '=', id)
      .where('last_reminded_at', '=', at)
      .execute();
  }

  // ── aggregates: SQL groups over one campaign's current responses ──

  async atoms(t: TenantScope, campaignId: string): Promise<Atom[]> {
    const rows = await t.db
      .selectFrom('campaign_response')
      .select(['industry', 'size_band', (eb) => eb.fn.countAll<number>().as('firms')])
      .where('campaign_id', '=', campaignId)
      .where('superseded_at', 'is', null)
      .groupBy(['industry', 'size_band'])
      .execute();
    return rows.map((r) => ({ industry: r.industry, sizeBand: r.size_band, firms: Number(r.firms) }));
  }

  /** A cheap signature of the current responses, to know when cached figures are stale. */
  async signature(t: TenantScope, campaignId: string): Promise<string> {
    const row = await t.db
      .selectFrom('campaign_response')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('submitted_at').as('latest')])
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    return figuresSignature(row.n, row.latest);
  }

  /** The item groups from the sealed answers (the reference for the kept tallies; see campaign-figures). */
  async itemCountsFromAnswers(t: TenantScope, campaignId: string): Promise<AtomItemCount[]> {
    const rows = await t.db
      .selectFrom('campaign_response as r')
      .innerJoin('campaign_response_item as i', (j) =>
        j.onRef('i.response_id', '=', 'r.id').onRef('i.campaign_id', '=', 'r.campaign_id'),
      )
      .select([
        'r.industry',
        'r.size_band',
        'i.item_id',
        'i.chapter',
        'i.result',
        (eb) => eb.fn.countAll<number>().as('firms'),
      ])
      .where('r.campaign_id', '=', campaignId)
      .where('r.superseded_at', 'is', null)
      .groupBy(['r.industry', 'r.size_band', 'i.item_id', 'i.chapter', 'i.result'])
      .execute();
    return rows.map(toAtomItemCount);
  }

  /** Per response and chapter: result counts (the rows stay in the server; see FirmChapterCounts). */
  async firmChaptersFromAnswers(t: TenantScope, campaignId: string): Promise<FirmChapterCounts[]> {
    const count = (result: ResponseResult) =>
      sql<number>`sum(case when ${sql.ref('i.result')} = ${result} then 1 else 0 end)`;
    const rows = await t.db
      .selectFrom('campaign_response as r')
      .innerJoin('campaign_response_item as i', (j) =>
        j.onRef('i.response_id', '=', 'r.id').onRef('i.campaign_id', '=', 'r.campaign_id'),
      )
      .select([
        'r.id',
        'r.industry',
        'r.size_band',
        'i.chapter',
        count('compliant').as('compliant'),
        count('partially_compliant').as('partially_compliant'),
        count('non_compliant').as('non_compliant'),
        count('not_applicable').as('not_applicable'),
      ])
      .where('r.campaign_id', '=', campaignId)
      .where('r.superseded_at', 'is', null)
      .groupBy(['r.id', 'r.industry', 'r.size_band', 'i.chapter'])
      .execute();
    return rows.map(toFirmChapterCounts);
  }

  // ── responses ──

  currentResponse(t: TenantScope, participantId: string): Promise<ResponseRow | undefined> {
    return t.db
      .selectFrom('campaign_response')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
  }

  listResponses(t: TenantScope, participantId: string): Promise<ResponseRow[]> {
    return t.db
      .selectFrom('campaign_response')
      .selectAll()
      .where('participant_id', '=', participantId)
      .orderBy('version')
      .execute();
  }

  responseItems(t: TenantScope, responseId: string): Promise<ResponseItemRow[]> {
    return t.db
      .selectFrom('campaign_response_item')
      .selectAll()
      .where('response_id', '=', responseId)
      .orderBy('chapter')
      .orderBy('item_id')
      .execute();
  }

  /** Items a member chose to share, with the member they came from, for the association. */
  sharedItems(t: TenantScope, campaignId: string) {
    return t.db
      .selectFrom('campaign_response_item as i')
      .innerJoin('campaign_response as r', 'r.id', 'i.response_id')
      .innerJoin('campaign_participant as p', 'p.id', 'r.participant_id')
      .innerJoin('association_member as m', 'm.id', 'p.member_id')
      .select([
        'm.member_name',
        'r.version',
        'i.item_id',
        'i.result',
        'i.shared_explanation',
        'i.shared_compensating_control',
      ])
      .where('r.campaign_id', '=', campaignId)
      .where('r.superseded_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb('i.shared_explanation', 'is not', null),
          eb('i.shared_compensating_control', 'is not', null),
        ]),
      )
      .orderBy('m.member_name')
      .orderBy('i.item_id')
      .execute();
  }

  /** Inserts version n + 1 and only then retires the earlier version; the items are never updated. */
  async insertResponse(t: TenantScope, row: ResponseRow, items: ResponseItemRow[]): Promise<void> {
    const previous = await this.currentResponse(t, row.participant_id);
    await t.db
      .updateTable('campaign_response')
      .set({ superseded_at: row.submitted_at })
      .where('participant_id', '=', row.participant_id)
      .where('superseded_at', 'is', null)
      .execute();
    await t.db.insertInto('campaign_response').values(row).execute();
    for (let i = 0; i < items.length; i += 200)
      await t.db
        .insertInto('campaign_response_item')
        .values(items.slice(i, i + 200))
        .execute();
    await this.figures.recordResponse(t, row, items, previous);
  }

  findParticipant(t: TenantScope, id: string): Promise<ParticipantRow | undefined> {
    return t.db.selectFrom('campaign_participant').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async markStarted(t: TenantScope, id: string, assessmentId: string, at: string): Promise<boolean> {
    const result = await t.db
      .updateTable('campaign_participant')
      .set({ assessment_id: assessmentId, started_at: at })
      .where('id', '=', id)
      .where('assessment_id', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // ── the member firm's side: rows of associations addressed to the firm, found by the firm ──

  /** Open invitations to a firm's 統一編號 and its active memberships, with each association's name. */
  membershipsOfFirm(orgId: string, businessId: string | null) {
    return crossTenant(
      this.db,
      "the association invitations and memberships addressed to a firm's own organisation",
    )
      .selectFrom('association_member as m')
      .innerJoin('organization as a', 'a.id', 'm.org_id')
      .selectAll('m')
      .select('a.name as association_name')
      .where((eb) =>
        eb.or([
          eb.and([eb('m.member_org_id', '=', orgId), eb('m.status', '=', 'active')]),
          ...(businessId
            ? [eb.and([eb('m.member_business_id', '=', businessId), eb('m.status', '=', 'invited')])]
            : []),
        ]),
      )
      .orderBy('m.invited_at')
      .execute();
  }

  /** The campaigns a firm takes part in, with its current response's time and version. */
  participationsOfFirm(orgId: string, participantId?: string): Promise<ParticipationRow[]> {
    let query = crossTenant(this.db, "a firm's own participations in associations' campaigns")
      .selectFrom('campaign_participant as p')
      .innerJoin('campaign as c', (j) =>
        j.onRef('c.id', '=', 'p.campaign_id').onRef('c.org_id', '=', 'p.org_id'),
      )
      .innerJoin('organization as a', 'a.id', 'p.org_id')
      .leftJoin('campaign_response as r', (j) =>
        j
          .onRef('r.org_id', '=', 'p.org_id')
          .onRef('r.participant_id', '=', 'p.id')
          .on('r.superseded_at', 'is', null),
      )
      .selectAll('p')
      .select([
        'a.name as association_name',
        'c.name as campaign_name',
        'c.period',
        'c.deadline',
        'c.catalog_id',
        'c.request_explanations',
        'r.submitted_at',
        'r.version',
      ])
      .where('p.member_org_id', '=', orgId);
    if (participantId) query = query.where('p.id', '=', participantId);
    return query.orderBy('p.created_at', 'desc').orderBy('p.id').execute();
  }
}
