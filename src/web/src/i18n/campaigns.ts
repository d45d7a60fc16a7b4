import { registerMessages } from '.';

// The campaigns feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/campaigns.json', { eager: true, import: 'default' }));
