import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { TenantScope, Tenants } from '../../db/tenancy/tenant-scope.js';
import { AppError, causeOf } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mailer.js';
import type { ProcessLogger } from '../../platform/process-logger.js';
import type { AssessmentLifecycleService } from '../assessments/assessment-lifecycle.service.js';
import type { Actor, AuditRecorder, CatalogItemSnapshot } from '../assessments/assessments.ports.js';
import type { AssessmentsRepository } from '../assessments/assessments.repository.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import type { ContentStore } from '../evidence/storage/content-store.js';
import {
  hashLinkToken,
  linkRefusal,
  newLinkToken,
  type ProviderAnswer,
  type QuestionnaireState,
  type QuestionPerspective,
} from './domain/questionnaire-rules.js';
import { questionnaireMail } from './questionnaire-mail.js';
import './providers.errors.js';
import type { ProvidersRepository, QuestionnaireRow } from './providers.repository.js';

export const LINK_VALID_DAYS = 30;
export const MAX_ATTACHMENTS_PER_QUESTION = 10;
export const MAX_ATTACHMENTS_PER_QUESTIONNAIRE = 100;

/** The checklist items a questionnaire asks, for an external provider or for the firm's own service. */
export type QuestionSource = (perspective: QuestionPerspective) => Promise<CatalogItemSnapshot[]>;

/** Resolves the requesting organisation's display name for the provider's page. */
export type OrganizationNames = (orgId: string) => Promise<string>;

export interface SentQuestionnaire {
  questionnaire: QuestionnaireRow;
  /** Present once, at sending: the firm copies it when no SMTP server is configured. */
  link: string;
  delivered: boolean;
}

/** Firm side and link side of provider questionnaires. The link side only ever sees one questionnaire. */
export class QuestionnaireService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: ProvidersRepository,
    private readonly questions: QuestionSource,
    private readonly store: ContentStore,
    private readonly evidence: EvidenceService,
    private readonly assessments: AssessmentsRepository,
    private readonly lifecycle: AssessmentLifecycleService,
    private readonly audit: AuditRecorder,
    private readonly mailer: Mailer | null,
    readonly maxUploadBytes: number,
    private readonly organizationName: OrganizationNames,
    private readonly log?: ProcessLogger,
  ) {}

  async send(
    actor: Actor,
    providerId: string,
    contactId: string,
    baseUrl: string,
    assessmentId: string | null,
  ) {
    const provider = await this.repo.findProvider(this.tenants.scope(actor.orgId), providerId);
    if (!provider) throw new AppError(404, 'PROVIDER_NOT_FOUND');
    const contact = await this.repo.findContact(this.tenants.scope(actor.orgId), contactId);
    if (!contact || contact.provider_id !== providerId) throw new AppError(404, 'PROVIDER_CONTACT_NOT_FOUND');
    if (assessmentId) await this.lifecycle.get(actor.orgId, assessmentId);
    const { token, hash } = newLinkToken();
    const now = new Date();
    const row: QuestionnaireRow = {
      id: randomUUID(),
      org_id: actor.orgId,
      provider_id: providerId,
      contact_id: contactId,
      assessment_id: assessmentId,
      token_hash: hash,
      expires_at: new Date(now.getTime() + LINK_VALID_DAYS * 86_400_000).toISOString(),
      status: 'sent',
      sent_at: now.toISOString(),
      delivery: this.mailer ? 'email' : 'copy-link',
      last_saved_at: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      created_by: actor.userId,
      created_at: now.toISOString(),
      version: 1,
    };
    const link = `${baseUrl}/q/${token}`;
    await this.tenants.transaction(actor.orgId, async (t) => {
      await this.repo.insertQuestionnaire(t, row);
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'questionnaire.send',
        targetType: 'questionnaire',
        targetId: row.id,
        after: { providerId, contactId, expiresAt: row.expires_at, delivery: row.delivery },
      });
    });
    // The questionnaire exists either way: if mail fails, the firm still gets the link to pass on by hand.
    let delivered = false;
    if (this.mailer) {
      delivered = await this.mailer
        .send(questionnaireMail(contact.email, provider.name, link, row.expires_at))
        .then(() => true)
        .catch((error: unknown) => {
          this.log?.warn({ cause: causeOf(error, 'smtp') }, 'questionnaire e-mail failed');
          return false;
        });
    }
    return { questionnaire: row, link, delivered } satisfies SentQuestionnaire;
  }

  async get(orgId: string, id: string) {
    const row = await this.repo.findQuestionnaire(this.tenants.scope(orgId), id);
    if (!row) throw new AppError(404, 'QUESTIONNAIRE_NOT_FOUND');
    return row;
  }

  list(orgId: string, providerId?: string) {
    return this.repo.listQuestionnaires(this.tenants.scope(orgId), providerId);
  }

  async revoke(actor: Actor, id: string) {
    const row = await this.get(actor.orgId, id);
    await this.transitionFirmSide(actor, row, 'revoked', {}, 'questionnaire.revoke');
  }

  /** Accept: every answer becomes note evidence and every attachment file evidence on the matching item. */
  async review(
    actor: Actor,
    id: string,
    decision: 'accept' | 'return',
    comment: string,
    attachTo: string | null,
  ) {
    const row = await this.get(actor.orgId, id);
    if (row.status !== 'submitted') throw new AppError(409, 'QUESTIONNAIRE_NOT_SUBMITTED');
    if (decision === 'return') {
      return this.transitionFirmSide(
        actor,
        row,
        'returned',
        { review_comment: comment },
        'questionnaire.return',
      );
    }
    const targetAssessment = attachTo ?? row.assessment_id;
    return this.tenants.transaction(actor.orgId, async (t) => {
      await this.transitionFirmSide(
        actor,
        row,
        'accepted',
        { review_comment: comment || null },
        'questionnaire.accept',
        t,
      );
      if (!targetAssessment) return;
      this.lifecycle.ensureDraft(await this.lifecycle.find(t, targetAssessment));
      const items = new Map(
        (await this.assessments.listItems(t, targetAssessment)).map((i) => [i.item_id, i]),
      );
      const [answers, attachments] = await Promise.all([
        this.repo.listAnswers(t, id),
        this.repo.listAttachments(t, id),
      ]);
      const provider = await this.repo.findProvider(t, row.provider_id);
      const origin = { source: 'provider-questionnaire', source_ref: id } as const;
      // Through the evidence service: each record and attachment is audited like any other evidence.
      const attach = async (itemId: string, evidenceId: string) => {
        const item = items.get(itemId);
        if (item) await this.evidence.changeAttachmentWithin(t, actor, item.id, evidenceId, 'attach');
      };
      for (const answer of answers) {
        const evidence = await this.evidence.insertWithin(t, actor, {
          ...origin,
          kind: 'note',
          title: `${provider?.name ?? ''} 問卷回覆 ${answer.item_id}`,
          note: `${answer.answer}: ${answer.explanation}`,
        });
        await attach(answer.item_id, evidence.id);
      }
      for (const file of attachments) {
        const evidence = await this.evidence.insertWithin(t, actor, {
          ...origin,
          kind: 'file',
          title: file.filename,
          sha256: file.sha256,
          size_bytes: file.size_bytes,
          mime_type: file.mime_type,
          original_filename: file.filename,
        });
        await attach(file.item_id, evidence.id);
      }
    });
  }

  private async transitionFirmSide(
    actor: Actor,
    row: QuestionnaireRow,
    to: QuestionnaireState,
    patch: { review_comment?: string | null },
    action: string,
    within?: TenantScope,
  ) {
    const work = async (t: TenantScope) => {
      const ok = await this.repo.updateQuestionnaireIfVersion(t, row.id, row.version, {
        status: to,
        reviewed_by: actor.userId,
        reviewed_at: new Date().toISOString(),
        ...patch,
      });
      if (!ok) throw new AppError(409, 'VERSION_CONFLICT');
      await this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action,
        targetType: 'questionnaire',
        targetId: row.id,
        before: { status: row.status },
        after: { status: to },
      });
    };
    return within ? work(within) : this.tenants.transaction(actor.orgId, work);
  }

  /** The firm's view of what the provider answered, before it decides to accept or return. */
  async replies(orgId: string, id: string) {
    const t = this.tenants.scope(orgId);
    const row = await this.get(orgId, id);
    const [questions, answers, attachments] = await Promise.all([
      this.questionsOf(row),
      this.repo.listAnswers(t, id),
      this.repo.listAttachments(t, id),
    ]);
    return { row, questions, answers, attachments };
  }

  async openAttachment(orgId: string, id: string, attachmentId: string) {
    await this.get(orgId, id);
    const row = (await this.repo.listAttachments(this.tenants.scope(orgId), id)).find(
      (a) => a.id === attachmentId,
    );
    if (!row) throw new AppError(404, 'QUESTIONNAIRE_ATTACHMENT_NOT_FOUND');
    return { row, stream: await this.store.open(row.sha256) };
  }

  /** The questions for the questionnaire's provider: provider-side items when it is the firm itself. */
  private async questionsOf(row: QuestionnaireRow): Promise<CatalogItemSnapshot[]> {
    const provider = await this.repo.findProvider(this.tenants.scope(row.org_id), row.provider_id);
    return this.questions(provider?.is_self === 1 ? 'cloud-provider' : 'cloud-user');
  }

  // ---- link side: everything below is reached only with a valid token, and touches only its questionnaire ----

  async openByToken(token: string) {
    const row = await this.repo.findQuestionnaireByTokenHash(hashLinkToken(token));
    if (!row) throw new AppError(404, 'QUESTIONNAIRE_LINK_INVALID');
    const refusal = linkRefusal(row.status as QuestionnaireState, row.expires_at);
    if (refusal) throw new AppError(410, refusal);
    return row;
  }

  async viewByToken(token: string) {
    const row = await this.openByToken(token);
    // From here on the link's own questionnaire names the organisation.
    const t = this.tenants.scope(row.org_id);
    const [questions, answers, attachments, provider, organizationName] = await Promise.all([
      this.questionsOf(row),
      this.repo.listAnswers(t, row.id),
      this.repo.listAttachments(t, row.id),
      this.repo.findProvider(t, row.provider_id),
      this.organizationName(row.org_id),
    ]);
    return { row, organizationName, providerName: provider?.name ?? '', questions, answers, attachments };
  }

  async saveByToken(
    token: string,
    answers: Array<{ itemId: string; answer: ProviderAnswer; explanation: string }>,
  ) {
    const row = await this.openByToken(token);
    const allowed = new Set((await this.questionsOf(row)).map((q) => q.itemId));
    if (answers.some((a) => !allowed.has(a.itemId)))
      throw new AppError(400, 'QUESTIONNAIRE_UNKNOWN_QUESTION');
    const at = new Date().toISOString();
    await this.tenants.transaction(row.org_id, async (t) => {
      await this.repo.upsertAnswers(
        t,
        answers.map((a) => ({
          org_id: row.org_id,
          questionnaire_id: row.id,
          item_id: a.itemId,
          answer: a.answer,
          explanation: a.explanation,
          updated_at: at,
        })),
      );
      const saved = await this.repo.updateQuestionnaireIfVersion(t, row.id, row.version, {
        status: 'in_progress',
        last_saved_at: at,
      });
      // Submitted (or saved from another tab) in the meantime: roll these answers back.
      if (!saved) throw new AppError(409, 'VERSION_CONFLICT');
    });
  }

  async attachByToken(token: string, itemId: string, file: Readable, filename: string) {
    const row = await this.openByToken(token);
    if (!(await this.questionsOf(row)).some((q) => q.itemId === itemId))
      throw new AppError(400, 'QUESTIONNAIRE_UNKNOWN_QUESTION');
    // A link is a bearer credential handed to an outsider: bound what it can put in the store. Checked
    // once before the body is read (cheap refusal) and again, authoritatively, under the row lock.
    this.ensureAttachmentRoom(
      await this.repo.listAttachments(this.tenants.scope(row.org_id), row.id),
      itemId,
    );
    const staged = await this.store.stage(file, { maxBytes: this.maxUploadBytes });
    try {
      const attachment = {
        id: randomUUID(),
        org_id: row.org_id,
        questionnaire_id: row.id,
        item_id: itemId,
        sha256: staged.sha256,
        filename,
        mime_type: staged.type.mime,
        size_bytes: staged.size,
        created_at: new Date().toISOString(),
      };
      await this.tenants.transaction(row.org_id, async (t) => {
        const current = await this.repo.lockQuestionnaire(t, row.id);
        // Still open after the upload (not submitted, revoked or expired meanwhile).
        if (!current) throw new AppError(404, 'QUESTIONNAIRE_LINK_INVALID');
        const refusal = linkRefusal(current.status as QuestionnaireState, current.expires_at);
        if (refusal) throw new AppError(410, refusal);
        this.ensureAttachmentRoom(await this.repo.listAttachments(t, row.id), itemId);
        await this.repo.insertAttachment(t, attachment);
        // The blob enters the store only with its row; a refused upload was never in it, so no blob that
        // another row shares (the store is content-addressed) is ever deleted.
        await staged.place();
      });
      return attachment;
    } finally {
      await staged.discard();
    }
  }

  private ensureAttachmentRoom(existing: Array<{ item_id: string }>, itemId: string): void {
    if (
      existing.length >= MAX_ATTACHMENTS_PER_QUESTIONNAIRE ||
      existing.filter((a) => a.item_id === itemId).length >= MAX_ATTACHMENTS_PER_QUESTION
    )
      throw new AppError(422, 'QUESTIONNAIRE_TOO_MANY_ATTACHMENTS', {
        perQuestion: MAX_ATTACHMENTS_PER_QUESTION,
        perQuestionnaire: MAX_ATTACHMENTS_PER_QUESTIONNAIRE,
      });
  }

  async submitByToken(token: string) {
    const row = await this.openByToken(token);
    const [questions, answers] = await Promise.all([
      this.questionsOf(row),
      this.repo.listAnswers(this.tenants.scope(row.org_id), row.id),
    ]);
    const answered = new Set(answers.map((a) => a.item_id));
    if (questions.some((q) => !answered.has(q.itemId))) throw new AppError(422, 'QUESTIONNAIRE_INCOMPLETE');
    await this.tenants.transaction(row.org_id, async (t) => {
      const ok = await this.repo.updateQuestionnaireIfVersion(t, row.id, row.version, {
        status: 'submitted',
        submitted_at: new Date().toISOString(),
      });
      if (!ok) throw new AppError(409, 'VERSION_CONFLICT');
    });
  }
}
