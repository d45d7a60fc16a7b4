import { registerMessages } from '.';

// The checks feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/checks.json', { eager: true, import: 'default' }));
