import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  REGISTER_TASK_NOT_FOUND: { 'zh-TW': '找不到此待辦事項。', en: 'Register task not found.' },
  REGISTER_TASK_NOT_OPEN: {
    'zh-TW': '此待辦事項已完成。',
    en: 'This register task is already done.',
  },
  REGISTER_TASK_OTHER_SUBJECT: {
    'zh-TW': '此事件與待辦事項所指的紀錄不符。',
    en: 'The event is not about the record this task names.',
  },
});
