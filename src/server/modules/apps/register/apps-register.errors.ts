import { registerErrorMessages } from '../../../platform/errors.js';

registerErrorMessages({
  APP_NOT_FOUND: { 'zh-TW': '找不到此行動應用程式。', en: 'Mobile app not found.' },
  APP_RELEASE_NOT_FOUND: { 'zh-TW': '找不到此版本。', en: 'Release not found.' },
  APP_ATTESTATION_NOT_FOUND: { 'zh-TW': '找不到此委外廠商聲明。', en: 'Vendor attestation not found.' },
  APP_TEMPLATE_NOT_FOUND: { 'zh-TW': '找不到此通知範本。', en: 'Notification template not found.' },
  APP_BUNDLE_ID_TAKEN: {
    'zh-TW': '已有其他應用程式使用此套件名稱（bundle ID）。',
    en: 'Another app already uses this package name (bundle ID).',
  },
  APP_RELEASE_EXISTS: {
    'zh-TW': '此應用程式已有相同版本與組建編號的版本。',
    en: 'This app already has a release with that version and build number.',
  },
  APP_RELEASE_ALREADY_RELEASED: {
    'zh-TW': '此版本已上架，不能再變更。',
    en: 'This release has been released and can no longer change.',
  },
  APP_RELEASE_NOT_SCANNED: {
    'zh-TW': '此版本尚未掃描，不能上架（第 17 條）。',
    en: 'This release has not been scanned and cannot be released (Art. 17).',
  },
  APP_RELEASE_GATE_BLOCKED: {
    'zh-TW': '掃描結果阻擋此版本上架；須由核准者記錄有期限的風險接受。',
    en: 'The scan blocks this release; an approver must record a risk acceptance with an expiry.',
  },
  APP_RELEASE_ATTESTATIONS_OUTSTANDING: {
    'zh-TW': '委外開發的應用程式須先取得廠商的各項聲明（第 17 條第 2 項）。',
    en: 'An outside developer’s app needs the vendor’s attestations first (Art. 17.2).',
  },
  APP_RISK_ACCEPTANCE_NOT_NEEDED: {
    'zh-TW': '此版本的掃描未阻擋上架，不需要風險接受。',
    en: 'The scan does not block this release; no risk acceptance is needed.',
  },
  APP_RISK_ACCEPTANCE_EXPIRY_INVALID: {
    'zh-TW': '風險接受的到期日須在今天之後、一年之內。',
    en: 'A risk acceptance must expire after today and within one year.',
  },
  APP_ATTESTATION_DUE_AFTER_RELEASE: {
    'zh-TW': '廠商聲明的期限須在版本上架日之前。',
    en: 'A vendor attestation must be due before the release date.',
  },
  APP_ATTESTATION_NOT_NEEDED: {
    'zh-TW': '自行開發的應用程式不需要委外廠商聲明。',
    en: 'An in-house app needs no vendor attestation.',
  },
  APP_SCAN_WRONG_APP: {
    'zh-TW': '掃描結果的套件名稱與此應用程式不符。',
    en: 'The scan is of a different package than this app.',
  },
  APP_SCAN_VERSION_MISSING: {
    'zh-TW': '掃描結果未含版本與組建編號，請另行指定。',
    en: 'The scan names no version and build number; give them with the upload.',
  },
});
