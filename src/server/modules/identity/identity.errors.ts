import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  UNAUTHENTICATED: { 'zh-TW': '請先登入。', en: 'Please sign in.' },
  FORBIDDEN: { 'zh-TW': '您沒有執行此操作的權限。', en: 'You do not have permission to do this.' },
  INVALID_CREDENTIALS: {
    'zh-TW': '電子郵件或密碼不正確。',
    en: 'The e-mail address or password is incorrect.',
  },
  LOGIN_LOCKED: {
    'zh-TW': '登入失敗次數過多，請稍後再試。',
    en: 'Too many failed sign-in attempts; try again later.',
  },
  TOTP_REQUIRED: { 'zh-TW': '請輸入雙因子驗證碼。', en: 'Enter your two-factor authentication code.' },
  MEMBER_ALREADY_EXISTS: {
    'zh-TW': '此人員已是本組織成員；如需調整角色，請變更其角色。',
    en: 'This person is already a member; change their role instead.',
  },
  TOTP_ALREADY_ENABLED: {
    'zh-TW': '已啟用雙因子驗證；如需更換裝置，請先以驗證碼停用後再重新設定。',
    en: 'Two-factor authentication is already on; turn it off with a current code before enrolling again.',
  },
  TOTP_INVALID: { 'zh-TW': '驗證碼不正確或已使用。', en: 'The code is incorrect or has already been used.' },
  TWO_FACTOR_ENROLMENT_REQUIRED: {
    'zh-TW': '您的角色或組織要求啟用雙因子驗證，請先完成設定。',
    en: 'Your role or organisation requires two-factor authentication; enrol first.',
  },
  CSRF_TOKEN_INVALID: {
    'zh-TW': '請求缺少有效的 CSRF 權杖，請重新整理頁面。',
    en: 'The request lacks a valid CSRF token; reload the page.',
  },
  PASSWORD_TOO_WEAK: {
    'zh-TW': '密碼強度不足：至少 12 個字元，且不可為常見密碼或包含您的電子郵件、姓名。',
    en: 'Password too weak: at least 12 characters, not a common password, and not containing your e-mail or name.',
  },
  EMAIL_TAKEN: { 'zh-TW': '此電子郵件已被使用。', en: 'This e-mail address is already in use.' },
  ORGANIZATION_NAME_TAKEN: { 'zh-TW': '已有相同名稱的組織。', en: 'An organisation with this name exists.' },
  BUSINESS_ID_INVALID: {
    'zh-TW': '統一編號格式或檢查碼不正確。',
    en: 'The business ID (統一編號) is not valid.',
  },
  USER_NOT_FOUND: { 'zh-TW': '找不到此使用者。', en: 'User not found.' },
  TOKEN_PERMISSIONS_EXCEED_ROLE: {
    'zh-TW': 'API 權杖的權限不可超過您在該組織的角色。',
    en: 'An API token cannot have permissions your role does not have.',
  },
  TOKEN_LIFETIME_TOO_LONG: {
    'zh-TW': 'API 權杖的有效期限超過允許的上限（JIANHE_TOKEN_MAX_DAYS）。',
    en: 'The API token would stay valid longer than allowed (JIANHE_TOKEN_MAX_DAYS).',
  },
  SETUP_ALREADY_DONE: { 'zh-TW': '系統已完成初始設定。', en: 'Jianhe has already been set up.' },
  SETUP_TOKEN_INVALID: {
    'zh-TW': '初始設定連結無效或已使用。',
    en: 'The setup link is invalid or has been used.',
  },
  LAST_ADMIN: {
    'zh-TW': '不可移除組織最後一位管理者。',
    en: 'The last admin of an organisation cannot be removed.',
  },
  INVITATION_INVALID: {
    'zh-TW': '邀請連結無效。',
    en: 'This invitation link is not valid.',
  },
  INVITATION_NOT_OPEN: {
    'zh-TW': '此邀請已被接受、撤回或已逾期；請向邀請您的組織索取新的邀請。',
    en: 'This invitation was accepted, withdrawn or has expired; ask the organisation for a new one.',
  },
  INVITATION_FOR_ANOTHER_ADDRESS: {
    'zh-TW': '此邀請寄給其他電子郵件地址；請以受邀的帳號登入後再接受。',
    en: 'This invitation was sent to another address; sign in with the invited account to accept it.',
  },
  INVITATION_SIGN_IN_REQUIRED: {
    'zh-TW': '此電子郵件已有帳號，請先登入再接受邀請。',
    en: 'This e-mail already has an account; sign in to accept the invitation.',
  },
});
