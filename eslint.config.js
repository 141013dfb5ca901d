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
    // Library code logs through the logger; console is for CLIs (load-tests, build, main).
    files: ['shared/**/*.ts', 'server/**/*.ts'],
    ignores: ['server/main.ts', 'server/dev.ts', '**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
);
