import { registerMessages } from '.';

// The mobile-app feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/apps.json', { eager: true, import: 'default' }));
