import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  QUESTIONNAIRE_ATTACHMENT_NOT_FOUND: { 'zh-TW': '找不到此附件。', en: 'Attachment not found.' },
  QUESTIONNAIRE_TOO_MANY_ATTACHMENTS: {
    'zh-TW': '附件數量已達上限（每題 10 個、每份問卷 100 個）。',
    en: 'Attachment limit reached (10 per question, 100 per questionnaire).',
  },
  PROVIDER_NOT_FOUND: { 'zh-TW': '找不到此雲端服務提供者。', en: 'Cloud service provider not found.' },
  PROVIDER_LAST_AUDIT_INVALID: {
    'zh-TW': '最近一次查核日期須為有效日期，且不可晚於今天。',
    en: 'The last audit date must be a real date, not later than today.',
  },
  PROVIDER_CONTACT_NOT_FOUND: { 'zh-TW': '找不到此聯絡人。', en: 'Contact not found.' },
  INCIDENT_NOT_FOUND: { 'zh-TW': '找不到此事件紀錄。', en: 'Incident not found.' },
  QUESTIONNAIRE_NOT_FOUND: { 'zh-TW': '找不到此問卷。', en: 'Questionnaire not found.' },
  QUESTIONNAIRE_LINK_INVALID: { 'zh-TW': '問卷連結無效。', en: 'This questionnaire link is not valid.' },
  QUESTIONNAIRE_LINK_EXPIRED: {
    'zh-TW': '問卷連結已過期，請聯絡委託機構重新寄送。',
    en: 'This questionnaire link has expired; ask for a new one.',
  },
  QUESTIONNAIRE_LINK_REVOKED: {
    'zh-TW': '問卷連結已被撤銷。',
    en: 'This questionnaire link has been revoked.',
  },
  QUESTIONNAIRE_LINK_USED: {
    'zh-TW': '此問卷已提交，連結不能再使用。',
    en: 'This questionnaire has been submitted; the link can no longer be used.',
  },
  QUESTIONNAIRE_NOT_SUBMITTED: {
    'zh-TW': '問卷尚未提交，無法審閱。',
    en: 'The questionnaire has not been submitted yet.',
  },
  QUESTIONNAIRE_INCOMPLETE: { 'zh-TW': '仍有題目未回答。', en: 'Some questions are not answered yet.' },
  QUESTIONNAIRE_UNKNOWN_QUESTION: {
    'zh-TW': '問卷中沒有此題目。',
    en: 'That question is not part of this questionnaire.',
  },
});
