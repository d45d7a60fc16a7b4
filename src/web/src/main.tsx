import '@mantine/core/styles.css';
import './app/global.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoutes, preloadCurrentRoute } from './app/router';
import { theme } from './app/theme';
import { AuthProvider } from './auth/AuthProvider';
import { languageReady } from './i18n';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

preloadCurrentRoute();
// A visitor who chose English waits for its strings (one small request) rather than seeing Chinese flash.
void languageReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
