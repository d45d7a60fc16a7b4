import { randomUUID } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import { todayInTaipei } from '../providers/domain/calendar-date.js';
import { formatCheckText } from './check-report.js';
import './checks.errors.js';
import type { CheckFollowUps, EvidenceTargets } from './checks.ports.js';
import type { CheckEndpointRow, CheckRunRow, ChecksRepository } from './checks.repository.js';
import {
  certificateOf,
  expiryNotice,
  failingRules,
  outcomeSha256,
  type StoredOutcome,
} from './domain/run-record.js';
import { type ProbeLimits, probeEndpoint } from './endpoint-probe.js';
import { OrgSlots } from './org-slots.js';

export type RunTrigger = 'scheduled' | 'manual' | 'cli';

export interface CheckRunsOptions {
  limits: ProbeLimits;
  /** Checks of one organisation in flight at once (default 2); the rest wait their turn. */
  concurrencyPerOrg?: number;
  /** A run-now request beyond this many waiting in its organisation is refused (429), never queued forever. */
  maxWaitingPerOrg?: number;
  followUps?: CheckFollowUps | null;
}

const HOUR_MS = 3_600_000;

/**
 * Runs registered endpoints and keeps each run as dated evidence: the run row (raw observations, the
 * verdict of each rule, the rule set's version), an evidence record through the evidence service attached
 * to the checklist items the endpoint supports in every draft assessment (valid until the next scheduled
 * run), and the follow-ups (remediation for failing rules, the owner told of a coming expiry).
 */
export class CheckRunsService {
  private readonly slots: OrgSlots;

  constructor(
    private readonly tenants: Tenants,
    private readonly repo: ChecksRepository,
    private readonly evidence: EvidenceService,
    private readonly targets: EvidenceTargets,
    private readonly audit: AuditRecorder,
    private readonly options: CheckRunsOptions,
  ) {
    this.slots = new OrgSlots(options.concurrencyPerOrg ?? 2);
  }

  /** Set once the scheduler and remediation modules are wired (see checks.module.ts). */
  setFollowUps(followUps: CheckFollowUps): void {
    this.options.followUps = followUps;
  }

  async getRun(orgId: string, id: string): Promise<CheckRunRow> {
    const row = await this.repo.findRun(this.tenants.scope(orgId), id);
    if (!row) throw new AppError(404, 'CHECK_RUN_NOT_FOUND');
    return row;
  }

  listRuns(orgId: string, endpointId: string, limit: number, after?: { startedAt: string; id: string }) {
    return this.repo.listRuns(this.tenants.scope(orgId), endpointId, limit, after);
  }

  certificateCalendar(orgId: string, limit: number) {
    return this.repo.certificateCalendar(this.tenants.scope(orgId), limit);
  }

  /** "Run now" from the UI or API: one endpoint, for the person asking. */
  async runNow(actor: Actor, endpointId: string): Promise<CheckRunRow> {
    const endpoint = await this.repo.findEndpoint(this.tenants.scope(actor.orgId), endpointId);
    if (!endpoint) throw new AppError(404, 'CHECK_ENDPOINT_NOT_FOUND');
    if (endpoint.enabled !== 1) throw new AppError(409, 'CHECK_ENDPOINT_DISABLED');
    const maxWaiting = this.options.maxWaitingPerOrg ?? 4;
    if (this.slots.waiting(actor.orgId) >= maxWaiting) throw new AppError(429, 'CHECK_ORG_BUSY');
    return this.run(endpoint, 'manual', actor.userId, new Date());
  }

  /**
   * Every enabled endpoint of one organisation, now (`jianhe check run --org`). Each run counts as the
   * endpoint's scheduled one, so its next run moves on by its interval.
   */
  async runOrganization(orgId: string, now = new Date()): Promise<CheckRunRow[]> {
    const endpoints = await this.repo.listEndpoints(this.tenants.scope(orgId), { enabledOnly: true }, 10_000);
    return Promise.all(endpoints.map((e) => this.run(e, 'cli', null, now)));
  }

  /**
   * The scheduler's entry point: every endpoint due at `now` (of one organisation, or all), each claimed
   * first so a second instance running the same pass skips it. Runs are bounded per organisation by the
   * concurrency limit and per check by the probe timeouts.
   */
  async runDue(now: Date, options: { orgId?: string; limit?: number } = {}): Promise<CheckRunRow[]> {
    const due = await this.repo.listDue(now.toISOString(), options.limit ?? 500, options.orgId);
    const claimed: CheckEndpointRow[] = [];
    for (const endpoint of due) {
      const next = new Date(now.getTime() + endpoint.interval_hours * HOUR_MS).toISOString();
      if (await this.repo.claim(this.tenants.scope(endpoint.org_id), endpoint.id, endpoint.next_run_at, next))
        claimed.push({ ...endpoint, next_run_at: next });
    }
    return Promise.all(claimed.map((e) => this.run(e, 'scheduled', null, now, false)));
  }

  private async run(
    endpoint: CheckEndpointRow,
    trigger: RunTrigger,
    requestedBy: string | null,
    now: Date,
    reschedule = true,
  ): Promise<CheckRunRow> {
    const { outcome, startedAt, finishedAt, durationMs } = await this.slots.run(endpoint.org_id, async () => {
      const started = new Date();
      const t0 = performance.now();
      const result = await probeEndpoint(endpoint, this.options.limits);
      return {
        outcome: result,
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - t0),
      };
    });
    const nextRunAt = reschedule
      ? new Date(now.getTime() + endpoint.interval_hours * HOUR_MS).toISOString()
      : endpoint.next_run_at;
    return this.tenants.transaction(endpoint.org_id, (t) =>
      this.record(t, endpoint, outcome, {
        trigger,
        requestedBy,
        startedAt,
        finishedAt,
        durationMs,
        nextRunAt,
      }),
    );
  }

  private async record(
    t: TenantScope,
    endpoint: CheckEndpointRow,
    outcome: StoredOutcome,
    meta: {
      trigger: RunTrigger;
      requestedBy: string | null;
      startedAt: string;
      finishedAt: string;
      durationMs: number;
      nextRunAt: string;
    },
  ): Promise<CheckRunRow> {
    const sha256 = outcomeSha256(outcome);
    const validUntil = todayInTaipei(new Date(meta.nextRunAt));
    const run: CheckRunRow = {
      id: randomUUID(),
      org_id: t.orgId,
      endpoint_id: endpoint.id,
      trigger: meta.trigger,
      requested_by: meta.requestedBy,
      started_at: meta.startedAt,
      finished_at: meta.finishedAt,
      duration_ms: meta.durationMs,
      kind: outcome.kind,
      target: outcome.target,
      profile_name: outcome.profile.name,
      profile_version: outcome.profile.version,
      verdict: outcome.verdict,
      error_code: outcome.errorCode,
      observations: JSON.stringify(outcome.observations),
      results: JSON.stringify(outcome.results),
      sha256,
      certificate_not_after: certificateOf(outcome.observations)?.notAfter ?? null,
      valid_until: validUntil,
      evidence_id: null,
    };
    await this.repo.insertRun(t, run);

    // A scheduled run acts for the person who registered the endpoint; a run-now for whoever asked.
    const actor = { orgId: t.orgId, userId: meta.requestedBy ?? endpoint.created_by };
    const evidence = await this.evidence.insertWithin(t, actor, {
      kind: 'note',
      source: 'check-run',
      source_ref: run.id,
      title: `${KIND_TITLE[outcome.kind] ?? outcome.kind} ${outcome.target} ${VERDICT_TITLE[outcome.verdict]} ${meta.startedAt.slice(0, 10)}`,
      note: evidenceNote(outcome, run),
      valid_until: validUntil,
    });
    run.evidence_id = evidence.id;
    await this.repo.setRunEvidence(t, run.id, evidence.id);
    const supported = JSON.parse(endpoint.supported_items) as string[];
    for (const item of await this.targets(t, supported))
      await this.evidence.changeAttachmentWithin(t, actor, item.id, evidence.id, 'attach');

    const notice = expiryNotice(outcome.observations, meta.startedAt, endpoint.expiry_notified_fingerprint);
    await this.repo.recordRunOnEndpoint(t, endpoint.id, {
      last_run_id: run.id,
      next_run_at: meta.nextRunAt,
      ...(notice ? { expiry_notified_fingerprint: notice.fingerprint256 } : {}),
    });
    await this.audit.record(t.db, {
      orgId: t.orgId,
      actorUserId: meta.requestedBy,
      action: 'check.run',
      targetType: 'check_endpoint',
      targetId: endpoint.id,
      after: { runId: run.id, trigger: meta.trigger, verdict: run.verdict, sha256, evidenceId: evidence.id },
    });
    const followUps = this.options.followUps;
    if (followUps) {
      const failing = failingRules(outcome.results);
      if (failing.length > 0) await followUps.rulesFailed?.(t, { endpoint, run, failing });
      if (notice)
        await followUps.certificateExpiring?.(t, {
          endpoint,
          run,
          notAfter: notice.notAfter,
          daysToExpiry: notice.daysToExpiry,
          fingerprint256: notice.fingerprint256,
        });
    }
    return run;
  }
}

const KIND_TITLE: Record<string, string> = { tls: 'TLS 檢查', ssh: 'SSH 檢查', reachability: '服務回應檢查' };
const VERDICT_TITLE: Record<string, string> = { pass: '通過', warn: '注意', fail: '不符' };

/** The evidence text: the zh-TW report, then the run id and hash that tie it to the stored observations. */
function evidenceNote(outcome: StoredOutcome, run: CheckRunRow): string {
  const report = formatCheckText(
    {
      kind: outcome.kind as 'tls',
      target: outcome.target,
      profile: {
        name: outcome.profile.name,
        label: outcome.profile.name,
        version: outcome.profile.version,
        source: '',
      },
      observations: {
        addresses: (outcome.observations.addresses as string[] | undefined) ?? [],
        durationMs: run.duration_ms,
      },
      results: outcome.results,
      verdict: outcome.verdict,
    },
    'zh-TW',
  );
  return `${report}\n\n檢查紀錄 ${run.id}\nSHA-256 ${run.sha256}\n檢查時間 ${run.started_at}\n有效至 ${run.valid_until}`;
}
