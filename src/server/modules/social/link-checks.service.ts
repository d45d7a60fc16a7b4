import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { OutboundPolicy } from '../../platform/outbound-policy.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { AssessmentsRepository } from '../assessments/assessments.repository.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import { type LinkCheckReport, reportJson, runLinkCheck } from './link-check/run-link-check.js';
import './social.errors.js';
import type { LinkCheckRow, SitePageRow, SocialPostsRepository } from './social-posts.repository.js';

/** How a run is carried out: the engine bound to the installation's outbound policy and Chromium. */
export type LinkCheckRunner = (urls: string[]) => Promise<LinkCheckReport>;

/**
 * The exit-notice link check as evidence (Art. 11.2): the organisation registers its website pages, and
 * Jianhe opens only those. Each run stores a JSON report and one screenshot per link as evidence, with
 * the time and the pages checked, and can attach the report to an assessment item (item 38).
 */
export class LinkChecksService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: SocialPostsRepository,
    private readonly evidence: EvidenceService,
    private readonly assessments: AssessmentsRepository,
    private readonly audit: AuditRecorder,
    private readonly runner: LinkCheckRunner,
  ) {}

  static runner(policy: OutboundPolicy, chromiumPath: string): LinkCheckRunner {
    return (urls) => runLinkCheck(urls, { policy, chromiumPath });
  }

  async registerPage(actor: Actor, url: string, label: string): Promise<SitePageRow> {
    const normalised = new URL(url).toString();
    const row: SitePageRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      url: normalised,
      label,
      created_by: actor.userId,
      created_at: new Date().toISOString(),
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      if (await this.repo.findSitePageByUrl(t, normalised))
        throw new AppError(409, 'SOCIAL_SITE_PAGE_EXISTS');
      await this.repo.insertSitePage(t, row);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'social.site_page.register',
        targetType: 'social_site_page',
        targetId: row.id,
        after: { url: normalised, label },
      });
    });
    return row;
  }

  listPages(orgId: string): Promise<SitePageRow[]> {
    return this.repo.listSitePages(this.tenants.scope(orgId));
  }

  async removePage(actor: Actor, id: string): Promise<void> {
    await this.tenants.transaction(actor.orgId, async (t) => {
      if (!(await this.repo.deleteSitePage(t, id))) throw new AppError(404, 'SOCIAL_SITE_PAGE_NOT_FOUND');
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'social.site_page.remove',
        targetType: 'social_site_page',
        targetId: id,
      });
    });
  }

  /** The registered pages among `urls` (all registered pages when none are named); an unregistered URL is refused. */
  async pagesToCheck(orgId: string, urls: string[] = [], pageIds?: string[]): Promise<string[]> {
    const pages = await this.repo.listSitePages(this.tenants.scope(orgId), pageIds);
    const registered = new Set(pages.map((p) => p.url));
    if (urls.length === 0) {
      if (pages.length === 0) throw new AppError(400, 'SOCIAL_SITE_PAGE_REQUIRED');
      return pages.map((p) => p.url);
    }
    const wanted = urls.map((u) => new URL(u).toString());
    const unknown = wanted.filter((u) => !registered.has(u));
    if (unknown.length > 0) throw new AppError(400, 'SOCIAL_SITE_PAGE_REQUIRED', { unregistered: unknown });
    return wanted;
  }

  /** Runs the check on registered pages, stores its evidence, optionally attaches the report to an item. */
  async run(
    actor: Actor,
    options: { urls?: string[]; pageIds?: string[]; attachToItemId?: string | null },
  ): Promise<{ check: LinkCheckRow; report: ReturnType<typeof reportJson> }> {
    const urls = await this.pagesToCheck(actor.orgId, options.urls, options.pageIds);
    // The item must be the organisation's before anything runs (its lock is checked again on attaching).
    if (
      options.attachToItemId &&
      !(await this.assessments.findItem(this.tenants.scope(actor.orgId), options.attachToItemId))
    )
      throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
    const report = await this.runner(urls);
    const screenshots = new Map<string, string>();
    for (const link of report.pages.flatMap((p) => p.links)) {
      if (!link.screenshot || !link.screenshotSha256 || screenshots.has(link.screenshotSha256)) continue;
      const stored = await this.evidence.uploadFile(
        actor,
        Readable.from([link.screenshot]),
        `exit-notice-${link.host}.png`,
        {
          title: `外部連結提示截圖 ${link.host}`,
        },
      );
      screenshots.set(link.screenshotSha256, stored.id);
    }
    const json = reportJson(report, screenshots);
    const stamp = report.startedAt.slice(0, 16).replace(/[:T]/g, '');
    const reportEvidence = await this.evidence.uploadFile(
      actor,
      Readable.from([Buffer.from(JSON.stringify(json, null, 2))]),
      `exit-notice-check-${stamp}.json`,
      {
        title: `外部連結提示檢查 ${report.startedAt.slice(0, 10)}（${report.linksWithoutNotice} / ${report.linksFound} 缺提示）`,
      },
    );
    const check: LinkCheckRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      started_at: report.startedAt,
      finished_at: report.finishedAt,
      pages: JSON.stringify(urls),
      links_found: report.linksFound,
      links_without_notice: report.linksWithoutNotice,
      report_evidence_id: reportEvidence.id,
      created_by: actor.userId,
    };
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertLinkCheck(t, check);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'social.link_check.run',
        targetType: 'social_link_check',
        targetId: check.id,
        after: { pages: urls, linksFound: check.links_found, linksWithoutNotice: check.links_without_notice },
      });
      if (options.attachToItemId)
        await this.evidence.changeAttachmentWithin(
          t,
          actor,
          options.attachToItemId,
          reportEvidence.id,
          'attach',
        );
    });
    return { check, report: json };
  }

  /** For `--attach-to-item N`: item N's row in the newest open assessment (or the one named). */
  async itemRowFor(orgId: string, itemNumber: number, assessmentId?: string): Promise<string> {
    const id = await this.repo.openItemRow(this.tenants.scope(orgId), `item-${itemNumber}`, assessmentId);
    if (!id) throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
    return id;
  }

  listChecks(orgId: string, limit = 50): Promise<LinkCheckRow[]> {
    return this.repo.listLinkChecks(this.tenants.scope(orgId), limit);
  }
}
