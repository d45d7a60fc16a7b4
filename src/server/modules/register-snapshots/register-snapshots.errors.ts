import { registerErrorMessages } from '../../platform/errors.js';

registerErrorMessages({
  SNAPSHOT_AS_OF_INVALID: {
    'zh-TW': '快照的基準時間格式不正確。',
    en: 'The snapshot’s as-of time is not a valid date.',
  },
});
