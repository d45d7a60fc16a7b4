import { Type } from 'typebox';
import type { App } from '../../../platform/app.js';
import { errorResponses } from '../../../platform/schemas.js';
import { CalendarDate, literalUnion, Uuid } from '../../assessments/assessments.schemas.js';
import { actorOf } from '../../assessments/http.js';
import type { AppRegisterServices } from './apps.module.js';
import { Release, ReleaseDetail, ReleaseParams } from './apps.schemas.js';
import { ATTESTATION_SUBJECTS } from './domain/release-gate.js';

const errors = errorResponses(400, 401, 403, 404, 409, 413, 422);
const tags = ['apps'];
const Version = Type.Integer({ minimum: 1 });

/** One release's gate: its findings, the approver's risk acceptance, vendor attestations, and shipping it. */
export async function releaseRoutes(app: App, { releases }: AppRegisterServices): Promise<void> {
  const releaseIds = { params: { releaseId: 'appRelease' } } as const;

  app.get(
    '/api/v1/orgs/:orgId/app-releases/:releaseId',
    {
      config: { permission: 'app:read', ids: releaseIds },
      schema: {
        tags,
        operationId: 'getAppRelease',
        summary: 'A release with its findings grouped by guideline article and by MASVS group',
        params: ReleaseParams,
        response: { 200: ReleaseDetail, ...errors },
      },
    },
    async (request) => releases.detail(request.params.orgId, request.params.releaseId),
  );

  app.post(
    '/api/v1/orgs/:orgId/app-releases/:releaseId/risk-acceptance',
    {
      config: { permission: 'app:accept-risk', ids: releaseIds },
      schema: {
        tags,
        operationId: 'acceptAppReleaseRisk',
        summary: 'An approver accepts the findings that block the release, until an expiry date',
        params: ReleaseParams,
        body: Type.Object(
          {
            version: Version,
            reason: Type.String({ minLength: 1, maxLength: 5_000 }),
            expiresOn: CalendarDate,
          },
          { additionalProperties: false },
        ),
        response: { 200: Release, ...errors },
      },
    },
    async (request) =>
      releases.acceptRisk(actorOf(request, request.params.orgId), request.params.releaseId, request.body),
  );

  app.post(
    '/api/v1/orgs/:orgId/app-releases/:releaseId/release',
    {
      config: { permission: 'app:write', ids: releaseIds },
      schema: {
        tags,
        operationId: 'markAppReleased',
        params: ReleaseParams,
        body: Type.Object(
          { version: Version, releaseDate: Type.Optional(CalendarDate) },
          { additionalProperties: false },
        ),
        response: { 200: Release, ...errors },
      },
    },
    async (request) =>
      releases.markReleased(actorOf(request, request.params.orgId), request.params.releaseId, request.body),
  );

  app.post(
    '/api/v1/orgs/:orgId/app-releases/:releaseId/attestations',
    {
      config: { permission: 'app:write', ids: releaseIds },
      schema: {
        tags,
        operationId: 'addAppAttestation',
        summary: 'Ask the outside developer for an attestation (Art. 17.2), due before the release',
        params: ReleaseParams,
        body: Type.Object(
          {
            subject: literalUnion(ATTESTATION_SUBJECTS),
            dueDate: CalendarDate,
            note: Type.Optional(Type.String({ maxLength: 5_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Release, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await releases.addAttestation(
            actorOf(request, request.params.orgId),
            request.params.releaseId,
            request.body,
          ),
        ),
  );

  app.patch(
    '/api/v1/orgs/:orgId/app-attestations/:attestationId',
    {
      config: {
        permission: 'app:write',
        ids: { params: { attestationId: 'appAttestation' }, body: { evidenceId: 'evidence' } },
      },
      schema: {
        tags,
        operationId: 'updateAppAttestation',
        params: Type.Object({ orgId: Uuid, attestationId: Uuid }),
        body: Type.Object(
          {
            version: Version,
            receivedOn: Type.Optional(Type.Union([Type.Null(), CalendarDate])),
            evidenceId: Type.Optional(Type.Union([Type.Null(), Uuid])),
            note: Type.Optional(Type.String({ maxLength: 5_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Release, ...errors },
      },
    },
    async (request) =>
      releases.updateAttestation(
        actorOf(request, request.params.orgId),
        request.params.attestationId,
        request.body,
      ),
  );
}
