import type { OutgoingMail } from '../../platform/mailer.js';

/** The invitation, in zh-TW with an English paragraph: the provider may not read Chinese. */
export function questionnaireMail(
  to: string,
  providerName: string,
  link: string,
  expiresAt: string,
): OutgoingMail {
  const expires = expiresAt.slice(0, 10);
  return {
    to,
    subject: `雲端服務提供者問卷 Cloud provider questionnaire — ${providerName}`,
    text: [
      `${providerName} 您好：`,
      '',
      '依「雲端運算、社群媒體、行動裝置資訊安全管控指引」，敬請協助填寫雲端服務提供者問卷。',
      `問卷連結（有效至 ${expires}，提交後即失效，請勿轉寄）：`,
      link,
      '',
      'Please answer our cloud service provider questionnaire at the link above.',
      `The link is personal, valid until ${expires}, and stops working once you submit.`,
    ].join('\n'),
  };
}
