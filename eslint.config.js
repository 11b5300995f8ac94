// Lint fails the build (--max-warnings 0 in package.json): a lint step that cannot fail is no check.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettierOff from 'eslint-config-prettier/flat';

export default tseslint.config(
  { ignores: ['node_modules/', '.siaga/', 'bench/results/', 'dist/', 'coverage/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // CommonJS configuration files read by tools (dependency-cruiser).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No export * barrels: import from the file that defines it.' },
      ],
    },
  },
  {
    // The pages' own browser scripts (served as they are, no build step): classic scripts for the
    // page and the service worker, with exactly the browser globals they use.
    files: ['src/web/assets/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'navigator',
          'location',
          'history',
          'fetch',
          'atob',
          'AbortController',
          'CustomEvent',
          'DOMParser',
          'Notification',
          'setInterval',
          'L',
          'self',
          'localStorage',
        ].map((name) => [name, 'readonly']),
      ),
    },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    // Pure modules import no I/O library (house style: a folder is a boundary).
    files: ['src/cap/**/*.ts', 'geo/**/*.ts'],
    ignores: ['geo/**/*-sql.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['pg', 'ioredis', 'bullmq', 'axios', 'node:fs', 'fs', 'node:net', 'node:http', 'node:https', '@electric-sql/pglite'].map(
            (name) => ({
              name,
              message: 'Pure modules do no I/O: pass data in, return data out.',
            }),
          ),
          patterns: [{ group: ['**/db/*', 'node:fs/*'], message: 'Pure modules do no I/O.' }],
        },
      ],
    },
  },
  // Layout is Prettier's (`npm run format`; checked by `npm run lint`): the style rules that would
  // disagree with it are off.
  prettierOff,
);
