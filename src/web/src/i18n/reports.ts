import { registerMessages } from '.';

// The reports feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/reports.json', { eager: true, import: 'default' }));
