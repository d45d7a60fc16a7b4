import { createHash } from 'node:crypto';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { canonicalJson } from '../../platform/canonical-json.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../assessments/assessments.ports.js';
import type { EvidenceRow } from '../evidence/evidence.repository.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import './register-snapshots.errors.js';

export const SNAPSHOT_FORMAT = 'jianhe.register-snapshot/1';
export const SNAPSHOT_SOURCE = 'register-snapshot';

export interface SnapshotInput {
  /** The register's name (`device`, `social_account`, …); also the evidence's `source_ref`. */
  registerKind: string;
  /** The evidence title, e.g. "行動裝置清冊 2026-12-01". */
  title: string;
  /** The register's summary as plain JSON (figures per article, counts); frozen as given. */
  summary: unknown;
  /** The moment the figures describe (ISO-8601). */
  asOf: string;
}

/** The frozen document: what the evidence file holds, byte for byte in canonical JSON. */
export interface SnapshotDocument {
  format: typeof SNAPSHOT_FORMAT;
  register: string;
  title: string;
  asOf: string;
  takenAt: string;
  takenBy: string;
  summary: unknown;
}

export interface Snapshot {
  evidence: EvidenceRow;
  document: SnapshotDocument;
  sha256: string;
}

export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Frozen, hashed register snapshots as evidence. The summary is canonicalised (sorted keys, no whitespace),
 * so equal content gives equal bytes and the evidence record's SHA-256 can be recomputed by anyone from
 * the file. It goes through the evidence service (audited, content-addressed, placed with its row) and is
 * optionally attached to an assessment item in the same transaction — both happen, or neither.
 */
export class RegisterSnapshotsService {
  constructor(
    private readonly tenants: Tenants,
    private readonly evidence: EvidenceService,
  ) {}

  async snapshotToEvidence(
    t: TenantScope,
    actor: Actor,
    input: SnapshotInput,
    attachToItem?: string,
  ): Promise<Snapshot> {
    const asOf = new Date(input.asOf);
    if (Number.isNaN(asOf.getTime())) throw new AppError(400, 'SNAPSHOT_AS_OF_INVALID');
    const document: SnapshotDocument = {
      format: SNAPSHOT_FORMAT,
      register: input.registerKind,
      title: input.title,
      asOf: asOf.toISOString(),
      takenAt: new Date().toISOString(),
      takenBy: actor.userId,
      summary: JSON.parse(canonicalJson(input.summary)) as unknown,
    };
    const bytes = Buffer.from(canonicalJson(document), 'utf8');
    return t.transaction(async (trx) => {
      const evidence = await this.evidence.insertGeneratedWithin(trx, actor, bytes, {
        title: input.title,
        mime_type: 'application/json',
        original_filename: `${input.registerKind}-snapshot-${document.asOf.slice(0, 10)}.json`,
        source: SNAPSHOT_SOURCE,
        source_ref: input.registerKind,
      });
      if (attachToItem)
        await this.evidence.changeAttachmentWithin(trx, actor, attachToItem, evidence.id, 'attach');
      return { evidence, document, sha256: evidence.sha256! };
    });
  }

  /** As `snapshotToEvidence`, in a transaction of its own for the actor's organisation. */
  snapshot(actor: Actor, input: SnapshotInput, attachToItem?: string): Promise<Snapshot> {
    return this.snapshotToEvidence(this.tenants.scope(actor.orgId), actor, input, attachToItem);
  }

  /**
   * Reads a snapshot back and checks it: the stored bytes still hash to the record's SHA-256 and are the
   * canonical form of their own content. 404 for evidence that is not a register snapshot.
   */
  async read(orgId: string, evidenceId: string): Promise<{ document: SnapshotDocument; intact: boolean }> {
    const { row, stream } = await this.evidence.open(orgId, evidenceId);
    if (row.source !== SNAPSHOT_SOURCE) {
      stream.destroy();
      throw new AppError(404, 'EVIDENCE_NOT_FOUND');
    }
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const document = JSON.parse(bytes.toString('utf8')) as SnapshotDocument;
    const intact = sha256Hex(bytes) === row.sha256 && canonicalJson(document) === bytes.toString('utf8');
    return { document, intact };
  }
}
