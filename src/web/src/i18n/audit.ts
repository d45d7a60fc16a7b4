import { registerMessages } from '.';

// The audit trail's labels for actions and targets, registered when the audit page is first loaded.
registerMessages(import.meta.glob('./locales/*/audit.json', { eager: true, import: 'default' }));
