import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  JOB_NOT_FOUND: { 'zh-TW': '沒有此排程工作。', en: 'No job of that name.' },
});
