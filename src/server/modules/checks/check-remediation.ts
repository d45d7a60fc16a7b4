import type { RemediationService } from '../remediation/remediation.service.js';
import type { CheckFollowUps } from './checks.ports.js';

/**
 * A failing rule of an endpoint becomes tracked work: one remediation item per endpoint and rule, opened by
 * the first failing run and updated (not duplicated) by later ones, inside the run's transaction. Once the
 * item is completed, the next failure of the same rule opens a new one (the remediation service's rule).
 */
export function remediationFollowUps(
  items: RemediationService,
): Required<Pick<CheckFollowUps, 'rulesFailed'>> {
  return {
    async rulesFailed(t, { endpoint, failing }) {
      for (const rule of failing) {
        await items.openOrUpdateFromSource(
          t.orgId,
          null,
          {
            sourceKind: 'check',
            sourceId: `${endpoint.id}:${rule.id}`,
            link: `/orgs/${t.orgId}/checks/endpoints/${endpoint.id}`,
            title: `${endpoint.host}:${endpoint.port}（${endpoint.purpose}）未通過 ${rule.id}`,
            description: `${rule.message['zh-TW']}\n${rule.message.en}`,
            riskStatement: rule.message['zh-TW'],
            ownerId: endpoint.owner_user_id ?? endpoint.created_by,
            // Not the run id: a risk accepted for this rule stays valid while later runs fail the same way.
            basis: rule.status,
          },
          t,
        );
      }
    },
  };
}
