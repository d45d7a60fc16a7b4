import { registerMessages } from '.';

// The sso feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/sso.json', { eager: true, import: 'default' }));
