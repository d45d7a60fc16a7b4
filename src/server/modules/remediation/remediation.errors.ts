import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  REMEDIATION_NOT_FOUND: { 'zh-TW': '找不到此改善項目。', en: 'Remediation item not found.' },
  REMEDIATION_MILESTONE_NOT_FOUND: { 'zh-TW': '找不到此里程碑。', en: 'Milestone not found.' },
  RISK_ACCEPTANCE_NOT_FOUND: { 'zh-TW': '找不到此風險接受紀錄。', en: 'Risk acceptance not found.' },
  REMEDIATION_STATUS_INVALID: {
    'zh-TW': '此改善項目目前的狀態不允許這項操作。',
    en: 'The remediation item’s status does not allow this.',
  },
  REMEDIATION_CLOSURE_NEEDS_EVIDENCE: {
    'zh-TW': '結案須附上佐證資料。',
    en: 'Closing needs evidence.',
  },
  REMEDIATION_SECOND_PERSON_REQUIRED: {
    'zh-TW': '結案須由申請人以外的另一位具權限人員確認。',
    en: 'Closure must be confirmed by a second person, not the one who requested it.',
  },
  REMEDIATION_NOT_A_GAP: {
    'zh-TW': '此檢核項目並非「部分符合」或「不符合」，無須改善計畫。',
    en: 'This item is not answered partially or non-compliant; it needs no plan.',
  },
  RISK_ACCEPTANCE_NOT_ACTIVE: {
    'zh-TW': '此改善項目目前沒有有效的風險接受。',
    en: 'The remediation item has no active risk acceptance.',
  },
  REMEDIATION_NOT_AWAITING_CLOSURE: {
    'zh-TW': '此改善項目尚未申請結案。',
    en: 'No closure has been requested for this item.',
  },
  RISK_ACCEPTANCE_EXPIRY_INVALID: {
    'zh-TW': '風險接受的到期日須晚於今天，且不超過三年。',
    en: 'A risk acceptance must expire after today and within three years.',
  },
});
