import { registerMessages } from '.';

// The reasons and roles shown beside refused actions, registered with the first page that shows abilities.
registerMessages(import.meta.glob('./locales/*/abilities.json', { eager: true, import: 'default' }));
