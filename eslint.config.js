// One lint config for the whole monorepo (flat config), including the house rules on who may
// import what: apps depend on packages and never the reverse; only packages/db touches Prisma's
// client; the web app takes only types from the API; a task kind never reaches into another kind,
// and the data layer never into the kinds.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const appsFromPackages = {
  paths: ['@sift/server', '@sift/web'].map((name) => ({ name, message: 'Packages never import apps: move what you need into a package.' })),
  patterns: [{ group: ['**/apps/**'], message: 'Packages never import apps: move what you need into a package.' }],
};
const prismaOutsideDb = { group: ['@prisma/*', '**/generated/prisma/**'], message: 'Only packages/db imports Prisma: use @sift/db.' };
/** no-restricted-imports for a package file, with extra patterns (a later config's options replace an earlier one's). */
const packageImports = (...patterns) => ['error', { paths: appsFromPackages.paths, patterns: [...appsFromPackages.patterns, prismaOutsideDb, ...patterns] }];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/generated/**', '.data/**', '.fixtures/**', '**/test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['packages/**/*.ts'],
    ignores: ['packages/db/**'],
    rules: { 'no-restricted-imports': packageImports() },
  },
  {
    files: ['apps/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [prismaOutsideDb] }],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: '@sift/api', message: 'The web app takes only types from the API (import type).', allowTypeImports: true }],
        patterns: [
          { group: ['@sift/db', '@sift/db/*', '@sift/tasks', '@sift/tasks/*', '@prisma/*'], message: 'The web app talks to the server through tRPC only.' },
        ],
      }],
    },
  },
  {
    files: ['packages/tasks/src/kinds/*/**/*.ts'],
    rules: {
      'no-restricted-imports': packageImports({ regex: '^\\.\\./(?!\\.\\./)', message: 'A task kind never imports another kind: move shared code to the engine or to data/.' }),
    },
  },
  {
    files: ['packages/tasks/src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': packageImports({ regex: '(^|/)kinds(/|$)', message: 'The data layer never imports task kinds: kinds write data, not the other way round.' }),
    },
  },
);
