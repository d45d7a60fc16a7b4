import type { Bilingual } from '../../platform/i18n.js';
import { type Canvas, clip } from './pdf-canvas.js';
import { MARGIN } from './pdf-style.js';
import { Table } from './pdf-table.js';
import type { ReportSocialRegister } from './report-model.js';

const FONT_SIZE = 8.5;
const OVERDUE = '#e03131';

const TEXT = {
  heading: { 'zh-TW': '社群媒體帳號清冊及審閱', en: 'Social media register and reviews' },
  accounts: { 'zh-TW': '官方帳號', en: 'Official accounts' },
  reviews: { 'zh-TW': '平台風險評估及隱私權政策審閱', en: 'Platform risk and privacy-policy reviews' },
  noAccounts: { 'zh-TW': '尚無登錄帳號。', en: 'No accounts registered.' },
  platform: { 'zh-TW': '平台', en: 'Platform' },
  handle: { 'zh-TW': '帳號名稱', en: 'Handle' },
  purpose: { 'zh-TW': '用途', en: 'Purpose' },
  status: { 'zh-TW': '狀態', en: 'Status' },
  secondFactor: { 'zh-TW': '雙因子驗證（確認日）', en: 'Second factor (verified)' },
  identity: { 'zh-TW': '標示組織名稱及聯絡方式', en: 'Profile shows the firm' },
  administrators: { 'zh-TW': '管理者', en: 'Administrators' },
  kind: { 'zh-TW': '項目', en: 'Review' },
  reviewedOn: { 'zh-TW': '最近審閱日', en: 'Last reviewed' },
  nextDueOn: { 'zh-TW': '下次到期日', en: 'Next due' },
  conclusion: { 'zh-TW': '風險結論', en: 'Conclusion' },
  excluded: { 'zh-TW': '排除（內部溝通平台）：', en: 'Excluded (internal platform): ' },
  yes: { 'zh-TW': '是', en: 'Yes' },
  no: { 'zh-TW': '否', en: 'No' },
  unverified: { 'zh-TW': '未確認', en: 'not verified' },
} satisfies Record<string, Bilingual>;

const STATUS: Record<ReportSocialRegister['accounts'][number]['status'], Bilingual> = {
  active: { 'zh-TW': '使用中', en: 'Active' },
  dormant: { 'zh-TW': '停用中', en: 'Dormant' },
  closed: { 'zh-TW': '已關閉', en: 'Closed' },
};
const KIND: Record<ReportSocialRegister['reviews'][number]['kind'], Bilingual> = {
  risk: { 'zh-TW': '平台風險評估', en: 'Platform risk' },
  privacy: { 'zh-TW': '隱私權政策審閱', en: 'Privacy policy' },
};
const STATE: Record<ReportSocialRegister['reviews'][number]['state'], Bilingual> = {
  ok: { 'zh-TW': '', en: '' },
  due_soon: { 'zh-TW': '（即將到期）', en: ' (due soon)' },
  overdue: { 'zh-TW': '（已逾期）', en: ' (overdue)' },
};
const CONCLUSION: Record<string, Bilingual> = {
  acceptable: { 'zh-TW': '可接受', en: 'Acceptable' },
  acceptable_with_measures: { 'zh-TW': '採取措施後可接受', en: 'Acceptable with measures' },
  not_acceptable: { 'zh-TW': '不可接受', en: 'Not acceptable' },
};
const SECOND_FACTOR: Record<string, Bilingual> = {
  none: { 'zh-TW': '未啟用', en: 'None' },
  sms: { 'zh-TW': '簡訊', en: 'SMS' },
  authenticator_app: { 'zh-TW': '驗證器 App', en: 'Authenticator app' },
  security_key: { 'zh-TW': '實體金鑰', en: 'Security key' },
  platform_prompt: { 'zh-TW': '平台推播確認', en: 'Platform prompt' },
  email: { 'zh-TW': '電子郵件', en: 'Email' },
  other: { 'zh-TW': '其他', en: 'Other' },
};

/**
 * 社群媒體帳號清冊及審閱: the accounts register (Art. 11) and each platform's risk (Art. 10.2) and
 * privacy-policy (Art. 11.1) review with its next due date, as the register stood when the report was made.
 */
export function socialRegister(canvas: Canvas) {
  const register = canvas.report.socialRegister;
  if (!register) return;
  const { doc, locale } = canvas;
  const t = (key: keyof typeof TEXT) => TEXT[key][locale];
  doc.addPage();
  canvas.heading(t('heading'));
  doc.font('bold').fontSize(11).text(t('accounts'), MARGIN.left, doc.y, { width: canvas.width });
  doc.moveDown(0.3);
  if (register.accounts.length === 0) {
    doc.font('regular').fontSize(10).text(t('noAccounts'), MARGIN.left, doc.y, { width: canvas.width });
  } else {
    const accounts = new Table(
      canvas,
      Table.fill(canvas, [
        { label: t('platform'), width: 70, words: true },
        { label: t('handle'), width: 110 },
        { label: t('purpose'), width: 0 },
        { label: t('status'), width: 52, words: true },
        { label: t('secondFactor'), width: 110, words: true },
        { label: t('identity'), width: 70, words: true },
        { label: t('administrators'), width: 130, words: true },
      ]),
      FONT_SIZE,
    );
    accounts.header();
    for (const a of register.accounts) {
      const method = SECOND_FACTOR[a.secondFactorMethod]?.[locale] ?? a.secondFactorMethod;
      accounts.row([
        { text: a.platform },
        { text: a.handle },
        {
          text: clip(
            a.exclusionReason ? `${t('excluded')}${a.exclusionReason}\n${a.purpose}` : a.purpose,
            locale,
          ),
        },
        { text: STATUS[a.status][locale] },
        {
          text: `${method}\n${a.secondFactorVerifiedOn ?? t('unverified')}`,
          ...(a.secondFactorVerifiedOn ? {} : { color: OVERDUE }),
        },
        { text: a.profileShowsIdentity ? t('yes') : t('no') },
        { text: a.administrators.join('\n') || '—' },
      ]);
    }
  }
  if (register.reviews.length === 0) return;
  doc.moveDown(1);
  canvas.heading(t('reviews'), 60);
  const reviews = new Table(
    canvas,
    Table.fill(canvas, [
      { label: t('kind'), width: 120, words: true },
      { label: t('platform'), width: 0 },
      { label: t('reviewedOn'), width: 90 },
      { label: t('nextDueOn'), width: 130 },
      { label: t('conclusion'), width: 150, words: true },
    ]),
    FONT_SIZE,
  );
  reviews.header();
  for (const r of register.reviews) {
    reviews.row([
      { text: KIND[r.kind][locale] },
      { text: r.platform },
      { text: r.reviewedOn },
      {
        text: `${r.nextDueOn}${STATE[r.state][locale]}`,
        ...(r.state === 'overdue' ? { color: OVERDUE } : {}),
      },
      { text: r.conclusion ? (CONCLUSION[r.conclusion]?.[locale] ?? r.conclusion) : '—' },
    ]);
  }
}
