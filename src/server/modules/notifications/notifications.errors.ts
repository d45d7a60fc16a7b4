import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  CALENDAR_FEED_NOT_FOUND: {
    'zh-TW': '此行事曆連結無效或已撤銷。',
    en: 'This calendar link is not valid or was revoked.',
  },
  NOTIFICATION_NOT_FOUND: { 'zh-TW': '找不到此通知。', en: 'Notification not found.' },
});
