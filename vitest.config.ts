import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{server,client,shared,load-tests,tests}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.soak.test.ts'],
    // uWS is a native addon: separate processes keep each file's server isolated.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
