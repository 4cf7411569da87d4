import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import electron from 'vite-plugin-electron/simple';

const root = import.meta.dirname;
const at = (p: string) => path.resolve(root, p);

/** Native and optional modules stay outside the main-process bundle. */
const mainExternals = ['better-sqlite3', 'ws', 'bufferutil', 'utf-8-validate', 'mediasoup'];

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
    react(),
    electron({
      main: {
        entry: at('src/main/index.ts'),
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
