import { randomUUID } from 'node:crypto';
import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { AssessmentServices } from '../assessments/assessments.module.js';
import type { Actor } from '../assessments/assessments.ports.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import type { AggregateCache } from './aggregate-cache.js';
import type {
  CampaignsRepository,
  ParticipationRow,
  ResponseItemRow,
  ResponseRow,
} from './campaigns.repository.js';
import { memberBenchmark } from './domain/benchmark.js';
import type { ResponseResult } from './domain/distribution.js';
import { UNASSIGNED_BAND } from './domain/suppression.js';

const now = () => new Date().toISOString();

/**
 * The member firm's side: accepting, declining and leaving associations, starting a campaign assessment in
 * its own organisation, submitting sealed responses and reading its benchmark. The association's rows are
 * reached only after the id access layer has confirmed they are addressed to this firm; writes to them run in
 * the association's own scope.
 */
export class ParticipationService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: CampaignsRepository,
    private readonly identity: IdentityRepository,
    private readonly assessments: Pick<AssessmentServices, 'lifecycle' | 'insights'>,
    private readonly audit: AuditService,
    private readonly cache: AggregateCache,
  ) {}

  async memberships(orgId: string) {
    const org = await this.identity.findOrganization(orgId);
    return this.repo.membershipsOfFirm(orgId, org?.business_id ?? null);
  }

  private async membership(orgId: string, membershipId: string) {
    const row = (await this.memberships(orgId)).find((m) => m.id === membershipId);
    if (!row) throw new AppError(404, 'ASSOCIATION_MEMBERSHIP_NOT_FOUND');
    return row;
  }

  /** Accept, decline (an open invitation) or leave (an active membership). */
  async decide(actor: Actor, membershipId: string, decision: 'accept' | 'decline' | 'leave') {
    const row = await this.membership(actor.orgId, membershipId);
    const org = (await this.identity.findOrganization(actor.orgId))!;
    const from = decision === 'leave' ? 'active' : 'invited';
    if (row.status !== from) throw new AppError(409, 'ASSOCIATION_MEMBERSHIP_STATE');
    const at = now();
    const patch =
      decision === 'accept'
        ? { status: 'active', member_org_id: org.id, member_name: org.name, member_industry: org.industry }
        : decision === 'decline'
          ? { status: 'declined' }
          : { status: 'left', left_at: at };
    await this.tenants.transaction(row.org_id, async (t) => {
      const moved = await this.repo.updateMember(
        t,
        row.id,
        { version: row.version, status: [from] },
        { ...patch, ...(decision === 'leave' ? {} : { decided_by: actor.userId, decided_at: at }) },
      );
      if (!moved) throw new AppError(409, 'ASSOCIATION_MEMBERSHIP_STATE');
      for (const chain of [actor.orgId, row.org_id])
        await this.audit.record(t.db, {
          orgId: chain,
          actorUserId: actor.userId,
          action: `association.member.${decision}`,
          targetType: 'association_member',
          targetId: row.id,
          after: { association: row.org_id, member: actor.orgId, status: patch.status },
        });
    });
    return this.membership(actor.orgId, membershipId).catch(() => ({ ...row, ...patch }));
  }

  participations(orgId: string): Promise<ParticipationRow[]> {
    return this.repo.participationsOfFirm(orgId);
  }

  async participation(orgId: string, participantId: string): Promise<ParticipationRow> {
    const [row] = await this.repo.participationsOfFirm(orgId, participantId);
    if (!row) throw new AppError(404, 'CAMPAIGN_PARTICIPATION_NOT_FOUND');
    return row;
  }

  /** Creates the campaign assessment in the firm's own organisation, optionally from an approved one. */
  async start(actor: Actor, participantId: string, input: { carryForwardFromId?: string }) {
    const p = await this.participation(actor.orgId, participantId);
    if (p.assessment_id) throw new AppError(409, 'CAMPAIGN_ALREADY_STARTED');
    const assessment = await this.assessments.lifecycle.create(actor, {
      catalogRef: p.catalog_id,
      name: `${p.association_name} ${p.campaign_name}`.slice(0, 200),
      period: p.period,
      dueDate: p.deadline,
      ...(input.carryForwardFromId ? { carryForwardFrom: input.carryForwardFromId } : {}),
    });
    const started = await this.tenants.transaction(p.org_id, async (t) => {
      if (!(await this.repo.markStarted(t, p.id, assessment.id, now()))) return false;
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'campaign.start',
        targetType: 'assessment',
        targetId: assessment.id,
        after: {
          association: p.org_id,
          campaign: p.campaign_id,
          carriedFrom: input.carryForwardFromId ?? null,
        },
      });
      return true;
    });
    if (!started) throw new AppError(409, 'CAMPAIGN_ALREADY_STARTED');
    return this.participation(actor.orgId, participantId);
  }

  /**
   * Seals an approved assessment into a new response version: its fingerprint and each item's result, plus
   * an explanation and compensating control only for the items the firm chose to share (and only when the
   * campaign asked). Earlier versions stay as they were.
   */
  async submit(
    actor: Actor,
    participantId: string,
    input: { assessmentId: string; shareItemIds?: string[] },
  ) {
    const p = await this.participation(actor.orgId, participantId);
    const share = new Set(input.shareItemIds ?? []);
    if (share.size && !p.request_explanations) throw new AppError(422, 'CAMPAIGN_SHARING_NOT_REQUESTED');
    const { assessment, items } = await this.assessments.insights.load(actor.orgId, input.assessmentId);
    if (assessment.state !== 'approved' || !assessment.fingerprint)
      throw new AppError(409, 'CAMPAIGN_ASSESSMENT_NOT_APPROVED');
    if (assessment.catalog_id !== p.catalog_id) throw new AppError(422, 'CAMPAIGN_CATALOG_MISMATCH');
    const itemIds = new Set(items.map((e) => e.item.item_id));
    if ([...share].some((id) => !itemIds.has(id))) throw new AppError(422, 'CAMPAIGN_UNKNOWN_ITEM');
    const member = await this.memberOf(p);
    const submittedAt = now();
    return this.tenants.transaction(p.org_id, async (t) => {
      const previous = await this.repo.listResponses(t, p.id);
      const response: ResponseRow = {
        id: randomUUID(),
        org_id: p.org_id,
        campaign_id: p.campaign_id,
        participant_id: p.id,
        version: (previous.at(-1)?.version ?? 0) + 1,
        assessment_id: assessment.id,
        fingerprint: assessment.fingerprint!,
        fingerprint_algorithm: assessment.fingerprint_algorithm ?? '',
        industry: member.industry,
        size_band: member.sizeBand,
        submitted_by: actor.userId,
        submitted_at: submittedAt,
        superseded_at: null,
      };
      const rows: ResponseItemRow[] = items.map(({ item }) => {
        const shared = share.has(item.item_id);
        return {
          org_id: p.org_id,
          response_id: response.id,
          campaign_id: p.campaign_id,
          item_id: item.item_id,
          chapter: item.chapter,
          result: sealedResult(item.applicable === 1, item.result),
          shared_explanation: shared ? item.explanation : null,
          shared_compensating_control: shared ? item.compensating_control : null,
        };
      });
      await this.repo.insertResponse(t, response, rows);
      for (const chain of [actor.orgId, p.org_id])
        await this.audit.record(t.db, {
          orgId: chain,
          actorUserId: actor.userId,
          action: 'campaign.response.submit',
          targetType: 'campaign_response',
          targetId: response.id,
          after: {
            campaign: p.campaign_id,
            version: response.version,
            assessment: assessment.id,
            fingerprint: response.fingerprint,
            sharedItems: [...share].sort(),
          },
        });
      return response;
    });
  }

  private async memberOf(p: ParticipationRow): Promise<{ industry: string; sizeBand: string }> {
    const row = await this.repo.findMember(this.tenants.scope(p.org_id), p.member_id);
    return { industry: row?.member_industry ?? 'other', sizeBand: row?.size_band ?? UNASSIGNED_BAND };
  }

  /** The firm's own sealed versions (its own answers, to itself). */
  async responses(orgId: string, participantId: string) {
    const p = await this.participation(orgId, participantId);
    return this.repo.listResponses(this.tenants.scope(p.org_id), p.id);
  }

  /**
   * Own results beside the peers' anonymised figures, the firm itself left out of its peers. One query reads
   * the participation, the current response, the member's segment and the campaign's figures version; the
   * figures and the sealed items come from the cache (a second query only for items not yet kept).
   */
  async benchmark(orgId: string, participantId: string) {
    const context = await this.repo.views.context(orgId, participantId);
    if (!context) throw new AppError(404, 'CAMPAIGN_PARTICIPATION_NOT_FOUND');
    const { participation, campaign, response: own, signature } = context;
    const [{ base, plan, prepared }, items] = await Promise.all([
      this.cache.get(campaign, signature),
      own ? this.cache.sealedItems(own.org_id, own.id) : Promise.resolve([]),
    ]);
    const sealed = own && {
      response: own.id,
      industry: own.industry,
      sizeBand: own.size_band,
      items: items.map((i) => ({
        itemId: i.item_id,
        chapter: i.chapter,
        result: i.result as ResponseResult,
      })),
    };
    const member = {
      industry: context.member.industry ?? 'other',
      sizeBand: context.member.sizeBand ?? UNASSIGNED_BAND,
    };
    return {
      participation,
      response: own ?? null,
      benchmark: memberBenchmark(base, plan, sealed ?? null, member, prepared),
    };
  }
}

/** Out of scope counts as 不適用; an approved assessment has no 未評 left, and none is sealed as answered. */
function sealedResult(applicable: boolean, result: string): ResponseResult {
  if (!applicable || result === 'not_applicable') return 'not_applicable';
  if (result === 'compliant' || result === 'partially_compliant' || result === 'non_compliant') return result;
  throw new AppError(409, 'CAMPAIGN_ASSESSMENT_NOT_APPROVED');
}
