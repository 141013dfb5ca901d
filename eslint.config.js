// Typed linting: the rules that matter most for uWS are no-floating-promises and
// no-misused-promises — an async handler whose rejection is lost kills the process.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'client/dist/**', '**/dist/**', 'test-artifacts/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-console': 'off',
    },
  },
  {
    // Layers (issue 10 §8): shared/ runs in the browser and in Node unchanged — no Node
    // built-ins, no transport, no renderer (shared/tsconfig.json also types it without
    // DOM or Node).
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.bench.ts', '**/testKit.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'net', 'http'], message: 'shared/ must not use Node APIs' },
          { group: ['uWebSockets.js', 'ws', 'pixi.js'], message: 'shared/ knows no transport and no renderer' },
        ],
      }],
    },
  },
  {
    // Only the transport folders (http/, ws/) touch uWS; rooms, sessions, games, the loop do not.
    files: ['server/**/*.ts'],
    ignores: ['server/http/**', 'server/ws/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'uWebSockets.js', message: 'only server/http/ and server/ws/ import uWS' }] }],
    },
  },
  {
    // The client SDK knows no game: games depend on the SDK, never the reverse.
    files: ['client/src/sdk/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/games/**', '**/shared/game/**'], message: 'the SDK must not import a game' }] }],
    },
  },
  {
    // Library code logs through the logger; console is for CLIs (load-tests, build, main).
    files: ['shared/**/*.ts', 'server/**/*.ts'],
    ignores: ['server/main.ts', 'server/dev.ts', '**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
);
