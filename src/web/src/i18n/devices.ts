import { registerMessages } from '.';

// The device register's strings, registered when a component that uses them is first loaded.
registerMessages(import.meta.glob('./locales/*/devices.json', { eager: true, import: 'default' }));
