import { randomUUID } from 'node:crypto';
import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../assessments/assessments.ports.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CatalogService } from '../catalog/catalog.service.js';
import { isValidBusinessId } from '../identity/business-id.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import { todayInTaipei } from '../providers/domain/calendar-date.js';
import type { AggregateCache } from './aggregate-cache.js';
import type {
  AssociationMemberRow,
  CampaignRow,
  CampaignsRepository,
  ParticipantRow,
} from './campaigns.repository.js';
import { publishAggregates, type SegmentFigures } from './domain/aggregates.js';
import { participantStatus } from './domain/participant-status.js';
import { preparedFigures } from './domain/peer-figures.js';
import { effectiveK, type SizeBand } from './domain/suppression.js';

export interface CreateCampaignInput {
  name: string;
  period: string;
  catalogRef: string;
  deadline: string;
  kThreshold?: number;
  requestExplanations?: boolean;
  memberIds: string[];
}

const now = () => new Date().toISOString();

/**
 * The association's side: members by invitation, campaigns, the progress board and the anonymised figures.
 * Nothing here returns a member's answers: the board carries status and times, the aggregates go through the
 * suppression plan, and shared items are only those the member chose to share.
 */
export class AssociationService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: CampaignsRepository,
    private readonly identity: IdentityRepository,
    private readonly catalogs: Pick<CatalogService, 'resolve'>,
    private readonly audit: AuditService,
    private readonly cache: AggregateCache,
  ) {}

  private async ensureAssociation(orgId: string): Promise<void> {
    const org = await this.identity.findOrganization(orgId);
    if (org?.industry !== 'association') throw new AppError(409, 'NOT_AN_ASSOCIATION');
  }

  listMembers(orgId: string): Promise<AssociationMemberRow[]> {
    return this.repo.listMembers(this.tenants.scope(orgId));
  }

  async inviteMember(actor: Actor, input: { businessId: string; sizeBand?: SizeBand | null }) {
    if (!isValidBusinessId(input.businessId)) throw new AppError(422, 'BUSINESS_ID_INVALID');
    await this.ensureAssociation(actor.orgId);
    return this.tenants.transaction(actor.orgId, async (t) => {
      if (await this.repo.openMemberFor(t, input.businessId))
        throw new AppError(409, 'ASSOCIATION_MEMBER_ALREADY_INVITED');
      const row: AssociationMemberRow = {
        id: randomUUID(),
        org_id: actor.orgId,
        member_business_id: input.businessId,
        member_org_id: null,
        member_name: null,
        member_industry: null,
        size_band: input.sizeBand ?? null,
        status: 'invited',
        invited_by: actor.userId,
        invited_at: now(),
        decided_by: null,
        decided_at: null,
        left_at: null,
        version: 1,
      };
      await this.repo.insertMember(t, row);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'association.member.invite',
        targetType: 'association_member',
        targetId: row.id,
        after: { businessId: row.member_business_id, sizeBand: row.size_band },
      });
      return row;
    });
  }

  /** The association's own classification of a member, for segments; a stale version is 409. */
  async updateMember(
    actor: Actor,
    memberId: string,
    input: { version: number; sizeBand: SizeBand | null; revoke?: boolean },
  ): Promise<AssociationMemberRow> {
    const updated = await this.tenants.transaction(actor.orgId, async (t) => {
      const before = await this.repo.findMember(t, memberId);
      if (!before) throw new AppError(404, 'ASSOCIATION_MEMBER_NOT_FOUND');
      const patch: Partial<AssociationMemberRow> = { size_band: input.sizeBand };
      if (input.revoke) {
        if (before.status !== 'invited') throw new AppError(409, 'ASSOCIATION_MEMBERSHIP_STATE');
        patch.status = 'revoked';
      }
      if (!(await this.repo.updateMember(t, memberId, { version: input.version }, patch))) return null;
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: input.revoke ? 'association.member.revoke' : 'association.member.update',
        targetType: 'association_member',
        targetId: memberId,
        before: { sizeBand: before.size_band, status: before.status },
        after: { sizeBand: input.sizeBand, status: patch.status ?? before.status },
      });
      return (await this.repo.findMember(t, memberId))!;
    });
    if (updated) return updated;
    const current = await this.repo.findMember(this.tenants.scope(actor.orgId), memberId);
    throw new AppError(409, 'VERSION_CONFLICT', current);
  }

  listCampaigns(orgId: string): Promise<CampaignRow[]> {
    return this.repo.listCampaigns(this.tenants.scope(orgId));
  }

  async getCampaign(orgId: string, campaignId: string): Promise<CampaignRow> {
    const campaign = await this.repo.findCampaign(this.tenants.scope(orgId), campaignId);
    if (!campaign) throw new AppError(404, 'CAMPAIGN_NOT_FOUND');
    return campaign;
  }

  async createCampaign(actor: Actor, input: CreateCampaignInput): Promise<CampaignRow> {
    await this.ensureAssociation(actor.orgId);
    const catalog = await this.catalogs.resolve(input.catalogRef);
    if (!catalog) throw new AppError(404, 'CATALOG_NOT_FOUND_FOR_ASSESSMENT');
    return this.tenants.transaction(actor.orgId, async (t) => {
      const members = new Map((await this.repo.listMembers(t)).map((m) => [m.id, m]));
      const invited: AssociationMemberRow[] = [];
      for (const id of new Set(input.memberIds)) {
        const member = members.get(id);
        if (member?.status !== 'active' || !member.member_org_id)
          throw new AppError(422, 'ASSOCIATION_MEMBER_NOT_ACTIVE');
        invited.push(member);
      }
      const created = now();
      const campaign: CampaignRow = {
        id: randomUUID(),
        org_id: actor.orgId,
        catalog_id: catalog.catalogId,
        name: input.name,
        period: input.period,
        deadline: input.deadline,
        k_threshold: effectiveK(input.kThreshold),
        request_explanations: input.requestExplanations ? 1 : 0,
        created_by: actor.userId,
        created_at: created,
        version: 1,
      };
      const participants: ParticipantRow[] = invited.map((m) => ({
        id: randomUUID(),
        org_id: actor.orgId,
        campaign_id: campaign.id,
        member_id: m.id,
        member_org_id: m.member_org_id!,
        assessment_id: null,
        started_at: null,
        last_reminded_at: null,
        created_at: created,
      }));
      await this.repo.insertCampaign(t, campaign, participants);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: campaign.id,
        after: {
          name: campaign.name,
          period: campaign.period,
          deadline: campaign.deadline,
          k: campaign.k_threshold,
          requestExplanations: campaign.request_explanations === 1,
          members: participants.length,
        },
      });
      return campaign;
    });
  }

  /** Not started, in progress, submitted or late, per member; no answers. */
  async board(orgId: string, campaignId: string, today = todayInTaipei()) {
    const campaign = await this.getCampaign(orgId, campaignId);
    const rows = await this.repo.board(this.tenants.scope(orgId), campaignId);
    return {
      campaign,
      members: rows.map((r) => ({
        ...r,
        status: participantStatus(
          { startedAt: r.started_at, submittedAt: r.submitted_at },
          campaign.deadline,
          today,
        ),
      })),
    };
  }

  async aggregates(
    orgId: string,
    campaignId: string,
  ): Promise<{ campaign: CampaignRow; k: number; segments: SegmentFigures[] }> {
    const campaign = await this.getCampaign(orgId, campaignId);
    const { base, plan, prepared } = await this.cache.get(campaign);
    const segments = publishAggregates(base, plan, (segment) => preparedFigures(prepared, segment));
    return { campaign, k: plan.k, segments };
  }

  async sharedItems(orgId: string, campaignId: string) {
    await this.getCampaign(orgId, campaignId);
    return this.repo.sharedItems(this.tenants.scope(orgId), campaignId);
  }
}
