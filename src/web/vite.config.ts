import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import {
  budgetViolations,
  measureRoutes,
  precompressDir,
  readBudgets,
} from '../../scripts/lib/web-assets.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * After the bundle is written: writes brotli and gzip copies of the hashed assets for the server to send
 * as they are, then fails the build when a route's first-load JavaScript is over its budget
 * (src/web/budgets.json, measured from the real manifest and those copies).
 */
function assetsCheckAndPrecompress(): Plugin {
  let outDir = '';
  return {
    name: 'jianhe-assets',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompressDir(path.join(outDir, 'assets'));
      const budgets = readBudgets(path.join(root, 'budgets.json'));
      const violations = budgetViolations(measureRoutes(outDir, budgets));
      if (violations.length > 0) {
        throw new Error(`JavaScript budget exceeded:\n  ${violations.join('\n  ')}`);
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), assetsCheckAndPrecompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Everything the entry needs in one file (fewer requests, better compression).
            { name: 'shell', tags: ['$initial'] },
            // The components that the layout and nearly every page share, so they do not scatter into
            // dozens of tiny files now that the layout is a chunk of its own.
            {
              name: 'ui',
              test: /@mantine[\\/]core[\\/]esm[\\/]components[\\/](Alert|Anchor|Button|Card|CloseButton|Container|Group|Input|InputBase|Loader|Paper|Stack|Text|TextInput|Title|Transition|UnstyledButton)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
