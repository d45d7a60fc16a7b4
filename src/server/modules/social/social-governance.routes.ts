import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { errorResponses } from '../../platform/schemas.js';
import { literalUnion, OrgParams } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import { SOCIAL_PLATFORMS } from './domain/platforms.js';
import type { SocialServices } from './social.module.js';
import {
  DiffPart,
  PolicyInputSchema,
  PolicyParams,
  PolicyVersion,
  PrivacyReview,
  PrivacyReviewInputSchema,
  RiskInputSchema,
  RiskParams,
  VersionBody,
} from './social.schemas.js';
import { ListAbilities, listAbilities, RiskView, withRiskAbilities } from './social-abilities.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const tags = ['social'];
const base = '/api/v1/orgs/:orgId/social';

const Person = Type.Object({ userId: Type.String(), name: Type.String(), email: Type.String() });

/** Art. 10: usage policy and acknowledgements, platform risk reviews; Art. 11.1: privacy-policy reviews. */
export async function socialGovernanceRoutes(app: App, { governance }: SocialServices): Promise<void> {
  app.get(
    `${base}/policies`,
    {
      config: { permission: 'social:read' },
      schema: {
        tags,
        operationId: 'listSocialPolicyVersions',
        params: OrgParams,
        response: {
          200: Type.Object({ items: Type.Array(PolicyVersion), abilities: ListAbilities }),
          ...errors,
        },
      },
    },
    async (request) => ({
      abilities: listAbilities(request.grants),
      items: await governance.listPolicyVersions(request.params.orgId),
    }),
  );

  app.post(
    `${base}/policies`,
    {
      config: { permission: 'social:write', ids: { body: { documentEvidenceId: 'evidence' } } },
      schema: {
        tags,
        operationId: 'createSocialPolicyVersion',
        params: OrgParams,
        body: PolicyInputSchema,
        response: { 201: PolicyVersion, ...errors },
      },
    },
    async (request, reply) => {
      const row = await governance.createPolicyVersion(actorOf(request, request.params.orgId), request.body);
      const all = await governance.listPolicyVersions(request.params.orgId);
      return reply.status(201).send(all.find((v) => v.id === row.id)!);
    },
  );

  app.get(
    `${base}/policies/:policyVersionId/acknowledgements`,
    {
      config: { permission: 'social:read', ids: { params: { policyVersionId: 'socialPolicyVersion' } } },
      schema: {
        tags,
        operationId: 'listSocialPolicyAcknowledgements',
        params: PolicyParams,
        response: {
          200: Type.Object({
            acknowledged: Type.Array(
              Type.Object({ ...Person.properties, acknowledgedAt: Type.Union([Type.Null(), Type.String()]) }),
            ),
            outstanding: Type.Array(Person),
          }),
          ...errors,
        },
      },
    },
    async (request) => governance.acknowledgements(request.params.orgId, request.params.policyVersionId),
  );

  app.post(
    `${base}/policies/:policyVersionId/acknowledgements`,
    {
      config: {
        permission: 'social:acknowledge',
        ids: { params: { policyVersionId: 'socialPolicyVersion' } },
      },
      schema: {
        tags,
        operationId: 'acknowledgeSocialPolicy',
        summary: 'The signed-in member acknowledges this version for themselves',
        params: PolicyParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await governance.acknowledge(actorOf(request, request.params.orgId), request.params.policyVersionId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/platform-risks`,
    {
      config: { permission: 'social:read' },
      schema: {
        tags,
        operationId: 'listSocialPlatformRisks',
        params: OrgParams,
        response: {
          200: Type.Object({ items: Type.Array(RiskView), abilities: ListAbilities }),
          ...errors,
        },
      },
    },
    async (request) => ({
      abilities: listAbilities(request.grants),
      items: (await governance.listRisks(request.params.orgId)).map((r) =>
        withRiskAbilities(request.grants, r),
      ),
    }),
  );

  app.post(
    `${base}/platform-risks`,
    {
      config: { permission: 'social:write' },
      schema: {
        tags,
        operationId: 'createSocialPlatformRisk',
        params: OrgParams,
        body: RiskInputSchema,
        response: { 201: RiskView, ...errors },
      },
    },
    async (request, reply) => {
      const row = await governance.createRisk(actorOf(request, request.params.orgId), request.body);
      return reply
        .status(201)
        .send(withRiskAbilities(request.grants, await governance.riskDto(request.params.orgId, row.id)));
    },
  );

  const { platform: _p, platformLabel: _l, ...riskUpdate } = RiskInputSchema.properties;
  app.patch(
    `${base}/platform-risks/:riskId`,
    {
      config: { permission: 'social:write', ids: { params: { riskId: 'socialPlatformRisk' } } },
      schema: {
        tags,
        operationId: 'updateSocialPlatformRisk',
        params: RiskParams,
        body: Type.Object(
          { ...VersionBody, ...Type.Partial(Type.Object(riskUpdate)).properties },
          { additionalProperties: false },
        ),
        response: { 200: RiskView, ...errors },
      },
    },
    async (request) => {
      const { version, ...input } = request.body;
      const { orgId, riskId } = request.params;
      await governance.updateRisk(actorOf(request, orgId), riskId, version, input);
      return withRiskAbilities(request.grants, await governance.riskDto(orgId, riskId));
    },
  );

  app.get(
    `${base}/privacy-reviews`,
    {
      config: { permission: 'social:read' },
      schema: {
        tags,
        operationId: 'getSocialPrivacyCalendar',
        summary: "Each platform's latest privacy-policy review and its next due date, soonest first",
        params: OrgParams,
        response: {
          200: Type.Object({ items: Type.Array(PrivacyReview), abilities: ListAbilities }),
          ...errors,
        },
      },
    },
    async (request) => ({
      abilities: listAbilities(request.grants),
      items: await governance.privacyCalendar(request.params.orgId),
    }),
  );

  app.post(
    `${base}/privacy-reviews`,
    {
      config: { permission: 'social:write', ids: { body: { evidenceId: 'evidence' } } },
      schema: {
        tags,
        operationId: 'recordSocialPrivacyReview',
        params: OrgParams,
        body: PrivacyReviewInputSchema,
        response: { 201: PrivacyReview, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await governance.recordPrivacyReview(actorOf(request, request.params.orgId), request.body)),
  );

  app.post(
    `${base}/privacy-reviews/diff`,
    {
      config: { permission: 'social:write' },
      schema: {
        tags,
        operationId: 'diffSocialPrivacyPolicy',
        summary:
          'Word-level diff of the pasted current policy text against the last reviewed text (changes nothing)',
        params: OrgParams,
        body: Type.Object(
          {
            platform: literalUnion(SOCIAL_PLATFORMS),
            platformLabel: Type.Optional(Type.String({ maxLength: 100 })),
            policyText: Type.String({ maxLength: 500_000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            baselineReviewId: Type.String(),
            baselineReviewedOn: Type.String(),
            baselineSha256: Type.String(),
            currentSha256: Type.String(),
            added: Type.Integer(),
            removed: Type.Integer(),
            parts: Type.Array(DiffPart),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { platform, platformLabel, policyText } = request.body;
      return governance.diffAgainstLastReview(
        request.params.orgId,
        platform,
        platform === 'other' ? (platformLabel ?? '').trim() : '',
        policyText,
      );
    },
  );
}
