import { registerMessages } from '.';

// The providers feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/providers.json', { eager: true, import: 'default' }));
