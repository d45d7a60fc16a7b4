import { registerMessages } from '.';

// The questionnaire feature's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/questionnaire.json', { eager: true, import: 'default' }));
