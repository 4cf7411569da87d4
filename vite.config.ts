import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import electron from 'vite-plugin-electron/simple';

const root = import.meta.dirname;
const at = (p: string) => path.resolve(root, p);

/** Native and optional modules stay outside the main-process bundle. */
const mainExternals = ['better-sqlite3', 'ws', 'bufferutil', 'utf-8-validate', 'mediasoup'];

/**
 * index.html carries the studio's CSP as a <meta>, which forbids inline
 * scripts; the dev server's React Fast Refresh needs one, so pages from the
 * dev server go without the <meta>. Built pages keep it.
 */
const devServerWithoutCspMeta: Plugin = {
  name: 'studio:dev-server-without-csp-meta',
  apply: 'serve',
  transformIndexHtml: {
    order: 'pre',
    handler: (html) => html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, ''),
  },
};

export default defineConfig({
  root: at('src/renderer'),
  base: './',
  publicDir: at('resources/public'),
  build: {
    outDir: at('dist/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
  },
  server: { port: 5173, strictPort: true },
  plugins: [
    devServerWithoutCspMeta,
    react(),
    electron({
      main: {
        // The catalog parser runs in a worker thread (src/main/catalog/parse-in-worker.ts): its own entry, beside index.js.
        entry: { index: at('src/main/index.ts'), 'catalog-parse-worker': at('src/main/catalog/import/parse-worker.ts') },
        vite: { build: { outDir: at('dist-electron'), rolldownOptions: { external: mainExternals } } },
      },
      preload: {
        // Sandboxed preloads must be CommonJS in one file.
        input: at('src/preload/index.ts'),
        vite: {
          build: {
            outDir: at('dist-electron'),
            rolldownOptions: { output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
          },
        },
      },
    }),
  ],
});
