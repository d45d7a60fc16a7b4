import type { Clock } from '../../platform/clock.js';
import { absoluteLink, registerNotificationKind } from '../notifications/notification-kinds.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { JobScheduler } from '../scheduler/job-scheduler.js';
import type { CheckRunsService } from './check-runs.service.js';
import type { CheckFollowUps } from './checks.ports.js';

/**
 * Scheduled checks through the one scheduler: every quarter hour the `endpoint-checks` job runs each
 * endpoint whose own schedule (`next_run_at`, every `interval_hours`, daily by default) has come. A
 * certificate that expires within 30 days tells the endpoint's owner (or whoever registered it) through
 * the notification outbox, once per certificate.
 */
export const CHECK_JOB = 'endpoint-checks';
export const CERTIFICATE_EXPIRING = 'certificate-expiring';

export interface CertificateExpiringPayload {
  host: string;
  port: number;
  purpose: string;
  notAfter: string;
  daysToExpiry: number;
  link: string;
}

registerNotificationKind<CertificateExpiringPayload>(CERTIFICATE_EXPIRING, {
  category: 'reminder',
  render(p, locale, { publicUrl }) {
    const url = absoluteLink(p.link, publicUrl);
    const target = `${p.host}:${p.port}`;
    const day = p.notAfter.slice(0, 10);
    if (locale === 'en') {
      const title =
        p.daysToExpiry < 0
          ? `Certificate expired: ${p.purpose} (${target})`
          : `Certificate expires in ${p.daysToExpiry} days: ${p.purpose} (${target})`;
      return {
        title,
        subject: `Jianhe: ${title}`,
        text: [`The certificate of ${target} (${p.purpose}) expires on ${day}.`, '', url].join('\n'),
        link: p.link,
      };
    }
    const title =
      p.daysToExpiry < 0
        ? `憑證已過期：${p.purpose}（${target}）`
        : `憑證 ${p.daysToExpiry} 天後到期：${p.purpose}（${target}）`;
    return {
      title,
      subject: `檢核 Jianhe：${title}`,
      text: [`${target}（${p.purpose}）的憑證將於 ${day} 到期。`, '', url].join('\n'),
      link: p.link,
    };
  },
});

/** The follow-ups the notifications module can take today: the expiry notice to the owner. */
export function notificationFollowUps(notifications: NotificationsService): CheckFollowUps {
  return {
    async certificateExpiring(t, { endpoint, notAfter, daysToExpiry, fingerprint256 }) {
      await notifications.notify(
        t.orgId,
        endpoint.owner_user_id ?? endpoint.created_by,
        CERTIFICATE_EXPIRING,
        {
          host: endpoint.host,
          port: endpoint.port,
          purpose: endpoint.purpose,
          notAfter,
          daysToExpiry,
          link: `/orgs/${t.orgId}/checks/endpoints/${endpoint.id}`,
        } satisfies CertificateExpiringPayload,
        // Once per endpoint and certificate, in the run's transaction.
        { dedupeKey: `check:certificate:${endpoint.id}:${fingerprint256}`, scope: t },
      );
    },
  };
}

export function registerCheckJobs(scheduler: JobScheduler, runs: CheckRunsService, clock: Clock): void {
  scheduler.recurring(CHECK_JOB, '*/15 * * * *', async () => {
    await runs.runDue(clock.now());
  });
}
