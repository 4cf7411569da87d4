// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'util', 'stream', 'events'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Untrusted text is rendered as React text only.' },
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Never write HTML from strings; use textContent or React.' },
        { selector: "MemberExpression[property.name='outerHTML']", message: 'Never write HTML from strings.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never write HTML from strings.' },
      ],
    },
  },
  {
    // Plain Node scripts that run before `npm install` (scripts/setup.mjs): Node's globals.
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly' },
    },
  },
  {
    // src/shared runs everywhere: no Electron, no Node, no DOM-only modules.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'src/shared must not import electron.' },
            { group: nodeBuiltins, message: 'src/shared must not import Node modules.' },
            { group: ['react', 'react-dom', 'react-dom/*'], message: 'src/shared is not UI code.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared imports nothing from the processes.' },
          ],
        },
      ],
    },
  },
  {
    // Only src/main/electron (and the entry that wires it) may import electron.
    files: ['src/main/**/*.ts', 'src/sfu/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'Only src/main/electron/ may import electron.' }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'The renderer reaches main only through window.studio.' },
            { group: nodeBuiltins, message: 'The renderer runs in a browser sandbox.' },
            // shared/sfu is the protocol (pure TS): the publisher speaks it to the SFU directly.
            { group: ['**/main/**', '**/sfu/**', '!**/shared/sfu/**'], message: 'The renderer talks to main only through window.studio.' },
          ],
        },
      ],
    },
  },
);
