import type { TenantScope } from '../../db/tenancy/tenant-scope.js';
import { rolesGranting } from '../identity/abilities.js';
import { absoluteLink, registerNotificationKind } from '../notifications/notification-kinds.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { RemediationRepository, RemediationRow } from './remediation.repository.js';

export const CLOSURE_REQUESTED = 'remediation-closure-requested';

interface ClosureRequestedPayload {
  title: string;
  note: string;
  link: string;
}

registerNotificationKind<ClosureRequestedPayload>(CLOSURE_REQUESTED, {
  category: 'workflow',
  render(p, locale, { publicUrl }) {
    const url = absoluteLink(p.link, publicUrl);
    if (locale === 'en') {
      const title = `Closure awaits your confirmation: ${p.title}`;
      return {
        title,
        subject: `Jianhe: ${title}`,
        text: [
          `Closing “${p.title}” was requested with evidence. A second person must confirm or reject it.`,
          p.note ? `Note: ${p.note}` : '',
          '',
          url,
        ].join('\n'),
        link: p.link,
      };
    }
    const title = `待您確認結案：${p.title}`;
    return {
      title,
      subject: `檢核 Jianhe：${title}`,
      text: [
        `「${p.title}」已附佐證申請結案，須由申請人以外的另一位人員確認或退回。`,
        p.note ? `說明：${p.note}` : '',
        '',
        url,
      ].join('\n'),
      link: p.link,
    };
  },
});

/**
 * Tells every member who may confirm a closure (remediation:approve), except the person who asked, through
 * the one outbox, inside the request's transaction: once per request (the item's version is in the key).
 */
export function closureRequestNotifier(repo: RemediationRepository, notifications: NotificationsService) {
  return async (t: TenantScope, requestedBy: string, item: RemediationRow, note: string) => {
    const approvers = await repo.memberIdsWithRoles(t, rolesGranting('remediation:approve'));
    for (const userId of approvers.filter((id) => id !== requestedBy))
      await notifications.notify(
        t.orgId,
        userId,
        CLOSURE_REQUESTED,
        { title: item.title, note, link: `/orgs/${t.orgId}/remediation/${item.id}` },
        { dedupeKey: `closure-request:${item.id}:${item.version}`, scope: t },
      );
  };
}
