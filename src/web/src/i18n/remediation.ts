import { registerMessages } from '.';

// Remediation, notifications and the home overview's strings, registered with the pages that use them.
registerMessages(import.meta.glob('./locales/*/remediation.json', { eager: true, import: 'default' }));
