import { Type } from 'typebox';
import type { App } from '../../platform/app.js';
import { errorResponses } from '../../platform/schemas.js';
import { OrgParams } from '../assessments/assessments.schemas.js';
import { actorOf } from '../assessments/http.js';
import type { HomeService } from './home.service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([Type.Null(), t]);
const Int = Type.Integer();
const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const HomeOverview = Type.Object(
  {
    today: Type.String(),
    firm: Type.Object({
      assessment: Nullable(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          period: Type.String(),
          state: Type.String(),
          dueDate: Nullable(Type.String()),
          applicable: Int,
          assessed: Int,
          compliant: Int,
          partial: Int,
          nonCompliant: Int,
          notApplicable: Int,
          complianceRate: Nullable(Type.Number()),
        }),
      ),
      gapsByChapter: Type.Array(Type.Object({ chapter: Int, partial: Int, nonCompliant: Int })),
      providers: Nullable(Type.Object({ auditsOverdue: Int, auditsDueWithin30Days: Int })),
      evidence: Type.Object({ expired: Int, expiringWithin30Days: Int }),
      remediation: Type.Object({ byStatus: Type.Record(Type.String(), Int), overdue: Int }),
    }),
    mine: Type.Object({
      assignedItems: Type.Object({
        total: Int,
        items: Type.Array(
          Type.Object({
            id: Type.String(),
            assessmentId: Type.String(),
            assessmentName: Type.String(),
            itemNumber: Int,
            questionZh: Type.String(),
            questionEn: Type.String(),
            result: Type.String(),
            dueDate: Nullable(Type.String()),
          }),
        ),
      }),
      reviewsWaiting: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), items: Int })),
      approvalsWaiting: Type.Object({
        assessments: Type.Array(Named),
        closures: Type.Array(
          Type.Object({ id: Type.String(), title: Type.String(), requestedAt: Nullable(Type.String()) }),
        ),
      }),
      remediation: Type.Array(
        Type.Object({
          id: Type.String(),
          title: Type.String(),
          status: Type.String(),
          plannedCompletion: Nullable(Type.String()),
          overdue: Type.Boolean(),
        }),
      ),
    }),
  },
  { title: 'HomeOverview' },
);

/** The signed-in landing page's data: where the firm stands and what is the caller's. */
export async function homeRoutes(app: App, home: HomeService): Promise<void> {
  app.get(
    '/api/v1/orgs/:orgId/home',
    {
      config: { permission: 'remediation:read' },
      schema: {
        tags: ['home'],
        operationId: 'getHomeOverview',
        params: OrgParams,
        response: { 200: HomeOverview, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { orgId, userId } = actorOf(request, request.params.orgId);
      return home.overview(orgId, userId, request.grants);
    },
  );
}
