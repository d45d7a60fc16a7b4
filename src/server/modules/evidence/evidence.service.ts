import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
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

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The organisation's evidence library: files, links and notes, and their attachment to items. */
export class EvidenceService {
  constructor(
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

  async get(orgId: string, id: string): Promise<EvidenceRow> {
    const row = await this.repo.find(orgId, id);
    if (!row) throw new AppError(404, 'EVIDENCE_NOT_FOUND');
    return row;
  }

  list(orgId: string, limit: number, after?: { createdAt: string; id: string }) {
    return this.repo.list(orgId, limit, after);
  }

  /** Streams the upload into the content store; only then is a database row written. */
  async uploadFile(actor: Actor, file: Readable, filename: string, meta: EvidenceMeta): Promise<EvidenceRow> {
    const stored = await this.store.put(file, { maxBytes: this.maxUploadBytes });
    return this.insert(actor, {
      kind: 'file',
      title: meta.title?.trim() || filename,
      sha256: stored.sha256,
      size_bytes: stored.size,
      mime_type: stored.type.mime,
      original_filename: filename,
      valid_until: meta.validUntil ?? null,
    });
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

  private async insert(actor: Actor, fields: Partial<EvidenceRow> & Pick<EvidenceRow, 'kind' | 'title'>) {
    const row: EvidenceRow = {
      id: randomUUID(),
      org_id: actor.orgId,
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
    await this.assessments.transaction(async (trx) => {
      await this.repo.insert(trx, row);
      await this.audit.record(trx, {
        orgId: actor.orgId,
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
        },
      });
    });
    return row;
  }

  /** Attaching changes the item's content, so it follows the same lock as answers. */
  async attach(actor: Actor, itemRowId: string, evidenceId: string): Promise<void> {
    await this.changeAttachment(actor, itemRowId, evidenceId, 'attach');
  }

  async detach(actor: Actor, itemRowId: string, evidenceId: string): Promise<void> {
    await this.changeAttachment(actor, itemRowId, evidenceId, 'detach');
  }

  private async changeAttachment(
    actor: Actor,
    itemRowId: string,
    evidenceId: string,
    action: 'attach' | 'detach',
  ) {
    await this.assessments.transaction(async (trx) => {
      const item = await this.assessments.findItem(actor.orgId, itemRowId, trx);
      if (!item) throw new AppError(404, 'ASSESSMENT_ITEM_NOT_FOUND');
      if (!(await this.repo.find(actor.orgId, evidenceId, trx)))
        throw new AppError(404, 'EVIDENCE_NOT_FOUND');
      this.lifecycle.ensureDraft(await this.lifecycle.get(actor.orgId, item.assessment_id, trx));
      const changed =
        action === 'attach'
          ? await this.repo.attach(trx, {
              org_id: actor.orgId,
              assessment_item_id: itemRowId,
              evidence_id: evidenceId,
              attached_by: actor.userId,
              attached_at: new Date().toISOString(),
            })
          : await this.repo.detach(trx, actor.orgId, itemRowId, evidenceId);
      if (!changed) return;
      await this.assessments.markForReview(trx, actor.orgId, itemRowId);
      await this.audit.record(trx, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: `evidence.${action}`,
        targetType: 'assessment_item',
        targetId: itemRowId,
        after: { evidenceId },
      });
    });
  }

  async open(orgId: string, evidenceId: string): Promise<{ row: EvidenceRow; stream: Readable }> {
    const row = await this.get(orgId, evidenceId);
    if (row.kind !== 'file' || !row.sha256) throw new AppError(404, 'EVIDENCE_NOT_FOUND');
    return { row, stream: await this.store.open(row.sha256) };
  }
}
