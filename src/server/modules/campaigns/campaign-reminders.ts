import type { Tenants } from '../../db/tenancy/tenant-scope.js';
import { type Clock, calendarDateAt } from '../../platform/clock.js';
import type { Actor } from '../assessments/assessments.ports.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IdentityRepository } from '../identity/identity.repository.js';
import { absoluteLink, registerNotificationKind } from '../notifications/notification-kinds.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { AssociationService } from './association.service.js';
import type { CampaignsRepository } from './campaigns.repository.js';
import { planReminders, type RemindableStatus, reminderDedupeKey } from './domain/reminders.js';

export interface CampaignReminderPayload {
  association: string;
  campaign: string;
  period: string;
  deadline: string;
  status: RemindableStatus;
  link: string;
}

export const CAMPAIGN_REMINDER = 'campaign-reminder';

const STATUS_TEXT: Record<RemindableStatus, { 'zh-TW': string; en: string }> = {
  not_started: { 'zh-TW': '尚未開始', en: 'not started' },
  in_progress: { 'zh-TW': '填寫中', en: 'in progress' },
  late: { 'zh-TW': '已逾期', en: 'late' },
};

registerNotificationKind<CampaignReminderPayload>(CAMPAIGN_REMINDER, {
  category: 'reminder',
  render(p, locale, { publicUrl }) {
    const url = absoluteLink(p.link, publicUrl);
    if (locale === 'en') {
      const title = `${p.association} reminds you: ${p.campaign} ${p.period} is due on ${p.deadline}`;
      return {
        title,
        subject: `Jianhe: ${title}`,
        text: [
          `${p.association} asks your firm to submit its self-assessment for “${p.campaign}” (${p.period}) by ${p.deadline}.`,
          `Your firm's response is ${STATUS_TEXT[p.status].en}.`,
          '',
          url,
          '',
          'You receive this as an administrator of a member firm. Your answers stay with your firm; the association sees only your status and anonymised figures.',
        ].join('\n'),
        link: p.link,
      };
    }
    const title = `${p.association}提醒：${p.campaign}（${p.period}）請於 ${p.deadline} 前提交`;
    return {
      title,
      subject: `檢核 Jianhe：${title}`,
      text: [
        `${p.association}請貴公司於 ${p.deadline} 前提交「${p.campaign}」（${p.period}）的自評結果。`,
        `貴公司目前的狀態：${STATUS_TEXT[p.status]['zh-TW']}。`,
        '',
        url,
        '',
        '您收到此信是因為您是會員公司的管理者。作答內容留在貴公司，公會只看得到提交狀態與匿名化統計。',
      ].join('\n'),
      link: p.link,
    };
  },
});

export interface ReminderOutcome {
  participantId: string;
  memberName: string | null;
  status: RemindableStatus;
  outcome: 'sent' | 'already_today';
  recipients: number;
}

/**
 * Reminders from an association to the members that have not submitted, chosen by status, through the one
 * notification outbox: each member firm's administrators get an in-app notification and a mail in their own
 * language. Once per participant and day (Taipei): the participant's last reminder date is checked first,
 * and the outbox dedupe key makes a concurrent second request send nothing more. Audited in the
 * association's chain.
 */
export class CampaignReminderService {
  constructor(
    private readonly tenants: Tenants,
    private readonly repo: CampaignsRepository,
    private readonly identity: IdentityRepository,
    private readonly association: AssociationService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async remind(actor: Actor, campaignId: string, statuses: RemindableStatus[]): Promise<ReminderOutcome[]> {
    const now = this.clock.now();
    const today = calendarDateAt(now);
    const { campaign, members } = await this.association.board(actor.orgId, campaignId, today);
    const participants = new Map(
      (await this.repo.participants(this.tenants.scope(actor.orgId), campaignId)).map((p) => [p.id, p]),
    );
    const byId = new Map(members.map((m) => [m.participant_id, m]));
    const plan = planReminders(
      members.map((m) => ({
        participantId: m.participant_id,
        status: m.status,
        lastRemindedAt: participants.get(m.participant_id)?.last_reminded_at ?? null,
      })),
      statuses,
      today,
    );
    const associationName = (await this.identity.findOrganization(actor.orgId))?.name ?? '';
    const outcomes: ReminderOutcome[] = plan.alreadyToday.map((c) => ({
      participantId: c.participantId,
      memberName: byId.get(c.participantId)?.member_name ?? null,
      status: c.status as RemindableStatus,
      outcome: 'already_today',
      recipients: 0,
    }));
    const at = now.toISOString();
    const dayStart = new Date(`${today}T00:00:00+08:00`).toISOString();
    const sent: string[] = [];
    for (const c of plan.remind) {
      const participant = participants.get(c.participantId)!;
      const outcome: ReminderOutcome = {
        participantId: c.participantId,
        memberName: byId.get(c.participantId)?.member_name ?? null,
        status: c.status as RemindableStatus,
        outcome: 'already_today',
        recipients: 0,
      };
      outcomes.push(outcome);
      // The claim is the once-a-day guarantee between concurrent requests; the outbox key is the second.
      const claimed = await this.tenants.transaction(actor.orgId, (t) =>
        this.repo.claimReminder(t, c.participantId, at, dayStart),
      );
      if (!claimed) continue;
      try {
        outcome.recipients = await this.notifyAdmins(participant.member_org_id, c.participantId, today, {
          association: associationName,
          campaign: campaign.name,
          period: campaign.period,
          deadline: campaign.deadline,
          status: outcome.status,
          link: `/orgs/${participant.member_org_id}/campaigns`,
        });
      } catch (error) {
        await this.repo.releaseReminder(
          this.tenants.scope(actor.orgId),
          c.participantId,
          at,
          participant.last_reminded_at,
        );
        throw error;
      }
      outcome.outcome = 'sent';
      sent.push(c.participantId);
    }
    await this.tenants.transaction(actor.orgId, (t) =>
      this.audit.record(t.db, {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'campaign.remind',
        targetType: 'campaign',
        targetId: campaignId,
        after: {
          statuses: [...statuses].sort(),
          reminded: sent.sort(),
          alreadyToday: outcomes
            .filter((o) => o.outcome === 'already_today')
            .map((o) => o.participantId)
            .sort(),
        },
      }),
    );
    return outcomes;
  }

  /** Every administrator of the member firm, each in their own language; the number notified. */
  private async notifyAdmins(
    memberOrgId: string,
    participantId: string,
    today: string,
    payload: CampaignReminderPayload,
  ): Promise<number> {
    const admins = (await this.identity.membersOfOrganization(memberOrgId)).filter((m) => m.role === 'admin');
    let notified = 0;
    for (const admin of admins) {
      const result = await this.notifications.notify(memberOrgId, admin.id, CAMPAIGN_REMINDER, payload, {
        dedupeKey: reminderDedupeKey(participantId, today, admin.id),
      });
      if (result.inApp || result.mail) notified += 1;
    }
    return notified;
  }
}
