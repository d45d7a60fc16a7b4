import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  CAMPAIGN_NOT_FOUND: { 'zh-TW': '找不到此調查活動。', en: 'Campaign not found.' },
  ASSOCIATION_MEMBER_NOT_FOUND: { 'zh-TW': '找不到此會員。', en: 'Association member not found.' },
  ASSOCIATION_MEMBERSHIP_NOT_FOUND: {
    'zh-TW': '找不到此公會邀請或會籍。',
    en: 'Association invitation or membership not found.',
  },
  CAMPAIGN_PARTICIPATION_NOT_FOUND: {
    'zh-TW': '找不到此調查活動的參與紀錄。',
    en: 'Campaign participation not found.',
  },
  NOT_AN_ASSOCIATION: {
    'zh-TW': '只有產業類別為「公會」的組織可以邀請會員與發起調查。',
    en: 'Only an organisation of the association industry type can invite members and run campaigns.',
  },
  ASSOCIATION_MEMBER_ALREADY_INVITED: {
    'zh-TW': '此統一編號已有待回覆的邀請或有效會籍。',
    en: 'This business ID already has an open invitation or an active membership.',
  },
  ASSOCIATION_MEMBER_NOT_ACTIVE: {
    'zh-TW': '只能邀請已接受入會的會員參加調查。',
    en: 'Only members who accepted the membership can be invited to a campaign.',
  },
  ASSOCIATION_MEMBERSHIP_STATE: {
    'zh-TW': '此邀請或會籍的狀態已改變，無法執行此操作。',
    en: 'The invitation or membership is no longer in a state that allows this.',
  },
  CAMPAIGN_ALREADY_STARTED: {
    'zh-TW': '此調查的自評已經建立。',
    en: 'The campaign assessment has already been started.',
  },
  CAMPAIGN_ASSESSMENT_NOT_APPROVED: {
    'zh-TW': '只能提交已核定（簽核）的自評。',
    en: 'Only an approved (signed-off) assessment can be submitted.',
  },
  CAMPAIGN_CATALOG_MISMATCH: {
    'zh-TW': '此自評使用的檢核表版本與調查活動不同。',
    en: 'This assessment uses a different catalog version than the campaign.',
  },
  CAMPAIGN_SHARING_NOT_REQUESTED: {
    'zh-TW': '此調查未要求提供說明，無法分享項目說明。',
    en: 'This campaign did not ask for explanations; nothing can be shared.',
  },
  CAMPAIGN_UNKNOWN_ITEM: { 'zh-TW': '自評中沒有此項目。', en: 'That item is not part of the assessment.' },
  CAMPAIGN_NOT_SUBMITTED: {
    'zh-TW': '尚未提交此調查。',
    en: 'Nothing has been submitted to this campaign yet.',
  },
});
