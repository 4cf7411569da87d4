// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import lss from './eslint/local-plugin.js';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'url', 'util', 'stream', 'events'];

// Test code stays out of what ships and out of what benchmarks load (tests/README.md). These use
// @typescript-eslint/no-restricted-imports so they add to, not replace, the folder rules below.
const testCode = {
  vitest: { regex: '^(vitest|@vitest/.*)(/.*)?$', message: 'Only tests import vitest: a harness that registers hooks crashes `npm run bench`.' },
  testFile: { regex: '\\.test(\\.[cm]?[jt]sx?)?$', message: 'Import what a test shares from tests/harness/, not a test file.' },
  testSupport: { regex: 'test-support', message: 'Test support lives in tests/support/ (vitest worlds) or tests/harness/ (vitest-free).' },
  support: { regex: '(^|/)support/', message: 'tests/support/ is for vitest tests; share vitest-free code through tests/harness/.' },
  anyTests: { regex: '(^|/)tests/', message: 'Production code imports nothing from tests/.' },
};

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
    // The SFU runs on a server too (`studio sfu`): it speaks the protocol and never reaches into the studio.
    files: ['src/sfu/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron'], message: 'Only src/main/electron/ may import electron.' },
            { group: ['**/main/**', '**/renderer/**'], message: 'src/sfu imports nothing from the studio: only src/shared and its own files.' },
          ],
        },
      ],
    },
  },
  {
    // Feature folders import each other one way only (a test may reach across them).
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    plugins: { lss },
    rules: { 'lss/no-folder-cycles': ['error', { roots: ['src/main', 'src/renderer'] }] },
  },
  {
    // Every source file stays small enough to read in one sitting.
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['eslint/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The UI's hooks: called in the same order every render, and effects list what they read.
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
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
  {
    // Production code under src/: no test code at all.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [testCode.vitest, testCode.testFile, testCode.testSupport, testCode.anyTests] },
      ],
    },
  },
  {
    // Benchmarks and scripts run outside vitest: vitest-free harnesses only.
    files: ['bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [testCode.vitest, testCode.testFile, testCode.testSupport, testCode.support] },
      ],
    },
  },
  {
    // Harnesses are shared with the benchmarks: never vitest, directly or through tests/support or a test file.
    files: ['tests/harness/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [testCode.vitest, testCode.testFile, testCode.testSupport, testCode.support] },
      ],
    },
  },
  {
    // Specs take `test` from the studio fixture, which closes every browser context a test opens.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@playwright/test',
              importNames: ['test'],
              message: "Import test from './studio-fixture.js': it closes the browser contexts a test opens.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
