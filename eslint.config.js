/**
 * ESLint (flat config): typescript-eslint's recommended and strict rule sets
 * with type information for src/ and test/ (test/tsconfig.json gives the tests
 * their project), ESLint's recommended rules for the plain JavaScript of bin/
 * and scripts/. Formatting is prettier's (.prettierrc.json), so no stylistic
 * rules here. `npm run lint` runs both.
 */
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** The Node.js globals the scripts use (the `globals` package is not a dependency). */
const node = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'structuredClone', 'TextDecoder', 'TextEncoder'].map((name) => [
    name,
    'readonly',
  ]),
);

/** The browser globals the page of `serve` uses. */
const browser = Object.fromEntries(
  [
    'window',
    'document',
    'fetch',
    'location',
    'history',
    'navigator',
    'localStorage',
    'sessionStorage',
    'FormData',
    'URL',
    'URLSearchParams',
    'Blob',
    'File',
    'FileReader',
    'EventSource',
    'AbortController',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'console',
    'TextDecoder',
    'TextEncoder',
    'HTMLElement',
    'Node',
    'Event',
    'CustomEvent',
    'requestAnimationFrame',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(['dist/', 'out/', '.bench/', 'coverage/']),
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked, tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers in messages and PDF operators are formatted by String() on purpose (exact, locale-free);
      // everything else (objects, nullish, any) must still be made a string explicitly.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => resolve()` and `(s) => io.stderr(s)` as callbacks are idiomatic; a void value used anywhere else is still an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { dropped, ...kept } = o` leaves `dropped` unused on purpose; `_name` marks an unused parameter.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: node },
  },
  {
    // The page of `serve`, run by the browser.
    files: ['src/serve/page/**/*.js'],
    languageOptions: { globals: browser },
  },
);
