import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  ASSESSMENT_NOT_FOUND: { 'zh-TW': '找不到此自評。', en: 'Assessment not found.' },
  ASSESSMENT_ITEM_NOT_FOUND: { 'zh-TW': '找不到此檢核項目。', en: 'Assessment item not found.' },
  ASSESSMENT_LOCKED: {
    'zh-TW': '此自評已核定並鎖定，請重新開啟為新版次後再修改。',
    en: 'This assessment is approved and locked; reopen it as a new revision to change it.',
  },
  ASSESSMENT_NOT_EDITABLE: {
    'zh-TW': '自評目前不在可編輯狀態（審查中僅可由覆核者作業）。',
    en: 'The assessment is not editable in its current state (in review, only reviewers act).',
  },
  USER_NOT_A_MEMBER: {
    'zh-TW': '指定的人員不是本組織的成員。',
    en: 'The person named is not a member of this organisation.',
  },
  VERSION_CONFLICT: {
    'zh-TW': '資料已被他人更新，請重新載入後再修改。',
    en: 'Someone else changed this since you loaded it; reload and try again.',
  },
  INVALID_TRANSITION: {
    'zh-TW': '目前狀態無法執行此動作。',
    en: 'This action is not possible in the current state.',
  },
  ITEMS_NOT_ASSESSED: {
    'zh-TW': '仍有適用項目未評，無法送審。',
    en: 'Some applicable items are not assessed yet.',
  },
  ITEMS_INVALID: {
    'zh-TW': '部分項目缺少必要內容（例如補償性措施），無法送審。',
    en: 'Some items are missing required content (such as a compensating control).',
  },
  ITEMS_NOT_RECONFIRMED: {
    'zh-TW': '仍有延續自前期的答覆尚未重新確認，無法送審。',
    en: 'Some answers carried forward from the previous period are not re-confirmed yet.',
  },
  ITEMS_NOT_REVIEWED: {
    'zh-TW': '仍有項目未經覆核確認。',
    en: 'Some items have not been validated by a reviewer.',
  },
  RETURN_COMMENT_REQUIRED: { 'zh-TW': '退回時請填寫意見。', en: 'Returning requires a comment.' },
  SECOND_FACTOR_REQUIRED: {
    'zh-TW': '核定前須再次以雙因子驗證確認身分。',
    en: 'Sign-off requires re-confirming your second factor.',
  },
  COMPENSATING_CONTROL_REQUIRED: {
    'zh-TW': '自評結果為部分符合或不符合時，須填寫補償性措施。',
    en: 'A compensating control is required for partially compliant or non-compliant results.',
  },
  OVERRIDE_REASON_REQUIRED: {
    'zh-TW': '將不適用項目改為適用時，須說明理由。',
    en: 'Overriding a not-applicable item requires a reason.',
  },
  ITEM_OUT_OF_SCOPE: {
    'zh-TW': '此項目依適用範圍為不適用；如需評核，請先改為適用並說明理由。',
    en: 'This item is out of scope; override its applicability with a reason before assessing it.',
  },
  NOT_APPLICABLE_NEEDS_EXPLANATION: {
    'zh-TW': '適用項目自評為不適用時，須於說明欄敘明理由。',
    en: 'Answering not applicable on an in-scope item needs an explanation.',
  },
  CATALOG_NOT_FOUND_FOR_ASSESSMENT: {
    'zh-TW': '找不到指定的指引版本。',
    en: 'The catalog version was not found.',
  },
  CARRY_FORWARD_SOURCE_NOT_APPROVED: {
    'zh-TW': '只能從已核定的自評延續。',
    en: 'Answers can only be carried forward from an approved assessment.',
  },
});
