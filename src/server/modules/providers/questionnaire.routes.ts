import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses, publicOrigin } from '../../platform/schemas.js';
import { receiveUpload } from '../../platform/uploads.js';
import { literalUnion, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { attachmentDisposition } from '../evidence/content-disposition.js';
import { toQuestionnaireDto } from './providers.mappers.js';
import type { ProviderServices } from './providers.module.js';
import { AnswerInput, ProviderParams, Questionnaire } from './providers.schemas.js';

const errors = errorResponses(400, 401, 403, 404, 409, 410, 413, 415, 422);
const tags = ['questionnaires'];
const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' }) });

/**
 * Firm-side routes live under the organisation; link-side routes under /api/v1/questionnaire-links/:token
 * declare the `link-token` permission: no session, the token alone opens exactly one questionnaire.
 */
export async function questionnaireRoutes(
  app: App,
  { questionnaires }: ProviderServices,
  publicUrl: string | null,
): Promise<void> {
  app.post(
    '/api/v1/orgs/:orgId/providers/:providerId/questionnaires',
    {
      config: {
        permission: 'provider:write',
        ids: {
          params: { providerId: 'provider' },
          body: { contactId: 'providerContact', assessmentId: 'assessment' },
        },
      },
      schema: {
        tags,
        operationId: 'sendQuestionnaire',
        params: ProviderParams,
        body: Type.Object({ contactId: Uuid, assessmentId: Type.Optional(Type.Union([Type.Null(), Uuid])) }),
        response: {
          201: Type.Object({ questionnaire: Questionnaire, link: Type.String(), delivered: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const origin = publicOrigin(request, publicUrl);
      const sent = await questionnaires.send(
        actorOf(request, request.params.orgId),
        request.params.providerId,
        request.body.contactId,
        origin,
        request.body.assessmentId ?? null,
      );
      return reply.status(201).send({
        questionnaire: toQuestionnaireDto(sent.questionnaire),
        link: sent.link,
        delivered: sent.delivered,
      });
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/questionnaires/:questionnaireId',
    {
      config: { permission: 'provider:read', ids: { params: { questionnaireId: 'questionnaire' } } },
      schema: {
        tags,
        operationId: 'getQuestionnaire',
        params: Type.Object({ orgId: Uuid, questionnaireId: Uuid }),
        response: { 200: Questionnaire, ...errors },
      },
    },
    async (request) =>
      toQuestionnaireDto(await questionnaires.get(request.params.orgId, request.params.questionnaireId)),
  );

  app.post(
    '/api/v1/orgs/:orgId/questionnaires/:questionnaireId/revoke',
    {
      config: { permission: 'provider:write', ids: { params: { questionnaireId: 'questionnaire' } } },
      schema: {
        tags,
        operationId: 'revokeQuestionnaire',
        params: Type.Object({ orgId: Uuid, questionnaireId: Uuid }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await questionnaires.revoke(actorOf(request, request.params.orgId), request.params.questionnaireId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/questionnaires/:questionnaireId/review',
    {
      config: {
        permission: 'provider:write',
        ids: { params: { questionnaireId: 'questionnaire' }, body: { attachToAssessmentId: 'assessment' } },
      },
      schema: {
        tags,
        operationId: 'reviewQuestionnaire',
        summary: 'Accept (answers and attachments become evidence on the assessment) or return with comments',
        params: Type.Object({ orgId: Uuid, questionnaireId: Uuid }),
        body: Type.Object({
          decision: literalUnion(['accept', 'return'] as const),
          comment: Type.Optional(Type.String({ maxLength: 5_000 })),
          attachToAssessmentId: Type.Optional(Type.Union([Type.Null(), Uuid])),
        }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      const { decision, comment, attachToAssessmentId } = request.body;
      await questionnaires.review(
        actorOf(request, request.params.orgId),
        request.params.questionnaireId,
        decision,
        comment ?? '',
        attachToAssessmentId ?? null,
      );
      return reply.status(204).send(null);
    },
  );

  const Replies = {
    questions: Type.Array(
      Type.Object({
        itemId: Type.String(),
        number: Type.Integer(),
        question: Type.Object({ 'zh-TW': Type.String(), en: Type.String() }),
      }),
    ),
    answers: Type.Array(AnswerInput),
    attachments: Type.Array(
      Type.Object({ id: Uuid, itemId: Type.String(), filename: Type.String(), sizeBytes: Type.Integer() }),
    ),
  };
  type RepliesSource = Awaited<ReturnType<typeof questionnaires.replies>>;
  const repliesDto = (view: Pick<RepliesSource, 'questions' | 'answers' | 'attachments'>) => ({
    questions: view.questions.map((q) => ({ itemId: q.itemId, number: q.number, question: q.question })),
    answers: view.answers.map((a) => ({
      itemId: a.item_id,
      answer: a.answer as 'yes',
      explanation: a.explanation,
    })),
    attachments: view.attachments.map((a) => ({
      id: a.id,
      itemId: a.item_id,
      filename: a.filename,
      sizeBytes: Number(a.size_bytes),
    })),
  });

  app.get(
    '/api/v1/orgs/:orgId/questionnaires/:questionnaireId/replies',
    {
      config: { permission: 'provider:read', ids: { params: { questionnaireId: 'questionnaire' } } },
      schema: {
        tags,
        operationId: 'getQuestionnaireReplies',
        summary: 'The questions with the provider’s answers and attachments, for the firm to review',
        params: Type.Object({ orgId: Uuid, questionnaireId: Uuid }),
        response: { 200: Type.Object(Replies), ...errors },
      },
    },
    async (request) =>
      repliesDto(await questionnaires.replies(request.params.orgId, request.params.questionnaireId)),
  );

  app.get(
    '/api/v1/orgs/:orgId/questionnaires/:questionnaireId/attachments/:attachmentId',
    {
      config: {
        permission: 'provider:read',
        ids: { params: { questionnaireId: 'questionnaire', attachmentId: 'questionnaireAttachment' } },
      },
      schema: {
        tags,
        operationId: 'downloadQuestionnaireAttachment',
        params: Type.Object({ orgId: Uuid, questionnaireId: Uuid, attachmentId: Uuid }),
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const { orgId, questionnaireId, attachmentId } = request.params;
      const { row, stream } = await questionnaires.openAttachment(orgId, questionnaireId, attachmentId);
      reply.header('content-disposition', attachmentDisposition(row.filename));
      reply.header('content-type', row.mime_type);
      reply.header('content-security-policy', "default-src 'none'; sandbox");
      reply.header('cache-control', 'private, no-store');
      return reply.send(stream);
    },
  );

  const link = '/api/v1/questionnaire-links/:token';
  const LinkView = Type.Object({
    organizationName: Type.String(),
    providerName: Type.String(),
    status: Type.String(),
    expiresAt: Type.String(),
    reviewComment: Type.Union([Type.Null(), Type.String()]),
    ...Replies,
  });

  app.get(
    link,
    {
      config: { permission: 'link-token', ids: { params: { token: 'external' } } },
      schema: {
        tags,
        operationId: 'openQuestionnaireLink',
        params: TokenParams,
        response: { 200: LinkView, ...errors },
      },
    },
    async (request) => {
      const view = await questionnaires.viewByToken(request.params.token);
      return {
        organizationName: view.organizationName,
        providerName: view.providerName,
        status: view.row.status,
        expiresAt: view.row.expires_at,
        reviewComment: view.row.review_comment,
        ...repliesDto(view),
      };
    },
  );

  app.put(
    `${link}/answers`,
    {
      config: {
        permission: 'link-token',
        ids: { params: { token: 'external' }, body: { 'answers[].itemId': 'external' } },
      },
      schema: {
        tags,
        operationId: 'saveQuestionnaireAnswers',
        params: TokenParams,
        body: Type.Object({ answers: Type.Array(AnswerInput, { maxItems: 200 }) }),
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await questionnaires.saveByToken(request.params.token, request.body.answers);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${link}/attachments`,
    {
      config: { permission: 'link-token', ids: { params: { token: 'external' } } },
      schema: {
        tags,
        operationId: 'uploadQuestionnaireAttachment',
        params: TokenParams,
        consumes: ['multipart/form-data'],
        response: { 201: Type.Object({ id: Uuid }), ...errors },
      },
    },
    async (request, reply) => {
      const upload = await receiveUpload(request, { fileSize: questionnaires.maxUploadBytes + 1 });
      if (!upload) throw new AppError(400, 'EVIDENCE_FILE_MISSING');
      const saved = await questionnaires.attachByToken(
        request.params.token,
        upload.fields.itemId ?? '',
        upload.file,
        upload.filename,
      );
      return reply.status(201).send({ id: saved.id });
    },
  );

  app.post(
    `${link}/submit`,
    {
      config: { permission: 'link-token', ids: { params: { token: 'external' } } },
      schema: {
        tags,
        operationId: 'submitQuestionnaire',
        params: TokenParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await questionnaires.submitByToken(request.params.token);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/questionnaires',
    {
      config: { permission: 'provider:read', ids: { query: { providerId: 'provider' } } },
      schema: {
        tags,
        operationId: 'listQuestionnaires',
        params: OrgParams,
        querystring: Type.Object({ providerId: Type.Optional(Uuid) }),
        response: { 200: Type.Array(Questionnaire), ...errors },
      },
    },
    async (request) =>
      (await questionnaires.list(request.params.orgId, request.query.providerId)).map(toQuestionnaireDto),
  );
}
