import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { CampaignRow, CampaignsRepository } from './campaigns.repository.js';
import type { AggregateBase } from './domain/aggregates.js';
import { type PreparedBase, prepareBase } from './domain/peer-figures.js';
import { planSuppression, type SuppressionPlan } from './domain/suppression.js';

interface Entry {
  signature: string;
  base: AggregateBase;
  plan: SuppressionPlan;
  /** Every segment's figures, and what a member's view needs to leave itself out. */
  prepared: PreparedBase;
}

const CAPACITY = 64;

/**
 * The SQL groups behind a campaign's figures and their suppression plan, kept per process until a response
 * arrives (a cheap signature query tells). Every member's benchmark is the same base less its own response,
 * so a view costs one indexed count instead of a scan of the campaign. The figures are prepared once per
 * base: publishing is a lookup, and a member's peers are its segments less its own counts.
 */
export class AggregateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly tenants: Tenants,
    private readonly repo: CampaignsRepository,
  ) {}

  async get(campaign: CampaignRow): Promise<Entry> {
    const t = this.tenants.scope(campaign.org_id);
    const signature = await this.repo.signature(t, campaign.id);
    const cached = this.entries.get(campaign.id);
    if (cached && cached.signature === signature && cached.plan.k === campaign.k_threshold) return cached;
    const [atoms, itemCounts, firmChapters] = await Promise.all([
      this.repo.atoms(t, campaign.id),
      this.repo.figures.itemCounts(t, campaign.id),
      this.repo.figures.firmChapters(t, campaign.id),
    ]);
    const base = { atoms, itemCounts, firmChapters };
    const plan = planSuppression(atoms, campaign.k_threshold);
    const entry = { signature, base, plan, prepared: prepareBase(base, plan) };
    this.entries.delete(campaign.id);
    this.entries.set(campaign.id, entry);
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}
