import { randomUUID } from 'node:crypto';
import type { Static } from 'typebox';
import { isUniqueViolation } from '../../../db/errors.js';
import type { TenantScope, Tenants } from '../../../db/tenancy/tenant-scope.js';
import { AppError } from '../../../platform/errors.js';
import { SEVERITY_ORDER, type Severity } from '../../../platform/sarif.js';
import type { Actor, AuditRecorder } from '../../assessments/assessments.ports.js';
import type { EvidenceService } from '../../evidence/evidence.service.js';
import { addMonths, todayInTaipei } from '../../providers/domain/calendar-date.js';
import './apps-register.errors.js';
import { toReleaseDto } from './apps.mappers.js';
import type { AppsRepository, AttestationRow, FindingRow, ReleaseRow } from './apps.repository.js';
import type { ReleaseInput, ScanUploadBody } from './apps.schemas.js';
import type { AppsService } from './apps.service.js';
import {
  type AttestationSubject,
  articleOf,
  type FailOn,
  gateAfterScan,
  masvsGroup,
  releaseRefusal,
} from './domain/release-gate.js';
import { scanIdentity } from './scan-identity.js';

type Counts = Record<Severity, number> & { total: number };
const emptyCounts = (): Counts => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0, total: 0 });
const FINDINGS_SHOWN = 2_000;

/** Releases and their gate: scans filed as evidence, risk acceptances, vendor attestations (Art. 17). */
export class ReleasesService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: AppsRepository,
    private readonly apps: AppsService,
    private readonly evidence: Pick<EvidenceService, 'insertGeneratedWithin' | 'find'>,
    private readonly audit: AuditRecorder,
  ) {}

  private async findRelease(t: TenantScope, id: string): Promise<ReleaseRow> {
    const row = await this.repo.findRelease(t, id);
    if (!row) throw new AppError(404, 'APP_RELEASE_NOT_FOUND');
    return row;
  }

  /** Releases in their public form, with latest acceptance and attestations: three queries for any number. */
  async dtos(t: TenantScope, rows: ReleaseRow[]) {
    const ids = rows.map((r) => r.id);
    const [acceptances, attestations] = await Promise.all([
      this.repo.listAcceptances(t, ids),
      this.repo.listAttestations(t, ids),
    ]);
    const today = todayInTaipei();
    return rows.map((row) =>
      toReleaseDto(
        row,
        acceptances.filter((a) => a.release_id === row.id).at(-1),
        attestations.filter((a) => a.release_id === row.id),
        today,
      ),
    );
  }

  async list(orgId: string, appId: string, limit: number, after?: { createdAt: string; id: string }) {
    const t = this.tenants.scope(orgId);
    await this.apps.find(t, appId);
    return this.dtos(t, await this.repo.listReleases(t, appId, limit, after));
  }

  async get(orgId: string, releaseId: string) {
    const t = this.tenants.scope(orgId);
    const [dto] = await this.dtos(t, [await this.findRelease(t, releaseId)]);
    return dto!;
  }

  /** The release with its findings grouped by guideline article and clause, and by MASVS group. */
  async detail(orgId: string, releaseId: string) {
    const t = this.tenants.scope(orgId);
    const release = await this.get(orgId, releaseId);
    const [groups, findings] = await Promise.all([
      this.repo.findingGroups(t, releaseId),
      this.repo.listFindings(t, releaseId, FINDINGS_SHOWN),
    ]);
    const articles = new Map<string, { counts: Counts; clauses: Map<string, Counts> }>();
    const masvs = new Map<string, Counts>();
    const add = (counts: Counts, severity: string, n: number) => {
      counts[severity as Severity] += n;
      counts.total += n;
    };
    for (const g of groups) {
      const n = Number(g.n);
      const article = articleOf(g.clause);
      const entry = articles.get(article) ?? { counts: emptyCounts(), clauses: new Map() };
      articles.set(article, entry);
      add(entry.counts, g.severity, n);
      const clause = entry.clauses.get(g.clause) ?? emptyCounts();
      entry.clauses.set(g.clause, clause);
      add(clause, g.severity, n);
      const group = masvs.get(g.masvs_group) ?? emptyCounts();
      masvs.set(g.masvs_group, group);
      add(group, g.severity, n);
    }
    const byKey = <T>(map: Map<string, T>) =>
      [...map.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
    return {
      ...release,
      byArticle: byKey(articles).map(([article, e]) => ({
        article,
        counts: e.counts,
        clauses: byKey(e.clauses).map(([clause, counts]) => ({ clause, counts })),
      })),
      byMasvs: byKey(masvs).map(([group, counts]) => ({ group, counts })),
      findings: findings
        .map((f) => ({
          ruleId: f.rule_id,
          severity: f.severity as Severity,
          masvs: f.masvs,
          clause: f.clause,
          location: f.location,
          subject: f.subject,
          evidence: f.evidence,
        }))
        .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)),
    };
  }

  private newRelease(actor: Actor, appId: string, input: Static<typeof ReleaseInput>): ReleaseRow {
    const at = new Date().toISOString();
    return {
      id: randomUUID(),
      org_id: actor.orgId,
      app_id: appId,
      app_version: input.appVersion.trim(),
      build_number: input.buildNumber.trim(),
      binary_sha256: input.binarySha256 ?? null,
      release_date: input.releaseDate ?? null,
      status: 'draft',
      gate: 'pending',
      fail_on: input.failOn ?? 'high',
      scanned_at: null,
      scan_evidence_id: null,
      scan_summary: null,
      rule_pack: null,
      released_at: null,
      released_by: null,
      created_by: actor.userId,
      created_at: at,
      updated_at: at,
      version: 1,
    };
  }

  private async uniqueBuild<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(409, 'APP_RELEASE_EXISTS');
      throw error;
    }
  }

  async create(actor: Actor, appId: string, input: Static<typeof ReleaseInput>) {
    const row = this.newRelease(actor, appId, input);
    await this.uniqueBuild(() =>
      this.tenants.transaction(actor.orgId, async (t) => {
        await this.apps.find(t, appId);
        if (await this.repo.findReleaseByBuild(t, appId, row.app_version, row.build_number))
          throw new AppError(409, 'APP_RELEASE_EXISTS');
        await this.repo.insertRelease(t, row);
        await this.record(t, actor, 'app.release.create', row.id, row);
      }),
    );
    return this.get(actor.orgId, row.id);
  }

  /**
   * `jianhe app scan --upload`: files the scan as the release's evidence (creating the release for its
   * version and build when new), replaces its findings and sets the gate. A new scan supersedes an earlier
   * risk acceptance: the gate follows the findings of the binary now scanned.
   */
  async uploadScan(actor: Actor, appId: string, body: Static<typeof ScanUploadBody>) {
    const app = await this.apps.find(this.tenants.scope(actor.orgId), appId);
    const identity = scanIdentity(body.scan);
    if (identity.packageName && identity.packageName !== app.bundle_id)
      throw new AppError(422, 'APP_SCAN_WRONG_APP', { scanned: identity.packageName, app: app.bundle_id });
    const appVersion = body.appVersion ?? identity.version;
    const buildNumber = body.buildNumber ?? identity.build;
    if (!appVersion || !buildNumber) throw new AppError(422, 'APP_SCAN_VERSION_MISSING');
    const report = Buffer.from(`${JSON.stringify(body.scan, null, 2)}\n`);
    {
      const releaseId = await this.uniqueBuild(() =>
        this.tenants.transaction(actor.orgId, async (t) => {
          let release = await this.repo.findReleaseByBuild(t, appId, appVersion, buildNumber);
          if (!release) {
            release = this.newRelease(actor, appId, {
              appVersion,
              buildNumber,
              ...(body.releaseDate !== undefined ? { releaseDate: body.releaseDate } : {}),
              ...(body.failOn ? { failOn: body.failOn } : {}),
            });
            await this.repo.insertRelease(t, release);
            await this.record(t, actor, 'app.release.create', release.id, release);
          }
          if (release.status === 'released') throw new AppError(409, 'APP_RELEASE_ALREADY_RELEASED');
          const failOn = (body.failOn ?? release.fail_on) as FailOn;
          // Through the evidence service's one door for generated evidence: audited, blob placed with its row.
          const evidence = await this.evidence.insertGeneratedWithin(t, actor, report, {
            title: `App scan ${app.name} ${appVersion} (${buildNumber})`,
            original_filename: `app-scan-${app.bundle_id}-${appVersion}-${buildNumber}.json`,
            mime_type: 'application/json',
            source: 'app-scan',
            source_ref: release.id,
          });
          const findings: FindingRow[] = body.scan.findings.map((f) => ({
            id: randomUUID(),
            org_id: t.orgId,
            release_id: release.id,
            rule_id: f.ruleId,
            severity: f.severity,
            masvs: f.masvs,
            masvs_group: masvsGroup(f.masvs),
            clause: f.clause,
            location: f.location,
            subject: f.subject,
            evidence: f.evidence,
          }));
          await this.repo.replaceFindings(t, release.id, findings);
          const summary = emptyCounts();
          for (const f of findings) {
            summary[f.severity as Severity]++;
            summary.total++;
          }
          const patch = {
            gate: gateAfterScan(
              findings.map((f) => f.severity as Severity),
              failOn,
            ),
            fail_on: failOn,
            binary_sha256:
              body.scan.input.kind === 'mobsf-report' ? identity.binarySha256 : body.scan.input.sha256,
            scanned_at: body.scan.scannedAt,
            scan_evidence_id: evidence.id,
            scan_summary: JSON.stringify(summary),
            rule_pack: JSON.stringify(body.scan.rulePack),
            updated_at: new Date().toISOString(),
            ...(body.releaseDate !== undefined ? { release_date: body.releaseDate } : {}),
          };
          if (!(await this.repo.updateReleaseIfVersion(t, release.id, release.version, patch)))
            throw new AppError(409, 'VERSION_CONFLICT');
          await this.record(t, actor, 'app.release.scan', release.id, {
            gate: patch.gate,
            failOn,
            summary,
            evidenceId: evidence.id,
            rulePack: body.scan.rulePack,
            binarySha256: patch.binary_sha256,
          });
          return release.id;
        }),
      );
      const [app2, release] = await Promise.all([
        this.apps.get(actor.orgId, appId),
        this.get(actor.orgId, releaseId),
      ]);
      return { app: app2, release };
    }
  }

  /** An approver accepts the blocking findings until `expiresOn` (at most a year), with a reason. */
  async acceptRisk(
    actor: Actor,
    releaseId: string,
    input: { reason: string; expiresOn: string; version: number },
  ) {
    const today = todayInTaipei();
    if (input.expiresOn <= today || input.expiresOn > addMonths(today, 12))
      throw new AppError(422, 'APP_RISK_ACCEPTANCE_EXPIRY_INVALID');
    const saved = await this.tenants.transaction(actor.orgId, async (t) => {
      const release = await this.findRelease(t, releaseId);
      if (release.status === 'released') throw new AppError(409, 'APP_RELEASE_ALREADY_RELEASED');
      const [current] = await this.dtos(t, [release]);
      if (current!.gate !== 'blocked') throw new AppError(422, 'APP_RISK_ACCEPTANCE_NOT_NEEDED');
      if (!(await this.repo.updateReleaseIfVersion(t, releaseId, input.version, { gate: 'accepted' })))
        return false;
      const row = {
        id: randomUUID(),
        org_id: t.orgId,
        release_id: releaseId,
        reason: input.reason.trim(),
        expires_on: input.expiresOn,
        accepted_by: actor.userId,
        accepted_at: new Date().toISOString(),
      };
      await this.repo.insertAcceptance(t, row);
      await this.record(t, actor, 'app.release.accept-risk', releaseId, row);
      return true;
    });
    const current = await this.get(actor.orgId, releaseId);
    if (!saved) throw new AppError(409, 'VERSION_CONFLICT', { current });
    return current;
  }

  async addAttestation(
    actor: Actor,
    releaseId: string,
    input: { subject: AttestationSubject; dueDate: string; note?: string },
  ) {
    await this.tenants.transaction(actor.orgId, async (t) => {
      const release = await this.findRelease(t, releaseId);
      const app = await this.apps.find(t, release.app_id);
      if (app.vendor_kind !== 'outside') throw new AppError(422, 'APP_ATTESTATION_NOT_NEEDED');
      if (release.status === 'released') throw new AppError(409, 'APP_RELEASE_ALREADY_RELEASED');
      if (release.release_date && input.dueDate > release.release_date)
        throw new AppError(422, 'APP_ATTESTATION_DUE_AFTER_RELEASE');
      const at = new Date().toISOString();
      const row: AttestationRow = {
        id: randomUUID(),
        org_id: t.orgId,
        release_id: releaseId,
        subject: input.subject,
        due_date: input.dueDate,
        received_on: null,
        evidence_id: null,
        note: input.note ?? '',
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
        version: 1,
      };
      await this.repo.insertAttestation(t, row);
      await this.record(t, actor, 'app.attestation.create', releaseId, row);
    });
    return this.get(actor.orgId, releaseId);
  }

  async updateAttestation(
    actor: Actor,
    attestationId: string,
    input: { version: number; receivedOn?: string | null; evidenceId?: string | null; note?: string },
  ) {
    let releaseId = '';
    const saved = await this.tenants.transaction(actor.orgId, async (t) => {
      const before = await this.repo.findAttestation(t, attestationId);
      if (!before) throw new AppError(404, 'APP_ATTESTATION_NOT_FOUND');
      releaseId = before.release_id;
      if (input.evidenceId) await this.evidence.find(t, input.evidenceId);
      const patch = {
        ...(input.receivedOn !== undefined ? { received_on: input.receivedOn } : {}),
        ...(input.evidenceId !== undefined ? { evidence_id: input.evidenceId } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        updated_at: new Date().toISOString(),
      };
      if (!(await this.repo.updateAttestationIfVersion(t, attestationId, input.version, patch))) return false;
      await this.record(t, actor, 'app.attestation.update', before.release_id, { attestationId, ...patch });
      return true;
    });
    const current = await this.get(actor.orgId, releaseId);
    if (!saved) throw new AppError(409, 'VERSION_CONFLICT', { current });
    return current;
  }

  /** Marks the release released, which the gate allows only when scanned, or blocked but accepted in time. */
  async markReleased(actor: Actor, releaseId: string, input: { version: number; releaseDate?: string }) {
    const saved = await this.tenants.transaction(actor.orgId, async (t) => {
      const release = await this.findRelease(t, releaseId);
      const app = await this.apps.find(t, release.app_id);
      const [current] = await this.dtos(t, [release]);
      const refusal = releaseRefusal({
        status: current!.status,
        gate: current!.gate,
        vendorKind: app.vendor_kind as 'in_house' | 'outside',
        attestationsRecorded: current!.attestations.length,
        attestationsOutstanding: current!.attestations.filter((a) => a.receivedOn === null).length,
      });
      if (refusal) throw new AppError(refusal === 'APP_RELEASE_ALREADY_RELEASED' ? 409 : 422, refusal);
      const patch = {
        status: 'released',
        released_at: new Date().toISOString(),
        released_by: actor.userId,
        release_date: input.releaseDate ?? release.release_date ?? todayInTaipei(),
        updated_at: new Date().toISOString(),
      };
      if (!(await this.repo.updateReleaseIfVersion(t, releaseId, input.version, patch))) return false;
      await this.record(t, actor, 'app.release.release', releaseId, { gate: current!.gate, ...patch });
      return true;
    });
    const current = await this.get(actor.orgId, releaseId);
    if (!saved) throw new AppError(409, 'VERSION_CONFLICT', { current });
    return current;
  }

  private record(t: TenantScope, actor: Actor, action: string, targetId: string, after: unknown) {
    return this.audit.record(t.db, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action,
      targetType: 'app_release',
      targetId,
      after,
    });
  }
}
