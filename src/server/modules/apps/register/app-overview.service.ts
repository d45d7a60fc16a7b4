import type { Tenants } from '../../../db/tenancy/tenant-scope.js';
import type { Actor } from '../../assessments/assessments.ports.js';
import type { RegisterSnapshotsService } from '../../register-snapshots/register-snapshots.service.js';
import { toAppDto } from './apps.mappers.js';
import type { AppsRepository } from './apps.repository.js';
import type { ReleasesService } from './releases.service.js';

/** The register at a glance for checklist items 55–63, and frozen as evidence (shared register snapshots). */
export class AppOverviewService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: AppsRepository,
    private readonly releases: Pick<ReleasesService, 'dtos'>,
    private readonly snapshots: Pick<RegisterSnapshotsService, 'snapshot'>,
  ) {}

  /** Items 55–63: every app with its controls and its latest release's gate, in five queries. */
  async overview(orgId: string) {
    const t = this.tenants.scope(orgId);
    const [apps, latest] = await Promise.all([this.repo.listApps(t, 1_000), this.repo.latestReleases(t)]);
    const [controls, releases, counts] = await Promise.all([
      this.repo.listControls(
        t,
        apps.map((a) => a.id),
      ),
      this.releases.dtos(t, latest),
      this.repo.stringFindingCounts(
        t,
        latest.map((r) => r.id),
      ),
    ]);
    return {
      apps: apps.map((app) => {
        const release = releases.find((r) => r.appId === app.id) ?? null;
        const count = release ? counts.find((c) => c.release_id === release.id) : undefined;
        const scanned = release?.scannedAt != null;
        return {
          app: toAppDto(
            app,
            controls.filter((c) => c.app_id === app.id),
          ),
          latestRelease: release,
          secretsFound: scanned ? Number(count?.secrets ?? 0) : null,
          personalDataFound: scanned ? Number(count?.pii ?? 0) : null,
        };
      }),
    };
  }

  /**
   * The register as it stands (every app, its Art. 16 controls and its latest release gate), frozen and
   * hashed as evidence through the shared register snapshots, attached to an item in the same transaction.
   */
  async snapshot(actor: Actor, assessmentItemId?: string) {
    const { apps } = await this.overview(actor.orgId);
    const asOf = new Date().toISOString();
    const summary = apps.map(({ app, latestRelease: r, secretsFound, personalDataFound }) => ({
      app: { name: app.name, bundleId: app.bundleId, platforms: app.platforms, vendorKind: app.vendorKind },
      controls: app.controls.map((c) => ({
        control: c.control,
        implemented: c.implemented,
        evidenceId: c.evidenceId,
      })),
      latestRelease: r && {
        version: r.appVersion,
        build: r.buildNumber,
        binarySha256: r.binarySha256,
        gate: r.gate,
        status: r.status,
        scannedAt: r.scannedAt,
        summary: r.summary,
        scanEvidenceId: r.scanEvidenceId,
        riskAcceptance: r.riskAcceptance && {
          expiresOn: r.riskAcceptance.expiresOn,
          valid: r.riskAcceptance.valid,
        },
        attestations: r.attestations.map((a) => ({
          subject: a.subject,
          dueDate: a.dueDate,
          receivedOn: a.receivedOn,
        })),
        secretsFound,
        personalDataFound,
      },
    }));
    const { evidence, sha256 } = await this.snapshots.snapshot(
      actor,
      {
        registerKind: 'mobile_app',
        title: `行動應用程式清冊 Mobile app register ${asOf.slice(0, 10)}`,
        summary,
        asOf,
      },
      assessmentItemId,
    );
    return { evidenceId: evidence.id, sha256 };
  }
}
