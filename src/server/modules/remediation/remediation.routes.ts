import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { errorResponses } from '../../platform/schemas.js';
import { CalendarDate, OrgParams, Uuid } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { AbilitySchema, ability } from '../identity/abilities.js';
import type { RemediationServices } from './remediation.module.js';
import {
  CreateRemediationBody,
  ListQuery,
  Milestone,
  MilestoneParams,
  Remediation,
  RemediationDetail,
  RemediationParams,
  RiskAcceptance,
  UpdateRemediationBody,
} from './remediation.schemas.js';
import { remediationAbilities } from './remediation-abilities.js';
import { remediationPoam } from './remediation-poam.js';

const errors = errorResponses(400, 401, 403, 404, 409, 422);
const tags = ['remediation'];
const Note = Type.String({ maxLength: 10_000 });

/** Remediation items (POA&M): list, detail, edits, milestones, closure by a second person, risk acceptance. */
export async function remediationRoutes(
  app: App,
  { items, acceptances }: RemediationServices,
  deps: {
    organization: (orgId: string) => Promise<{ id: string; name: string }>;
    recordExport: (orgId: string, userId: string) => Promise<void>;
  },
): Promise<void> {
  const base = '/api/v1/orgs/:orgId/remediation';

  app.get(
    `${base}/export.poam.json`,
    {
      config: { permission: 'report:export' },
      schema: {
        tags,
        operationId: 'exportRemediationPoam',
        description: 'OSCAL 1.0.6 plan of action and milestones built from the remediation items',
        params: OrgParams,
        response: { 200: Type.Unknown(), ...errors },
      },
    },
    async (request, reply) => {
      const { orgId, userId } = actorOf(request, request.params.orgId);
      const rows = await items.exportRows(orgId);
      await deps.recordExport(orgId, userId);
      const poam = remediationPoam({
        organization: await deps.organization(orgId),
        ...rows,
        generatedAt: new Date().toISOString(),
      });
      return reply
        .header('content-type', 'application/oscal.poam+json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="remediation.poam.json"')
        .send(JSON.stringify(poam));
    },
  );

  app.get(
    base,
    {
      config: { permission: 'remediation:read', ids: { query: { ownerId: 'member' } } },
      schema: {
        tags,
        operationId: 'listRemediation',
        params: OrgParams,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Remediation),
            nextCursor: Type.Union([Type.Null(), Type.String()]),
            abilities: Type.Object({ create: AbilitySchema }),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, cursor, ...filters } = request.query;
      const page = await items.list(request.params.orgId, filters, limit ?? 50, cursor);
      return { ...page, abilities: { create: ability(request.grants, 'remediation:write') } };
    },
  );

  app.post(
    base,
    {
      config: { permission: 'remediation:write', ids: { body: { ownerId: 'member' } } },
      schema: {
        tags,
        operationId: 'createRemediation',
        params: OrgParams,
        body: CreateRemediationBody,
        response: { 201: Remediation, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await items.create(actorOf(request, request.params.orgId), request.body)),
  );

  app.get(
    `${base}/:remediationId`,
    {
      config: { permission: 'remediation:read', ids: { params: { remediationId: 'remediationItem' } } },
      schema: {
        tags,
        operationId: 'getRemediation',
        params: RemediationParams,
        response: {
          200: RemediationDetail,
          ...errors,
        },
      },
    },
    async (request) => {
      const detail = await items.detail(request.params.orgId, request.params.remediationId);
      const abilities = remediationAbilities(request.grants, request.auth?.userId ?? null, detail.item);
      return { ...detail, abilities };
    },
  );

  app.patch(
    `${base}/:remediationId`,
    {
      config: {
        permission: 'remediation:write',
        ids: { params: { remediationId: 'remediationItem' }, body: { ownerId: 'member' } },
      },
      schema: {
        tags,
        operationId: 'updateRemediation',
        params: RemediationParams,
        body: UpdateRemediationBody,
        response: { 200: Remediation, ...errors },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      return items.update(
        actorOf(request, request.params.orgId),
        request.params.remediationId,
        version,
        patch,
      );
    },
  );

  app.post(
    `${base}/:remediationId/milestones`,
    {
      config: { permission: 'remediation:write', ids: { params: { remediationId: 'remediationItem' } } },
      schema: {
        tags,
        operationId: 'addRemediationMilestone',
        params: RemediationParams,
        body: Type.Object(
          { title: Type.String({ minLength: 1, maxLength: 300 }), dueOn: CalendarDate },
          { additionalProperties: false },
        ),
        response: { 201: Milestone, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await items.addMilestone(
            actorOf(request, request.params.orgId),
            request.params.remediationId,
            request.body,
          ),
        ),
  );

  app.patch(
    `${base}/:remediationId/milestones/:milestoneId`,
    {
      config: {
        permission: 'remediation:write',
        ids: { params: { remediationId: 'remediationItem', milestoneId: 'remediationMilestone' } },
      },
      schema: {
        tags,
        operationId: 'updateRemediationMilestone',
        params: MilestoneParams,
        body: Type.Object({ completed: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Milestone, ...errors },
      },
    },
    async (request) =>
      items.completeMilestone(
        actorOf(request, request.params.orgId),
        request.params.remediationId,
        request.params.milestoneId,
        request.body.completed,
      ),
  );

  app.post(
    `${base}/:remediationId/closure-request`,
    {
      config: {
        permission: 'remediation:write',
        ids: { params: { remediationId: 'remediationItem' }, body: { evidenceId: 'evidence' } },
      },
      schema: {
        tags,
        operationId: 'requestRemediationClosure',
        description: 'Closing needs evidence; a second person with remediation:approve confirms it.',
        params: RemediationParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), evidenceId: Uuid, note: Note },
          { additionalProperties: false },
        ),
        response: { 200: Remediation, ...errors },
      },
    },
    async (request) =>
      items.requestClosure(
        actorOf(request, request.params.orgId),
        request.params.remediationId,
        request.body,
      ),
  );

  app.post(
    `${base}/:remediationId/closure-decision`,
    {
      config: { permission: 'remediation:approve', ids: { params: { remediationId: 'remediationItem' } } },
      schema: {
        tags,
        operationId: 'decideRemediationClosure',
        description:
          'The person who requested the closure cannot confirm it (403 REMEDIATION_SECOND_PERSON_REQUIRED).',
        params: RemediationParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            decision: Type.Union([Type.Literal('confirm'), Type.Literal('reject')]),
            note: Note,
          },
          { additionalProperties: false },
        ),
        response: { 200: Remediation, ...errors },
      },
    },
    async (request) =>
      items.decideClosure(actorOf(request, request.params.orgId), request.params.remediationId, request.body),
  );

  app.post(
    `${base}/:remediationId/risk-acceptance`,
    {
      config: { permission: 'remediation:approve', ids: { params: { remediationId: 'remediationItem' } } },
      schema: {
        tags,
        operationId: 'acceptRemediationRisk',
        params: RemediationParams,
        body: Type.Object(
          {
            version: Type.Integer({ minimum: 1 }),
            reason: Type.String({ minLength: 1, maxLength: 10_000 }),
            compensatingControl: Type.String({ minLength: 1, maxLength: 10_000 }),
            expiresOn: CalendarDate,
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ item: Remediation, acceptance: RiskAcceptance }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await acceptances.accept(
            actorOf(request, request.params.orgId),
            request.params.remediationId,
            request.body,
          ),
        ),
  );

  app.post(
    `${base}/:remediationId/risk-acceptance/revoke`,
    {
      config: { permission: 'remediation:approve', ids: { params: { remediationId: 'remediationItem' } } },
      schema: {
        tags,
        operationId: 'revokeRemediationRiskAcceptance',
        description: 'Ends the active risk acceptance before its expiry; the item reopens (audited).',
        params: RemediationParams,
        body: Type.Object(
          { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: 10_000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Remediation, ...errors },
      },
    },
    async (request) =>
      acceptances.revoke(actorOf(request, request.params.orgId), request.params.remediationId, request.body),
  );
}
