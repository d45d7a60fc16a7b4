import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError } from '../../platform/errors.js';
import type { AssessmentLifecycleService } from '../assessments/assessment-lifecycle.service.js';
import type { Actor, AuditRecorder } from '../assessments/assessments.ports.js';
import type { AssessmentsRepository } from '../assessments/assessments.repository.js';
import './evidence.errors.js';
import type { EvidenceRepository, EvidenceRow } from './evidence.repository.js';
import type { ContentStore } from './storage/content-store.js';

export interface EvidenceMeta {
  title?: string;
  validUntil?: string | null;
}

/** What a caller supplies for a new evidence record; ids, organisation and timestamps are filled in. */
export type EvidenceFields = Partial<Omit<EvidenceRow, 'id' | 'org_id' | 'created_by' | 'created_at'>> &
  Pick<EvidenceRow, 'kind' | 'title'>;

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The organisation's evidence library: files, links and notes, and their attachment to items. */
export class EvidenceService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: EvidenceRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly lifecycle: AssessmentLifecycleService,
    private readonly store: ContentStore,
    private readonly audit: AuditRecorder,
    readonly maxUploadBytes: number = DEFAULT_MAX_UPLOAD_BYTES,
  ) {}

  /** At start-up: partial uploads an earlier process left behind (crash, kill) are older than an hour. */
  removeStaleUploads(): Promise<number> {
    return this.store.removeStaleUploads(60 * 60 * 1000);
  }

  get(orgId: string, id: string): Promise<EvidenceRow> {
    return this.find(this.tenants.scope(orgId), id);
  }

  /** Within a caller's scope (and transaction): the organisation's own evidence, or 404. */
  async find(t: TenantScope, id: string): Promise<EvidenceRow> {
    const row = await this.repo.find(t, id);
    if (!row) throw new AppError(404, 'EVIDENCE_NOT_FOUND');
    return row;
  }

  list(orgId: string, limit: number, after?: { createdAt: string; id: string }) {
    return this.repo.list(this.tenants.scope(orgId), limit, after);
  }

  /**
   * Streams the upload to a staging file (hashed, size- and type-checked), then writes the row and places
   * the blob in one transaction: a refused or failed write leaves no blob without a row.
   */
  async uploadFile(actor: Actor, file: Readable, filename: string, meta: EvidenceMeta): Promise<EvidenceRow> {
    const staged = await this.store.stage(file, { maxBytes: this.maxUploadBytes });
    try {
      return await this.insert(
        actor,
        {
          kind: 'file',
          title: meta.title?.trim() || filename,
          sha256: staged.sha256,
          size_bytes: staged.size,
          mime_type: staged.type.mime,
          original_filename: filename,
          valid_until: meta.validUntil ?? null,
        },
        () => staged.place(),
      );
    } finally {
      await staged.discard();
    }
  }

  async createLink(actor: Actor, url: string, meta: EvidenceMeta): Promise<EvidenceRow> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new AppError(400, 'EVIDENCE_URL_INVALID');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new AppError(400, 'EVIDENCE_URL_INVALID');
    return this.insert(actor, {
      kind: 'link',
      title: meta.title?.trim() || parsed.host,
      url: parsed.toString(),
      valid_until: meta.validUntil ?? null,
    });
  }

  async createNote(actor: Actor, note: string, meta: EvidenceMeta): Promise<EvidenceRow> {
    return this.insert(actor, {
      kind: 'note',
      title: meta.title?.trim() || note.slice(0, 40),
      note,
      valid_until: meta.validUntil ?? null,
    });
  }

  private insert(
    actor: Actor,
    fields: EvidenceFields,
    /** Runs last inside the transaction (e.g. placing the file the row refers to). */
    beforeCommit?: () => Promise<unknown>,
  ): Promise<EvidenceRow> {
    return this.tenants.transaction(actor.orgId, async (t) => {
      const row = await this.insertWithin(t, actor, fields);
      await beforeCommit?.();
      return row;
    });
  }

  /**
   * Writes one evidence record and its audit entry inside the caller's transaction. Every way evidence
   * enters the library (uploads, links, notes, accepted questionnaires) comes through here.
   */
  async insertWithin(t: TenantScope, actor: Actor, fields: EvidenceFields): Promise<EvidenceRow> {
    const row: EvidenceRow = {
      id: randomUUID(),
      org_id: t.orgId,
      sha256: null,
      size_bytes: null,
      mime_type: null,
      original_filename: null,
      url: null,
      note: null,
      valid_until: null,
      source: 'manual',
      source_ref: null,
      created_by: actor.userId,
      created_at: new Date().toISOString(),
      ...fields,
    };
    await this.repo.insert(t, row);
    await this.audit.record(t.db, {
      orgId: t.orgId,
      actorUserId: actor.userId,
      action: 'evidence.create',
      targetType: 'evidence',
      targetId: row.id,
      after: {
        kind: row.kind,
        title: row.title,
        sha256: row.sha256,
        url: row.url,
        validUntil: row.valid_until,
        source: row.source,
      },
    });
    return row;
  }

  /**
   * Evidence Jianhe itself produced (a frozen register snapshot): the bytes are staged, the row written and
   * the blob placed inside the caller's transaction, like an upload, so the record is audited and never
   * refers to a missing blob. The record's sha256 is the hash of exactly these bytes.
   */
  async insertGeneratedWithin(
    t: TenantScope,
    actor: Actor,
    content: Buffer,
    fields: Omit<EvidenceFields, 'kind' | 'sha256' | 'size_bytes'> & { mime_type: string },
  ): Promise<EvidenceRow> {
    const staged = await this.store.stage(Readable.from([content]), { maxBytes: this.maxUploadBytes });
    try {
      const row = await this.insertWithin(t, actor, {
        ...fields,
        kind: 'file',
        sha256: staged.sha256,
        size_bytes: staged.size,
      });
      await staged.place();
      return row;
    } finally {
      await staged.discard();
    }
  }

  /** Attaching changes the item's content, so it follows the same lock as answers. */
  async attach(actor: Actor, itemRowId: string, evidenceId: string): Promise<void> {
    await this.changeAttachment(actor, itemRowId, evidenceId, 'attach');
  }

  async detach(actor: Actor, itemRowId: string, evidenceId: string): Promise<void> {
    await this.changeAttachment(actor, itemRowId, evidenceId, 'detach');
  }

  private changeAttachment(actor: Actor, itemRowId: string, evidenceId: string, action: 'attach' | 'detach') {
    return this.tenants.transaction(actor.orgId, (t) =>
      this.changeAttachmentWithin(t, actor, itemRowId, evidenceId, action),
    );
  }

  /** Attaches (or detaches) inside the caller's transaction; the item must be editable. */
  async changeAttachmentWithin(
    t: TenantScope,
    actor: Actor,
    itemRowId: string,
    evidenceId: string,
    action: 'attach' | 'detach',
  ): Promise<void> {
    const item = await this.assessments.findItem(t, itemRowId);
    if (!item) throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
    await this.find(t, evidenceId);
    this.lifecycle.ensureDraft(await this.lifecycle.find(t, item.assessment_id));
    const changed =
      action === 'attach'
        ? await this.repo.attach(t, {
            org_id: t.orgId,
            assessment_item_id: itemRowId,
            evidence_id: evidenceId,
            attached_by: actor.userId,
            attached_at: new Date().toISOString(),
          })
        : await this.repo.detach(t, itemRowId, evidenceId);
    if (!changed) return;
    await this.assessments.markForReview(t, itemRowId);
    await this.audit.record(t.db, {
      orgId: t.orgId,
      actorUserId: actor.userId,
      action: `evidence.${action}`,
      targetType: 'assessment_item',
      targetId: itemRowId,
      after: { evidenceId },
    });
  }

  async open(orgId: string, evidenceId: string): Promise<{ row: EvidenceRow; stream: Readable }> {
    const row = await this.get(orgId, evidenceId);
    if (row.kind !== 'file' || !row.sha256) throw new AppError(404, 'EVIDENCE_NOT_FOUND');
    return { row, stream: await this.store.open(row.sha256) };
  }
}
