import type { Bilingual, Locale } from '../../platform/i18n.js';
import type { ReportRemediationItem } from './report-model.js';

/**
 * Words of the remediation section (PDF) and sheet (XLSX), in both languages; the status and source
 * labels are the web app's (src/web/src/i18n/locales/{zh-TW,en}/remediation.json).
 */
export const REMEDIATION_TEXT = {
  heading: { 'zh-TW': '改善計畫', en: 'Remediation plan' },
  sheet: { 'zh-TW': '改善計畫', en: 'Remediation' },
  intro: {
    'zh-TW': '本次自評缺失的改善項目（含已完成者），以及機構其他尚未結案的改善項目，以製表時為準。',
    en: 'Remediation items for this assessment’s gaps (completed ones included) and the organisation’s other unfinished items, as they stood when the report was made.',
  },
  title: { 'zh-TW': '改善項目', en: 'Item' },
  source: { 'zh-TW': '來源', en: 'Source' },
  owner: { 'zh-TW': '負責人', en: 'Owner' },
  status: { 'zh-TW': '狀態', en: 'Status' },
  planned: { 'zh-TW': '預計完成日', en: 'Planned completion' },
  actual: { 'zh-TW': '實際完成日', en: 'Actual completion' },
  milestones: { 'zh-TW': '里程碑', en: 'Milestones' },
  acceptance: { 'zh-TW': '風險接受（理由、到期日）', en: 'Risk acceptance (reason, expiry)' },
  unassigned: { 'zh-TW': '未指派', en: 'Unassigned' },
  overdue: { 'zh-TW': '（已逾期）', en: ' (overdue)' },
  done: { 'zh-TW': '已完成', en: 'done' },
  next: { 'zh-TW': '下一個', en: 'Next' },
  compensating: { 'zh-TW': '補償性措施', en: 'Compensating control' },
  expires: { 'zh-TW': '到期日', en: 'Expires' },
  otherAssessment: { 'zh-TW': '（其他自評）', en: ' (another assessment)' },
} satisfies Record<string, Bilingual>;

export const REMEDIATION_STATUS: Record<ReportRemediationItem['status'], Bilingual> = {
  open: { 'zh-TW': '待處理', en: 'Open' },
  in_progress: { 'zh-TW': '處理中', en: 'In progress' },
  awaiting_closure: { 'zh-TW': '待確認結案', en: 'Awaiting closure' },
  completed: { 'zh-TW': '已完成', en: 'Completed' },
  risk_accepted: { 'zh-TW': '已接受風險', en: 'Risk accepted' },
};

const SOURCE: Record<ReportRemediationItem['source']['kind'], Bilingual> = {
  'assessment-item': { 'zh-TW': '自評缺失', en: 'Assessment gap' },
  'register-control': { 'zh-TW': '登錄控制項', en: 'Register control' },
  check: { 'zh-TW': '自動檢測', en: 'Automated check' },
  'provider-audit': { 'zh-TW': '服務提供者稽核', en: 'Provider audit' },
  manual: { 'zh-TW': '手動建立', en: 'Created by hand' },
};

const ACCEPTANCE_STATUS: Record<NonNullable<ReportRemediationItem['riskAcceptance']>['status'], Bilingual> = {
  active: { 'zh-TW': '有效', en: 'Active' },
  expired: { 'zh-TW': '已到期', en: 'Expired' },
  stale: { 'zh-TW': '已失效（答案變更）', en: 'Stale (answer changed)' },
  revoked: { 'zh-TW': '已撤銷', en: 'Revoked' },
};

/** 「自評缺失 第 4 項」, 「自動檢測 tls-version」, 「自評缺失（其他自評）」. */
export function sourceText(item: ReportRemediationItem, locale: Locale): string {
  const { kind, reference, thisAssessment } = item.source;
  const label = SOURCE[kind][locale];
  if (kind === 'assessment-item') {
    if (!thisAssessment) return `${label}${REMEDIATION_TEXT.otherAssessment[locale]}`;
    if (reference) return locale === 'en' ? `${label}, item ${reference}` : `${label} 第 ${reference} 項`;
  }
  return reference ? `${label}\n${reference}` : label;
}

export function statusText(item: ReportRemediationItem, locale: Locale): string {
  return REMEDIATION_STATUS[item.status][locale];
}

export function plannedText(item: ReportRemediationItem, locale: Locale): string {
  if (!item.plannedCompletion) return '—';
  return item.overdue
    ? `${item.plannedCompletion}${REMEDIATION_TEXT.overdue[locale]}`
    : item.plannedCompletion;
}

/** 「1/3 已完成」 and the next open milestone with its date. */
export function milestonesText(item: ReportRemediationItem, locale: Locale): string {
  const { total, completed, next } = item.milestones;
  if (total === 0) return '—';
  const count = `${completed}/${total} ${REMEDIATION_TEXT.done[locale]}`;
  if (!next) return count;
  const open = locale === 'en' ? ` (${next.dueOn})` : `（${next.dueOn}）`;
  return `${count}\n${REMEDIATION_TEXT.next[locale]}${locale === 'en' ? ': ' : '：'}${next.title}${open}`;
}

/** The reason, the compensating control and the expiry, with the acceptance's status when it has ended. */
export function acceptanceText(item: ReportRemediationItem, locale: Locale): string {
  const a = item.riskAcceptance;
  if (!a) return '—';
  const colon = locale === 'en' ? ': ' : '：';
  return [
    a.reason,
    a.compensatingControl ? `${REMEDIATION_TEXT.compensating[locale]}${colon}${a.compensatingControl}` : '',
    locale === 'en'
      ? `${REMEDIATION_TEXT.expires[locale]} ${a.expiresOn} (${ACCEPTANCE_STATUS[a.status][locale]})`
      : `${REMEDIATION_TEXT.expires[locale]} ${a.expiresOn}（${ACCEPTANCE_STATUS[a.status][locale]}）`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}
