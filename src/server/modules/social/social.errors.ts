import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  SOCIAL_ACCOUNT_NOT_FOUND: { 'zh-TW': '找不到此社群媒體帳號。', en: 'Social media account not found.' },
  SOCIAL_ADMIN_NOT_FOUND: { 'zh-TW': '找不到此帳號管理者。', en: 'Account administrator not found.' },
  SOCIAL_ADMIN_INVALID: {
    'zh-TW': '管理者須為組織成員，或填寫外部人員姓名（二擇一）。',
    en: 'An administrator is either a member of the organisation or a named outsider (exactly one).',
  },
  SOCIAL_ADMIN_DUPLICATE: {
    'zh-TW': '此成員已是該帳號的管理者。',
    en: 'This member already administers the account.',
  },
  SOCIAL_EXCLUSION_REASON_REQUIRED: {
    'zh-TW': '排除於適用範圍外的帳號須說明理由（第 9 條：內部溝通平台）。',
    en: 'An account excluded from scope needs the reason (Art. 9: internal communication platform).',
  },
  SOCIAL_PLATFORM_LABEL_REQUIRED: {
    'zh-TW': '平台為「其他」時須填寫平台名稱。',
    en: 'Name the platform when it is "other".',
  },
  SOCIAL_POLICY_NOT_FOUND: {
    'zh-TW': '找不到此社群媒體使用政策版本。',
    en: 'Usage policy version not found.',
  },
  SOCIAL_RISK_NOT_FOUND: { 'zh-TW': '找不到此平台風險評估。', en: 'Platform risk review not found.' },
  SOCIAL_RISK_EXISTS: {
    'zh-TW': '此平台已有風險評估，請更新既有紀錄。',
    en: 'This platform already has a risk review; update it instead.',
  },
  SOCIAL_PRIVACY_REVIEW_NOT_FOUND: {
    'zh-TW': '找不到此平台的隱私政策檢視紀錄。',
    en: 'No privacy-policy review found for this platform.',
  },
  SOCIAL_POST_NOT_FOUND: { 'zh-TW': '找不到此貼文。', en: 'Post not found.' },
  SOCIAL_POST_STATE: {
    'zh-TW': '貼文目前的狀態不允許此操作。',
    en: 'The post is not in a state that allows this.',
  },
  SOCIAL_POST_SELF_APPROVAL: {
    'zh-TW': '不得核准或退回自己撰寫的貼文，須由另一人審核（雙人原則）。',
    en: 'You cannot decide on your own post: a second person must approve it (two-person rule).',
  },
  SOCIAL_POST_NOT_AUTHOR: {
    'zh-TW': '只有撰寫者可以修改、送審或撤回此貼文。',
    en: 'Only the author can edit, submit or withdraw this post.',
  },
  SOCIAL_POST_ACCOUNT_INACTIVE: {
    'zh-TW': '貼文目標帳號須為使用中且在適用範圍內的帳號。',
    en: 'A post can target only active, in-scope accounts.',
  },
  SOCIAL_SITE_PAGE_NOT_FOUND: { 'zh-TW': '找不到此網站頁面。', en: 'Website page not found.' },
  SOCIAL_SITE_PAGE_EXISTS: { 'zh-TW': '此網址已登錄。', en: 'This page is already registered.' },
  SOCIAL_SITE_PAGE_REQUIRED: {
    'zh-TW': '請先登錄要檢查的官方網站頁面。',
    en: 'Register the website pages to check first.',
  },
  SOCIAL_LINK_CHECK_NOT_FOUND: { 'zh-TW': '找不到此連結檢查紀錄。', en: 'Link check not found.' },
  SOCIAL_LINK_CHECK_UNAVAILABLE: {
    'zh-TW': '無法啟動瀏覽器執行連結檢查（請確認 Chromium 已安裝）。',
    en: 'The browser for the link check could not be started (is Chromium installed?).',
  },
});
