import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import type { CampaignRow, CampaignsRepository, ResponseItemRow } from './campaigns.repository.js';
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
/** Sealed responses whose items are kept (about 5 kB each at 63 items). */
const SEALED_CAPACITY = 1000;

/**
 * The SQL groups behind a campaign's figures and their suppression plan, kept per process until a response
 * arrives (a cheap signature query tells). Every member's benchmark is the same base less its own response,
 * so a view costs one indexed count instead of a scan of the campaign. The figures are prepared once per
 * base: publishing is a lookup, and a member's peers are its segments less its own counts.
 */
export class AggregateCache {
  private readonly entries = new Map<string, Entry>();
  private readonly sealed = new Map<string, ResponseItemRow[]>();

  constructor(
    private readonly tenants: Tenants,
    private readonly repo: CampaignsRepository,
  ) {}

  /**
   * The campaign's entry, recomputed when its signature moved (a response arrived). `knownSignature` is one
   * the caller has just read with its own query (the benchmark view's single query); otherwise it is read here.
   */
  async get(
    campaign: Pick<CampaignRow, 'id' | 'org_id' | 'k_threshold'>,
    knownSignature?: string,
  ): Promise<Entry> {
    const t = this.tenants.scope(campaign.org_id);
    const signature = knownSignature ?? (await this.repo.signature(t, campaign.id));
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

  /**
   * A sealed response's items. A response is never changed once sealed (a resubmission is a new response
   * with a new id), so they are kept without expiry, the least recently used dropped past the capacity.
   */
  async sealedItems(orgId: string, responseId: string): Promise<ResponseItemRow[]> {
    const key = `${orgId}/${responseId}`;
    const kept = this.sealed.get(key);
    if (kept) {
      this.sealed.delete(key);
      this.sealed.set(key, kept);
      return kept;
    }
    const items = await this.repo.responseItems(this.tenants.scope(orgId), responseId);
    this.sealed.set(key, items);
    if (this.sealed.size > SEALED_CAPACITY) this.sealed.delete(this.sealed.keys().next().value!);
    return items;
  }
}
