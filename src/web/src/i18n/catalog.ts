import { registerMessages } from '.';

// The catalog feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/catalog.json', { eager: true, import: 'default' }));
