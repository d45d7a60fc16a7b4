import { randomUUID, X509Certificate } from 'node:crypto';
import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import { parseHostPort } from '../../platform/outbound-policy.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import './checks.errors.js';
import type { CheckEndpointRow, ChecksRepository, EndpointWithLatest } from './checks.repository.js';
import { CATALOG_ITEM_ID } from './domain/run-record.js';
import type { TlsProfileName } from './domain/tls-profile.js';
import type { EndpointKind } from './endpoint-probe.js';

export interface EndpointInput {
  providerId: string;
  purpose: string;
  host: string;
  port: number;
  kind: EndpointKind;
  profile?: TlsProfileName;
  /** TLS only: the plain-HTTP port to test for a redirect; null when the service is not HTTPS. */
  httpPort?: number | null;
  /** PEM certificates to trust besides the bundled roots (private PKI); TLS only. */
  trustedCaPem?: string | null;
  supportedItems: string[];
  ownerUserId?: string | null;
  intervalHours?: number;
  enabled?: boolean;
}

export const DEFAULT_INTERVAL_HOURS = 24;

const snapshot = (row: CheckEndpointRow) => ({
  providerId: row.provider_id,
  purpose: row.purpose,
  host: row.host,
  port: row.port,
  kind: row.kind,
  profile: row.profile,
  httpPort: row.http_port,
  trustedCaPem: row.trusted_ca,
  supportedItems: JSON.parse(row.supported_items) as string[],
  ownerUserId: row.owner_user_id,
  intervalHours: row.interval_hours,
  enabled: row.enabled === 1,
});

/** PEM text of one or more certificates, each parsed here so a typo fails at registration, not at 3 a.m. */
function trustAnchors(pem: string | null | undefined): string | null {
  if (!pem?.trim()) return null;
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new AppError(400, 'CHECK_CA_INVALID');
  try {
    for (const block of blocks) new X509Certificate(block);
  } catch {
    throw new AppError(400, 'CHECK_CA_INVALID');
  }
  return blocks.join('\n');
}

/** Normalised columns from input: the host as the outbound policy will parse it, items deduplicated. */
function columns(input: EndpointInput) {
  const { host, port } = parseHostPort(input.host.includes(':') ? `[${input.host}]` : input.host, input.port);
  const items = [...new Set(input.supportedItems)];
  if (items.some((id) => !CATALOG_ITEM_ID.test(id))) throw new AppError(400, 'CHECK_ITEM_INVALID');
  return {
    provider_id: input.providerId,
    purpose: input.purpose.trim(),
    host: host.replace(/\.$/, ''),
    port,
    kind: input.kind,
    profile: input.profile ?? 'intermediate',
    http_port: input.kind === 'tls' ? (input.httpPort === undefined ? 80 : input.httpPort) : null,
    trusted_ca: input.kind === 'tls' ? trustAnchors(input.trustedCaPem) : null,
    supported_items: JSON.stringify(items),
    owner_user_id: input.ownerUserId ?? null,
    interval_hours: input.intervalHours ?? DEFAULT_INTERVAL_HOURS,
    enabled: input.enabled === false ? 0 : 1,
  };
}

/** The organisation's registered check targets: only these are ever connected to. */
export class CheckEndpointsService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: ChecksRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async get(orgId: string, id: string): Promise<CheckEndpointRow> {
    const row = await this.repo.findEndpoint(this.tenants.scope(orgId), id);
    if (!row) throw new AppError(404, 'CHECK_ENDPOINT_NOT_FOUND');
    return row;
  }

  /** With its latest run's summary, as the list shows it. */
  async getWithLatest(orgId: string, id: string): Promise<EndpointWithLatest> {
    const row = await this.get(orgId, id);
    const [entry] = await this.repo.listEndpoints(this.tenants.scope(orgId), { only: row.id }, 1);
    return entry!;
  }

  list(
    orgId: string,
    filter: { providerId?: string },
    limit: number,
    after?: { host: string; id: string },
  ): Promise<EndpointWithLatest[]> {
    return this.repo.listEndpoints(this.tenants.scope(orgId), filter, limit, after);
  }

  create(actor: Actor, input: EndpointInput): Promise<CheckEndpointRow> {
    const values = columns(input);
    return this.tenants.transaction(actor.orgId, async (t) => {
      if (await this.repo.findEndpointByTarget(t, values))
        throw new AppError(409, 'CHECK_ENDPOINT_DUPLICATE');
      const now = new Date().toISOString();
      const row: CheckEndpointRow = {
        id: randomUUID(),
        org_id: t.orgId,
        ...values,
        // Due at once: the first scheduled pass checks a new endpoint.
        next_run_at: now,
        last_run_id: null,
        expiry_notified_fingerprint: null,
        version: 1,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      };
      await this.repo.insertEndpoint(t, row);
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'check-endpoint.create',
        targetType: 'check_endpoint',
        targetId: row.id,
        after: snapshot(row),
      });
      return row;
    });
  }

  async update(
    actor: Actor,
    id: string,
    expectedVersion: number,
    patch: Partial<EndpointInput>,
  ): Promise<CheckEndpointRow | null> {
    const updated = await this.tenants.transaction(actor.orgId, async (t) => {
      const before = await this.repo.findEndpoint(t, id);
      if (!before) throw new AppError(404, 'CHECK_ENDPOINT_NOT_FOUND');
      const values = columns({ ...(snapshot(before) as EndpointInput), ...patch });
      const clash = await this.repo.findEndpointByTarget(t, values);
      if (clash && clash.id !== id) throw new AppError(409, 'CHECK_ENDPOINT_DUPLICATE');
      const ok = await this.repo.updateEndpointIfVersion(t, id, expectedVersion, {
        ...values,
        updated_at: new Date().toISOString(),
      });
      if (!ok) return null;
      const after = (await this.repo.findEndpoint(t, id))!;
      await this.audit.record(t.db, {
        orgId: t.orgId,
        actorUserId: actor.userId,
        action: 'check-endpoint.update',
        targetType: 'check_endpoint',
        targetId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
    // null: the version was stale (the route answers 409 with the endpoint as it now stands).
    return updated;
  }
}
