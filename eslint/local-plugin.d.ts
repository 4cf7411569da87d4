import type { ESLint } from 'eslint';

/** The project's own lint rules (local-plugin.js), typed for the test that runs them. */
declare const plugin: ESLint.Plugin;
export default plugin;
