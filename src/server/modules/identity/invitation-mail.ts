import type { OutgoingMail } from '../../platform/mailer.js';

/** The invitation, in zh-TW with an English paragraph; the link is the invitee's own. */
export function invitationMail(
  to: string,
  organizationName: string,
  link: string,
  expiresAt: string,
): OutgoingMail {
  const expires = expiresAt.slice(0, 10);
  return {
    to,
    subject: `檢核 Jianhe：邀請您加入「${organizationName}」 Invitation to ${organizationName}`,
    text: [
      '您好：',
      '',
      `「${organizationName}」邀請您加入其於檢核（Jianhe）的資訊安全自評工作。`,
      `請於 ${expires} 前開啟下列連結接受邀請；若您尚無帳號，可於該頁設定密碼。`,
      link,
      '若您並未預期此邀請，請忽略本信。',
      '',
      `${organizationName} invites you to its self-assessment work in Jianhe.`,
      `Open the link above before ${expires} to accept; if you have no account yet, you can set a password there.`,
      'If you did not expect this invitation, ignore this message.',
    ].join('\n'),
  };
}
