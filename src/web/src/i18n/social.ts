import { registerMessages } from '.';

// The social media feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/social.json', { eager: true, import: 'default' }));
