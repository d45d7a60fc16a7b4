import { registerMessages } from '.';

// The assessments feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/assessments.json', { eager: true, import: 'default' }));
