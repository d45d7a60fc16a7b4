import { registerMessages } from '.';

// The invitations feature's strings (members, my invitations, the invitation link, domain claims).
registerMessages(import.meta.glob('./locales/*/invitations.json', { eager: true, import: 'default' }));
