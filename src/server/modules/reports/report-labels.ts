import type { Bilingual, Locale } from '../../platform/i18n.js';
import type { AssessmentState } from '../assessments/domain/workflow.js';
import type { ReportItem, SignoffEntry } from './report-model.js';

/**
 * Every word the exporters print, in both languages. Reports are rendered on the server, so their
 * strings live here rather than in the web app's locale files; the zh-TW column headers are the
 * published checklist's own.
 */
export const COLUMN_LABELS = {
  number: { 'zh-TW': '項次', en: 'No.' },
  chapter: { 'zh-TW': '章節', en: 'Chapter' },
  sectionName: { 'zh-TW': '章節名稱', en: 'Section' },
  question: { 'zh-TW': '檢核項目', en: 'Checklist item' },
  applicable: { 'zh-TW': '適用', en: 'Applicable' },
  result: { 'zh-TW': '自評結果', en: 'Result' },
  explanation: { 'zh-TW': '說明', en: 'Explanation' },
  compensatingControl: { 'zh-TW': '補償性措施', en: 'Compensating controls' },
  evidence: { 'zh-TW': '佐證資料', en: 'Evidence' },
  assignee: { 'zh-TW': '負責人', en: 'Owner' },
  updatedAt: { 'zh-TW': '最後更新', en: 'Last updated' },
} satisfies Record<string, Bilingual>;

export type ColumnKey = keyof typeof COLUMN_LABELS;

export const TEXT = {
  yes: { 'zh-TW': '是', en: 'Yes' },
  no: { 'zh-TW': '否', en: 'No' },
  checklistSheet: { 'zh-TW': '檢核表', en: 'Checklist' },
  summarySheet: { 'zh-TW': '摘要', en: 'Summary' },
  organization: { 'zh-TW': '機構', en: 'Organisation' },
  businessId: { 'zh-TW': '統一編號', en: 'Business ID' },
  assessment: { 'zh-TW': '評估', en: 'Assessment' },
  period: { 'zh-TW': '期間', en: 'Period' },
  status: { 'zh-TW': '狀態', en: 'Status' },
  revision: { 'zh-TW': '版次', en: 'Revision' },
  fingerprint: { 'zh-TW': '數位指紋', en: 'Fingerprint' },
  notYetApproved: { 'zh-TW': '（尚未核定）', en: '(not yet approved)' },
  catalog: { 'zh-TW': '依據', en: 'Guideline' },
  catalogVersion: { 'zh-TW': '依據版本', en: 'Guideline version' },
  generatedAt: { 'zh-TW': '產生時間', en: 'Generated' },
  chapterName: { 'zh-TW': '章名', en: 'Chapter title' },
  applicableItems: { 'zh-TW': '適用項目', en: 'Applicable' },
  itemCount: { 'zh-TW': '項目數', en: 'Items' },
  summaryArithmetic: {
    'zh-TW': '項目數 = 不適用（範圍外）+ 適用項目；適用項目 = 符合 + 部分符合 + 不符合 + 不適用 + 未評。',
    en: 'Items = out of scope + applicable; applicable = compliant + partially compliant + non-compliant + not applicable + not assessed.',
  },
  outOfScope: { 'zh-TW': '不適用（範圍外）', en: 'Out of scope' },
  complianceRate: { 'zh-TW': '符合率', en: 'Compliance rate' },
  total: { 'zh-TW': '合計', en: 'Total' },
  scoringRule: {
    'zh-TW': '符合率計算：符合計 1、部分符合計 0.5、不符合與未評計 0；不適用項目不列入分母。',
    en: 'Compliance rate: compliant 1, partially compliant 0.5, non-compliant and not assessed 0; not-applicable items are excluded.',
  },
  reportTitle: { 'zh-TW': '資訊安全自評報告', en: 'Information Security Self-Assessment Report' },
  summaryHeading: { 'zh-TW': '摘要', en: 'Summary' },
  byChapterHeading: { 'zh-TW': '各章符合率', en: 'Compliance by chapter' },
  distributionHeading: { 'zh-TW': '自評結果分布', en: 'Result distribution' },
  itemsHeading: { 'zh-TW': '檢核項目明細', en: 'Checklist items' },
  gapsHeading: {
    'zh-TW': '不符合及部分符合項目與補償性措施',
    en: 'Non-compliant and partially compliant items, with compensating controls',
  },
  noGaps: { 'zh-TW': '無不符合或部分符合項目。', en: 'No non-compliant or partially compliant items.' },
  signoffHeading: { 'zh-TW': '簽核紀錄', en: 'Sign-off' },
  noSignoff: { 'zh-TW': '尚無簽核紀錄。', en: 'No sign-off yet.' },
  signoffAction: { 'zh-TW': '簽核', en: 'Step' },
  signoffActor: { 'zh-TW': '人員', en: 'By' },
  signoffTime: { 'zh-TW': '時間', en: 'When' },
  signoffComment: { 'zh-TW': '意見', en: 'Comment' },
  evidenceHeading: { 'zh-TW': '佐證資料清單', en: 'Evidence' },
  noEvidence: { 'zh-TW': '尚無佐證資料。', en: 'No evidence attached.' },
  evidenceTitle: { 'zh-TW': '佐證資料', en: 'Title' },
  evidenceKind: { 'zh-TW': '類型', en: 'Kind' },
  validUntil: { 'zh-TW': '有效期限', en: 'Valid until' },
  expired: { 'zh-TW': '（已過期）', en: '(expired)' },
  truncated: {
    'zh-TW': '（以上為前 {limit} 字；全文共 {n} 字，請見 XLSX 匯出檔。）',
    en: '(First {limit} of {n} characters; the XLSX export has the full text.)',
  },
  page: { 'zh-TW': '第 {n} 頁', en: 'Page {n}' },
  derived: { 'zh-TW': '（衍生項目，非公告表單原文）', en: '(derived item, not in the published form)' },
  outOfScopeReason: { 'zh-TW': '範圍外', en: 'Out of scope' },
  userQualifier: { 'zh-TW': '(組織為使用者時適用)', en: '(applies when the organisation is a cloud user)' },
  providerQualifier: {
    'zh-TW': '(組織為提供者時適用)',
    en: '(applies when the organisation is a cloud provider)',
  },
  errorRow: { 'zh-TW': '列', en: 'Row' },
  errorColumn: { 'zh-TW': '欄位', en: 'Column' },
  errorCode: { 'zh-TW': '錯誤代碼', en: 'Error code' },
  errorMessage: { 'zh-TW': '說明', en: 'Message' },
} satisfies Record<string, Bilingual>;

export const STATE_LABELS: Record<AssessmentState, Bilingual> = {
  draft: { 'zh-TW': '草稿', en: 'Draft' },
  in_review: { 'zh-TW': '審查中', en: 'In review' },
  approved: { 'zh-TW': '已核定', en: 'Approved' },
};

export const SIGNOFF_LABELS: Record<SignoffEntry['action'], Bilingual> = {
  submitted: { 'zh-TW': '送審', en: 'Submitted' },
  returned: { 'zh-TW': '退回', en: 'Returned' },
  reviewed: { 'zh-TW': '覆核', en: 'Reviewed' },
  approved: { 'zh-TW': '核定', en: 'Approved' },
};

export const EVIDENCE_KIND_LABELS: Record<'file' | 'link' | 'note', Bilingual> = {
  file: { 'zh-TW': '檔案', en: 'File' },
  link: { 'zh-TW': '連結', en: 'Link' },
  note: { 'zh-TW': '說明', en: 'Note' },
};

/** 章節名稱 as the published form prints it: the section, then the role qualifier on its own line. */
export function sectionLabel(item: Pick<ReportItem, 'sectionName' | 'role'>, locale: Locale): string {
  const qualifier =
    item.role === 'cloud-user'
      ? TEXT.userQualifier[locale]
      : item.role === 'cloud-provider'
        ? TEXT.providerQualifier[locale]
        : null;
  return qualifier ? `${item.sectionName[locale]}\n${qualifier}` : item.sectionName[locale];
}

/** Timestamps print in Taiwan time (UTC+8, no daylight saving), as the firms read them. */
export function taipeiTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return `${shifted.toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}
